import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './client';
import { channelKey } from './hooks';
import { KEYCHAIN_WAIT_POLL_MS, useWallets } from './use-wallets';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

const SEED = { ss58: '5Hotkey', label: 'default', addedAt: null };

function view(waiting: boolean) {
  return {
    wallets: [],
    walletsPath: '/home/u/.bittensor/wallets',
    folder: { source: 'default', defaultPath: '/home/u/.bittensor/wallets' },
    keychain: waiting ? { available: false, waiting: true, message: 'not yet' } : { available: true },
    seedsInKeychain: waiting ? null : [SEED],
  };
}

describe('useWallets', () => {
  it('asks again while the keychain has not answered, stops once it has, and then reads the profiles again', async () => {
    let walletReads = 0;
    let profileReads = 0;
    (window as { chutes?: unknown }).chutes = {
      // Two answers without the keychain, then its answer.
      listWallets: () => Promise.resolve({ ok: true, value: view(++walletReads < 3) }),
      listProfiles: () => {
        profileReads++;
        return Promise.resolve({ ok: true, value: { activeId: null, profiles: [] } });
      },
    };
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => {
        // A screen showing the profiles beside the wallets, as the frame does.
        useQuery({ queryKey: channelKey('listProfiles', {}), queryFn: () => call('listProfiles', {}) });
        return useWallets();
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.data?.keychain.waiting).toBe(true));
    expect(profileReads).toBe(1);
    await waitFor(() => expect(result.current.data?.seedsInKeychain).toEqual([SEED]), {
      timeout: KEYCHAIN_WAIT_POLL_MS * 4,
    });
    expect(walletReads).toBe(3);
    // The profiles' seed badges waited on the same answer: read again once it came.
    await waitFor(() => expect(profileReads).toBe(2));
    // And no more asking: the keychain answered.
    await new Promise((resolve) => setTimeout(resolve, KEYCHAIN_WAIT_POLL_MS * 1.5));
    expect(walletReads).toBe(3);
  }, 15_000);
});
