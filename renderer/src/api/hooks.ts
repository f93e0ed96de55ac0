import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelResult } from '../../../shared/ipc-contract';
import type { ProfileView } from '../../../shared/profiles';
import { failureIs } from '../../../shared/errors';
import { call } from './client';
import { noteProfileChanged } from './profile-changed';

/**
 * Query keys are derived from channel names (`[channel, input]`), so a refresh names a channel
 * the compiler knows: a typo cannot silently skip one.
 */
export function channelKey<K extends Channel>(channel: K, input?: ChannelInput<K>): readonly unknown[] {
  return input === undefined ? [channel] : [channel, input];
}

export interface ChannelQueryOptions {
  enabled?: boolean;
  /** How long an answer counts as fresh (ms); explicit refreshes ignore it. */
  staleTime?: number;
  refetchInterval?: number | false;
  /** How long an answer no screen shows is kept (ms); 0 for answers that must be asked again each time. */
  gcTime?: number;
}

/** Read one channel, cached per input. */
export function useChannel<K extends Channel>(
  channel: K,
  input: ChannelInput<K>,
  options: ChannelQueryOptions = {},
): UseQueryResult<ChannelResult<K>> {
  return useQuery<ChannelResult<K>>({
    queryKey: channelKey(channel, input),
    queryFn: () => call(channel, input),
    ...options,
  });
}

/**
 * Change something through one channel, then refresh the channels whose answers it changed
 * (`'all'` after switching the active profile: every account screen then reads the new one).
 */
export function useMutationChannel<K extends Channel>(
  channel: K,
  refreshes: readonly Channel[] | 'all' = [],
): UseMutationResult<ChannelResult<K>, Error, ChannelInput<K>> {
  const client = useQueryClient();
  return useMutation<ChannelResult<K>, Error, ChannelInput<K>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: async () => {
      if (refreshes === 'all') await client.invalidateQueries();
      else await Promise.all(refreshes.map((name) => client.invalidateQueries({ queryKey: channelKey(name) })));
    },
    // Another window switched the active profile: everything on screen belongs to the old one, as
    // after a switch here, and the screens remount on the profile now active — so the refusal is
    // said by the frame (frame/profile-changed-notice.tsx), which stays.
    onError: async (error) => {
      if (!failureIs(error, 'profile-changed')) return;
      noteProfileChanged(error.message);
      await client.invalidateQueries();
    },
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
  const query = useChannel('listProfiles', {});
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
