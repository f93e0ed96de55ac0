import { focusManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useActiveProfile } from './hooks';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

describe('useActiveProfile', () => {
  it('reads the profile list again when the window comes back, so a switch made elsewhere shows', async () => {
    let active = 'alice';
    let reads = 0;
    (window as { chutes?: unknown }).chutes = {
      listProfiles: () => {
        reads++;
        return Promise.resolve({ ok: true, value: { activeId: active, profiles: [{ id: 'alice' }, { id: 'bob' }] } });
      },
    };
    // As main.tsx makes it: no other answer is asked again on focus.
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useActiveProfile(), { wrapper });
    await waitFor(() => expect(result.current.profile?.id).toBe('alice'));

    active = 'bob'; // switched in the other window meanwhile
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(result.current.profile?.id).toBe('bob'));
    expect(reads).toBe(2);
    focusManager.setFocused(undefined);
  });
});
