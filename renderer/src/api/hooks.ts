import {
  useMutation,
  useQuery,
  useQueryClient,
  type Query,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { ACCOUNT_CHANNELS } from '../../../shared/account-channels';
import type { Channel, ChannelInput, ChannelResult } from '../../../shared/ipc-contract';
import type { ProfileView } from '../../../shared/profiles';
import { call } from './client';
import { callForProfile, whileSwitching } from './profile-switch';

/**
 * Query keys are derived from channel names (`[channel, input]`), so a refresh names a channel
 * the compiler knows: a typo cannot silently skip one.
 */
export function channelKey<K extends Channel>(channel: K, input?: ChannelInput<K>): readonly unknown[] {
  return input === undefined ? [channel] : [channel, input];
}

export interface ChannelQueryOptions<T = unknown> {
  enabled?: boolean;
  /** How long an answer counts as fresh (ms); explicit refreshes ignore it. */
  staleTime?: number;
  /** A function to decide from the latest answer (e.g. poll only while something is pending). */
  refetchInterval?: number | false | ((query: Query<T>) => number | false | undefined);
  /** Ask again when the window (or tab) comes back into view; off by default. */
  refetchOnWindowFocus?: boolean;
  /** How long an answer no screen shows is kept (ms); 0 for answers that must be asked again each time. */
  gcTime?: number;
}

/**
 * The active profile's id as this window last read it (null: none yet), without asking main
 * again: what account answers are cached under and checked against.
 */
export function useActiveProfileId(): string | null {
  const { data } = useQuery({
    queryKey: channelKey('listProfiles', {}),
    queryFn: () => call('listProfiles', {}),
    enabled: false,
    select: (answer: ChannelResult<'listProfiles'>) => answer.activeId,
  });
  return data ?? null;
}

/**
 * The cache key of a channel's answer. An account's answers (`ACCOUNT_CHANNELS`) are kept per
 * profile, and read only for it (`callForProfile`): after a switch, here or in another window,
 * another account's keys, secrets or chutes are never shown as this one's — not while the new
 * answer loads, nor beside its error. A prefix (`channelKey`) still reaches every profile's copy.
 */
export function queryKeyFor<K extends Channel>(
  channel: K,
  input: ChannelInput<K> | undefined,
  profileId: string | null,
): readonly unknown[] {
  return ACCOUNT_CHANNELS.has(channel) ? [channel, input, { profileId }] : channelKey(channel, input);
}

/** Read one channel, cached per input (and per profile for an account's answers). */
export function useChannel<K extends Channel>(
  channel: K,
  input: ChannelInput<K>,
  options: ChannelQueryOptions<ChannelResult<K>> = {},
): UseQueryResult<ChannelResult<K>> {
  const profileId = useActiveProfileId();
  return useQuery<ChannelResult<K>>({
    queryKey: queryKeyFor(channel, input, profileId),
    queryFn: () => (ACCOUNT_CHANNELS.has(channel) ? callForProfile(profileId, channel, input) : call(channel, input)),
    ...options,
  });
}

/**
 * Change something through one channel, then refresh the channels whose answers it changed
 * (`'all'` after switching the active profile: every account screen then reads the new one).
 * Settled either way, the activity log is read again: a signed call is recorded whether it
 * succeeded or failed, and an open Settings → Activity would otherwise miss it.
 */
export function useMutationChannel<K extends Channel>(
  channel: K,
  refreshes: readonly Channel[] | 'all' = [],
): UseMutationResult<ChannelResult<K>, Error, ChannelInput<K>> {
  const client = useQueryClient();
  return useMutation<ChannelResult<K>, Error, ChannelInput<K>>({
    mutationFn: (input) =>
      refreshes === 'all' ? whileSwitching(client, () => call(channel, input)) : call(channel, input),
    onSuccess: async () => {
      if (refreshes !== 'all')
        await Promise.all(refreshes.map((name) => client.invalidateQueries({ queryKey: channelKey(name) })));
    },
    // Not awaited: the mutation's own outcome does not wait for the log to be read.
    onSettled: () => void client.invalidateQueries({ queryKey: channelKey('listActivity') }),
  });
}

export interface ActiveProfile {
  /** null: no profile yet (or none active). */
  profile: ProfileView | null;
  profiles: ProfileView[];
  isPending: boolean;
  error: Error | null;
  /** Ask main again (whether the keychain holds the seed is part of the answer). */
  recheck: () => void;
  rechecking: boolean;
}

/** The profile every account operation acts on, and the others to switch to. */
export function useActiveProfile(): ActiveProfile {
  // Another window may have switched the profile while this one was in the background: a window
  // brought back shows the profile active now before anything is done in it.
  const query = useChannel('listProfiles', {}, { refetchOnWindowFocus: true });
  const profiles = query.data?.profiles ?? [];
  const profile = profiles.find((p) => p.id === query.data?.activeId) ?? null;
  return {
    profile,
    profiles,
    isPending: query.isPending,
    error: query.error,
    recheck: () => void query.refetch(),
    rechecking: query.isFetching,
  };
}
