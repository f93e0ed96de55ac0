import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { WalletsView } from '../../../shared/wallets';
import { channelKey, useChannel } from './hooks';

/** How often the lists ask again while the keychain has not answered (an unlock prompt may be open). */
export const KEYCHAIN_WAIT_POLL_MS = 1_500;

/**
 * The wallets list, as every screen reads it. While the keychain has not answered
 * (`keychain.waiting`), main answers without it; this asks again until it has, then refreshes the
 * profiles, whose "seed in keychain" badges waited on the same answer.
 */
export function useWallets(): UseQueryResult<WalletsView> {
  const waiting = useRef(false);
  const wallets = useChannel(
    'listWallets',
    {},
    {
      // Another window (the web host shares the data folder) may have chosen another wallets
      // folder: a window brought back shows what main reads now before a row is acted on.
      refetchOnWindowFocus: true,
      refetchInterval: (query) => (query.state.data?.keychain.waiting ? KEYCHAIN_WAIT_POLL_MS : false),
    },
  );
  const client = useQueryClient();
  const nowWaiting = wallets.data?.keychain.waiting === true;
  useEffect(() => {
    if (waiting.current && !nowWaiting) void client.invalidateQueries({ queryKey: channelKey('listProfiles') });
    waiting.current = nowWaiting;
  }, [nowWaiting, client]);
  return wallets;
}
