import type { Query, QueryClient } from '@tanstack/react-query';
import { appError } from '../../../shared/errors';
import { ACCOUNT_CHANNELS } from '../../../shared/account-channels';
import type { Channel, ChannelInput, ChannelResult } from '../../../shared/ipc-contract';
import { ApiError, call } from './client';
import { followActiveProfile } from './profile-changed';

const isAccountQuery = (query: Query): boolean => ACCOUNT_CHANNELS.has(query.queryKey[0] as Channel);

/**
 * Read an account's channel for `profileId`. Main answers for whichever profile is active when the
 * call arrives, and another window can switch it at any moment: the answer is kept only if that
 * profile is still the active one once it is in. Otherwise it is dropped (it may be the other
 * account's), the window follows the switch, and the failure is `profile-changed`, which no
 * screen shows (the screen it would go to is replaced).
 */
export async function callForProfile<K extends Channel>(
  profileId: string | null,
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelResult<K>> {
  const answer = await call(channel, input);
  const { activeId } = await call('listProfiles', {});
  if (activeId === profileId) return answer;
  followActiveProfile();
  throw new ApiError(
    appError(
      'conflict',
      'The active profile changed while this was read; the screen now shows the active profile.',
      undefined,
      'profile-changed',
    ),
  );
}

/** The profile an account answer was read for (`queryKeyFor`'s last part). */
const profileOf = (query: Query): unknown => (query.queryKey[2] as { profileId?: unknown } | undefined)?.profileId;

/**
 * Run `change` (which makes another profile active, changes the active one's account, or learns
 * either), then read the profile list, so the screens remount on the profile now active. Answers
 * still on their way are dropped; the profile now active has its answers read again, any other
 * keeps them under its name, stale, for a switch back; everything else is read again.
 */
export async function whileSwitching<T>(client: QueryClient, change: () => Promise<T>): Promise<T> {
  await client.cancelQueries({ predicate: isAccountQuery });
  try {
    const result = await change();
    await client.refetchQueries({ queryKey: ['listProfiles'] });
    return result;
  } finally {
    const active = client.getQueryData<{ activeId: string | null }>(['listProfiles', {}])?.activeId ?? null;
    const ofActive = (query: Query) => isAccountQuery(query) && profileOf(query) === active;
    void client.invalidateQueries({
      predicate: (query) => isAccountQuery(query) && !ofActive(query),
      refetchType: 'none',
    });
    void client.invalidateQueries({ predicate: (query) => !isAccountQuery(query) || ofActive(query) });
  }
}
