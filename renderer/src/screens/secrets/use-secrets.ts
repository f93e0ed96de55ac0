import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SecretItem } from '../../../../shared/secrets';
import { call } from '../../api/client';
import { channelKey, useChannel } from '../../api/hooks';

const PAGE = 100;
/** 50,000 secrets: far beyond a real account, and a stop for a server whose count never ends. */
const MAX_PAGES = 500;

type Page = { items: ReadonlyArray<{ secretId: string }> };

const sameIds = (a: Page, b: Page): boolean =>
  a.items.length === b.items.length && a.items.every((item, i) => item.secretId === b.items[i]?.secretId);

/**
 * The page to read after `lastPage`, or undefined when done: after the page asked for, not after
 * the page the answer names (a server repeating "page 0" would be asked for page 1 forever), and
 * not after a page that repeats an earlier one (a server that ignores `page` would be asked 500
 * times for the same 100 secrets).
 */
export function nextSecretsPage(
  last: Page & { total: number },
  pages: readonly Page[],
  lastPage: number,
): number | undefined {
  const read = pages.reduce((n, p) => n + p.items.length, 0);
  if (read >= last.total || last.items.length !== PAGE || pages.length >= MAX_PAGES) return undefined;
  const first = last.items[0]?.secretId;
  // `pages` ends with `last` itself.
  const repeats = pages.slice(0, -1).some((p) => p.items[0]?.secretId === first && sameIds(p, last));
  return repeats ? undefined : lastPage + 1;
}

export interface AllSecrets {
  secrets: SecretItem[];
  /** What the server says it holds; more than `secrets.length` while pages are still coming. */
  total: number | null;
  loadingMore: boolean;
  isPending: boolean;
  error: Error | null;
}

/** Every secret of the active account: the first page at once, the rest fetched in the background. */
export function useAllSecrets(): AllSecrets {
  const query = useInfiniteQuery({
    queryKey: channelKey('listSecretsPage'),
    queryFn: ({ pageParam }) => call('listSecretsPage', { page: pageParam, limit: PAGE }),
    initialPageParam: 0,
    getNextPageParam: nextSecretsPage,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  // A secret created while paging shifts the pages; the map keeps each id once.
  const byId = new Map<string, SecretItem>();
  for (const page of query.data?.pages ?? []) for (const item of page.items) byId.set(item.secretId, item);
  return {
    secrets: [...byId.values()],
    total: query.data?.pages[0]?.total ?? null,
    loadingMore: hasNextPage,
    isPending: query.isPending,
    error: query.error,
  };
}

export function useChutes() {
  return useChannel('listChutes', {});
}

/** After any change: read secrets (and chutes) again. */
export function useRefreshSecrets(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: channelKey('listSecretsPage') }),
      client.invalidateQueries({ queryKey: channelKey('listChutes') }),
    ]);
  };
}
