import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEY_PAGE_SIZE, type ApiKeyView } from '../../../../shared/api-keys';

const key = (id: string): ApiKeyView => ({
  id,
  userId: 'u',
  name: id,
  admin: true,
  createdAt: '2026-01-01T00:00:00',
  scopes: [],
  local: null,
  replacedBy: null,
});
const fullPage = (prefix: string) => Array.from({ length: KEY_PAGE_SIZE }, (_, i) => key(`${prefix}${i}`));

/** Servers that count a million keys: one lists a single key, the other ignores `page`. */
const server = vi.hoisted(() => ({
  pages: [] as number[],
  ignoresPage: false,
  endless: false,
  /** Two keys, counted right; page 0 answers once `gate` resolves. */
  exact: null as null | { gate: Promise<void> },
}));
vi.mock('../../api/client', () => ({
  ApiError: Error,
  call: (channel: string, input: { page: number }) => {
    // Each page is checked to be for the profile still active (api/profile-switch.ts): it is.
    if (channel === 'listProfiles') return Promise.resolve({ activeId: 'p1', profiles: [] });
    server.pages.push(input.page);
    if (server.exact)
      return server.exact.gate.then(() => ({
        total: 2,
        page: input.page,
        limit: KEY_PAGE_SIZE,
        items: input.page === 0 ? [key('k1'), key('k2')] : [],
      }));
    const items = server.endless
      ? fullPage(`p${input.page}-`)
      : server.ignoresPage
        ? fullPage('k')
        : input.page === 0
          ? [key('k1')]
          : [];
    const total = server.endless ? 1_000_000_000 : 1_000_000;
    return Promise.resolve({ total, page: input.page, limit: KEY_PAGE_SIZE, items });
  },
}));

const { useKeyList } = await import('./use-key-list');

afterEach(() => {
  server.pages = [];
  server.ignoresPage = false;
  server.endless = false;
  server.exact = null;
});

describe('useKeyList and keys made here while it reloads', () => {
  it("does not count a key the server's total already holds twice (no extra passes, nothing said missing)", async () => {
    let answer = () => undefined as void;
    server.exact = { gate: new Promise<void>((resolve) => (answer = resolve)) };
    const { result } = renderHook(() => useKeyList('p1'));
    await waitFor(() => expect(server.pages).toEqual([0]));
    // A create whose answer lands while page 0 is out: the server counted k2 already.
    act(() => result.current.add(key('k2')));
    answer();
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.missing).toBe(0);
    expect(server.pages).toEqual([0]);
    expect(result.current.keys.map((k) => k.id).sort()).toEqual(['k1', 'k2']);
  });
});

describe('useKeyList against a server whose count is wrong', () => {
  it('stops at the first empty page instead of asking for every page it counted, again and again', async () => {
    const { result } = renderHook(() => useKeyList('p1'));
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.keys.map((k) => k.id)).toEqual(['k1']);
    // Page 0, then at most the pages already asked for at once when the first empty one came back.
    expect(server.pages.length).toBeLessThanOrEqual(4);
    expect(result.current.missing).toBe(999_999);
  });

  it('stops at the first page that repeats page 0 instead of asking for all 500 pages three times', async () => {
    server.ignoresPage = true;
    const { result } = renderHook(() => useKeyList('p1'));
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.keys).toHaveLength(KEY_PAGE_SIZE);
    expect(server.pages.length).toBeLessThanOrEqual(4);
    expect(result.current.missing).toBe(1_000_000 - KEY_PAGE_SIZE);
  });

  it('reads a count that never ends once up to the page cap, then says so, without reading it all again', async () => {
    server.endless = true;
    const { result } = renderHook(() => useKeyList('p1'));
    await waitFor(() => expect(result.current.status).toBe('done'), { timeout: 20_000 });
    expect(server.pages).toHaveLength(500);
    expect(result.current.stoppedBy).toBe('page-cap');
    expect(result.current.keys).toHaveLength(500 * KEY_PAGE_SIZE);
  }, 30_000);
});
