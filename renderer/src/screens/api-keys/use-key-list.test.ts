import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEY_PAGE_SIZE } from '../../../../shared/api-keys';

const listed = vi.hoisted(() => ({ pages: [] as number[] }));
vi.mock('../../api/client', () => ({
  // A server that counts a million keys and lists one: every page after the first is empty.
  call: (_channel: string, input: { page: number }) => {
    listed.pages.push(input.page);
    const items =
      input.page === 0
        ? [{ id: 'k1', userId: 'u', name: 'only', admin: true, createdAt: '2026-01-01T00:00:00', scopes: [] }]
        : [];
    return Promise.resolve({ total: 1_000_000, page: input.page, limit: KEY_PAGE_SIZE, items });
  },
}));

const { useKeyList } = await import('./use-key-list');

afterEach(() => {
  listed.pages = [];
});

describe('useKeyList against a server whose count is wrong', () => {
  it('stops at the first empty page instead of asking for every page it counted, again and again', async () => {
    const { result } = renderHook(() => useKeyList('p1'));
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.keys.map((k) => k.id)).toEqual(['k1']);
    // Page 0, then at most the pages already asked for at once when the first empty one came back.
    expect(listed.pages.length).toBeLessThanOrEqual(4);
    expect(result.current.missing).toBe(999_999);
  });
});
