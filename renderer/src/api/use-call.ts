import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelResult } from '../../../shared/ipc-contract';
import { call } from './client';

/**
 * A mutation over one contract channel that refreshes the given queries when it succeeds, so a
 * screen never shows state from before its own change.
 */
export function useCall<K extends Channel>(
  channel: K,
  invalidates: readonly string[] = [],
): UseMutationResult<ChannelResult<K>, Error, ChannelInput<K>> {
  const client = useQueryClient();
  return useMutation<ChannelResult<K>, Error, ChannelInput<K>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [key] })));
    },
  });
}
