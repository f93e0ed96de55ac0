import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as ProfileSwitch from '../../api/profile-switch';
import { useChuteNamesFor } from './use-chute-names';

const asked: string[][] = [];
vi.mock('../../api/profile-switch', async (importOriginal) => ({
  ...(await importOriginal<typeof ProfileSwitch>()),
  callForProfile: (_profile: string | null, channel: string, input: { ids: string[] }) => {
    expect(channel).toBe('chuteNames');
    asked.push(input.ids);
    return Promise.resolve(
      Object.fromEntries(input.ids.filter((id) => id.startsWith('a')).map((id) => [id, `pub-${id.slice(0, 2)}`])),
    );
  },
}));

afterEach(() => {
  asked.length = 0;
});

const uuid = (prefix: string, n: number) => `${prefix}${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`;

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useChuteNamesFor', () => {
  it('asks only for ids the account’s own list lacks, 50 at a time, and merges the names found', async () => {
    const mine = uuid('b', 1);
    const owned = new Map([[mine, 'my-chute']]);
    const others = Array.from({ length: 55 }, (_, i) => uuid('a', i));
    const unnamed = uuid('c', 1);
    const { result } = renderHook(
      () => useChuteNamesFor([mine, '*', null, unnamed, ...others, others[0] ?? ''], owned, true),
      {
        wrapper,
      },
    );
    await waitFor(() => expect(result.current.get(others[54] ?? '')).toBe('pub-a0'));
    expect(result.current.get(mine)).toBe('my-chute');
    expect(result.current.has(unnamed)).toBe(false);
    expect(asked.map((ids) => ids.length).sort()).toEqual([50, 6]);
    expect(asked.flat()).not.toContain(mine);
    expect(asked.flat()).not.toContain('*');
  });

  it('asks nothing while the seed cannot sign', () => {
    const owned = new Map<string, string>();
    const { result } = renderHook(() => useChuteNamesFor([uuid('a', 1)], owned, false), { wrapper });
    expect(result.current).toBe(owned);
    expect(asked).toEqual([]);
  });
});
