import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { SecretItem } from '../../../../shared/secrets';
import type { ChannelResult } from '../../../../shared/ipc-contract';
import { channelKey, queryKeyFor, useChannel, type ChannelQueryOptions } from '../../api/hooks';
import { callForProfile } from '../../api/profile-switch';
import { repeatsEarlierPage, type PagingStop } from '../../lib/repeated-page';
import { chuteNames } from './group-secrets';

const PAGE = 100;
/** 50,000 secrets: far beyond a real account, and a stop for a server whose count never ends. */
export const SECRETS_MAX_PAGES = 500;

type Page = { items: ReadonlyArray<{ secretId: string }>; total: number };

const idsOf = (page: Page): string[] => page.items.map((item) => item.secretId);

/**
 * Whether paging ends after the last of `pages`, and why: 'whole' once the server's count is read,
 * else the reason it stops early, or null to read on. It stops at a page that repeats an earlier one:
 * a server that ignores `page` would be asked 500 times for the same 100 secrets.
 */
export function secretsPagingEnd(pages: readonly Page[]): 'whole' | PagingStop | undefined {
  const last = pages.at(-1);
  if (!last) return undefined;
  const read = pages.reduce((n, p) => n + p.items.length, 0);
  if (read >= last.total) return 'whole';
  if (last.items.length !== PAGE) return 'short-page';
  if (repeatsEarlierPage(idsOf(last), pages.slice(0, -1).map(idsOf))) return 'repeated-page';
  if (pages.length >= SECRETS_MAX_PAGES) return 'page-cap';
  return undefined;
}

/**
 * The page to read after `lastPage`, or undefined when done: after the page asked for, not after
 * the page the answer names (a server repeating "page 0" would be asked for page 1 forever).
 */
export function nextSecretsPage(_last: Page, pages: readonly Page[], lastPage: number): number | undefined {
  return secretsPagingEnd(pages) === undefined ? lastPage + 1 : undefined;
}

export interface AllSecrets {
  secrets: SecretItem[];
  /** What the server says it holds; more than `secrets.length` while pages are still coming. */
  total: number | null;
  loadingMore: boolean;
  /** Secrets the server counted that no page returned, once paging is over (0 when whole). */
  missing: number;
  /** Why they are missing, when some are. */
  stoppedBy: PagingStop;
  isPending: boolean;
  error: Error | null;
  /** Read every page again (after an error). */
  retry: () => void;
  retrying: boolean;
}

/** Every secret of the active account: the first page at once, the rest fetched in the background. */
export function useAllSecrets(profileId: string): AllSecrets {
  const query = useInfiniteQuery({
    queryKey: queryKeyFor('listSecretsPage', undefined, profileId),
    queryFn: ({ pageParam }) => callForProfile(profileId, 'listSecretsPage', { page: pageParam, limit: PAGE }),
    initialPageParam: 0,
    getNextPageParam: nextSecretsPage,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const pages = query.data?.pages;
  // The same list (the same array) until a page comes: the screen's selection is pruned when it changes.
  const secrets = useMemo(() => {
    // A secret created while paging shifts the pages; the map keeps each id once.
    const byId = new Map<string, SecretItem>();
    for (const page of pages ?? []) for (const item of page.items) byId.set(item.secretId, item);
    return [...byId.values()];
  }, [pages]);
  const total = pages?.[0]?.total ?? null;
  const end = hasNextPage || isError ? undefined : secretsPagingEnd(pages ?? []);
  return {
    secrets,
    total,
    loadingMore: hasNextPage,
    missing: end === undefined || total === null ? 0 : Math.max(0, total - secrets.length),
    stoppedBy: end === undefined || end === 'whole' ? null : end,
    isPending: query.isPending,
    error: query.error,
    retry: () => void query.refetch(),
    retrying: query.isFetching,
  };
}

export function useChutes(options: ChannelQueryOptions<ChannelResult<'listChutes'>> = {}) {
  return useChannel('listChutes', {}, options);
}

/**
 * The account's chutes by id, for screens that get only ids (the Account screen's quotas, discounts
 * and usage); empty until read, and while it cannot be (no seed, or the read failed: ids are shown).
 */
export function useChuteNames(enabled: boolean): ReadonlyMap<string, string> {
  // Names seldom change: a list read in the last minute (here or on Secrets) is reused.
  const { data } = useChutes({ enabled, staleTime: 60_000 });
  return useMemo(() => chuteNames(data ?? []), [data]);
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
