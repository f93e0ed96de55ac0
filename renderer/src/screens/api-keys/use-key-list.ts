import { useCallback, useEffect, useRef, useState } from 'react';
import { KEY_PAGE_SIZE, type ApiKeyView } from '../../../../shared/api-keys';
import { callForProfile } from '../../api/profile-switch';
import { repeatsEarlierPage, type PagingStop } from '../../lib/repeated-page';

export interface KeyList {
  keys: ApiKeyView[];
  /** The server's count at the first page; null before it arrives. */
  total: number | null;
  pagesLoaded: number;
  pagesTotal: number | null;
  status: 'loading' | 'paging' | 'done' | 'error';
  /** Keys the server counted but no page returned, after looking again (0 when the list is whole). */
  missing: number;
  /** Why keys are missing, when some are. */
  stoppedBy: PagingStop;
  error: unknown;
  reload: () => void;
  /** Reflect a change made here without waiting for a reload. */
  removeIds: (ids: readonly string[]) => void;
  add: (key: ApiKeyView) => void;
}

/** Pages fetched at once after the first; the first is shown before any of them arrive. */
const CONCURRENCY = 3;
/** Whole passes over the pages again when some keys were in none of them. */
const EXTRA_PASSES = 2;
/** 100,000 keys: far beyond a real account, and a stop for a server whose count never ends. */
export const KEY_MAX_PAGES = 500;

type ListState = Omit<KeyList, 'reload' | 'removeIds' | 'add'>;

const LOADING: ListState = {
  keys: [],
  total: null,
  pagesLoaded: 0,
  pagesTotal: null,
  status: 'loading',
  missing: 0,
  stoppedBy: null,
  error: null,
};

/**
 * Every key of the active profile, fetched in the background: page 0 first (shown at once), then
 * the rest a few at a time. The server gives no ordering guarantee, so keys are merged by id.
 */
export function useKeyList(profileId: string): KeyList {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<ListState>(LOADING);
  const byId = useRef(new Map<string, ApiKeyView>());
  /** Keys revoked (−) or created (+) here since page 0's count came back: they move the expected total too. */
  const localChange = useRef(0);

  useEffect(() => {
    let cancelled = false;
    const map = new Map<string, ApiKeyView>();
    byId.current = map;
    localChange.current = 0;
    setState(LOADING);
    const merge = (items: ApiKeyView[]) => {
      for (const k of items) map.set(k.id, k);
    };
    void (async () => {
      try {
        const first = await callForProfile(profileId, 'listApiKeys', { page: 0, limit: KEY_PAGE_SIZE });
        if (cancelled) return;
        // Keys made or revoked here while page 0 was out may be in the server's count already:
        // only changes after it move the expected total (counted twice, they sent the list looking
        // for keys that do not exist, then said they were missing).
        localChange.current = 0;
        merge(first.items);
        const pagesTotal = Math.min(KEY_MAX_PAGES, Math.max(1, Math.ceil(first.total / KEY_PAGE_SIZE)));
        // An empty page means the count was wrong (or keys went meanwhile), and a page that repeats
        // an earlier one a server that ignores `page`: either way reading on finds nothing new.
        let stoppedBy: PagingStop = null;
        const pagesRead: string[][] = [first.items.map((k) => k.id)];
        let loaded = 1;
        setState({
          ...LOADING,
          keys: [...map.values()],
          total: first.total,
          pagesLoaded: loaded,
          pagesTotal,
          status: pagesTotal > 1 ? 'paging' : 'done',
        });
        // Only the first pass looks for repeats: a later pass reads the same pages again on purpose.
        const pass = async (from: number, firstPass: boolean) => {
          let next = from;
          const worker = async () => {
            for (let page = next++; page < pagesTotal; page = next++) {
              const res = await callForProfile(profileId, 'listApiKeys', { page, limit: KEY_PAGE_SIZE });
              if (cancelled) return;
              merge(res.items);
              const ids = res.items.map((k) => k.id);
              const stop =
                ids.length === 0
                  ? 'short-page'
                  : firstPass && repeatsEarlierPage(ids, pagesRead)
                    ? 'repeated-page'
                    : null;
              if (stop) {
                stoppedBy ??= stop;
                next = pagesTotal;
              }
              if (firstPass) pagesRead.push(ids);
              loaded++;
              setState((s) => ({ ...s, keys: [...map.values()], pagesLoaded: loaded }));
            }
          };
          await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pagesTotal - from) }, worker));
        };
        await pass(1, true);
        // Capped: reading the same 500 pages again would not reach what lies beyond them.
        if (pagesTotal === KEY_MAX_PAGES && first.total > KEY_MAX_PAGES * KEY_PAGE_SIZE) stoppedBy ??= 'page-cap';
        // No ordering guarantee between page requests (reference §5.2): rows can move from one page
        // to another meanwhile. Missing keys are looked for again, then said rather than hidden.
        const expected = () => first.total + localChange.current;
        for (let again = 0; again < EXTRA_PASSES && !cancelled && !stoppedBy && map.size < expected(); again++) {
          loaded = 0;
          await pass(0, false);
        }
        if (!cancelled)
          setState((s) => ({ ...s, status: 'done', missing: Math.max(0, expected() - map.size), stoppedBy }));
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, status: 'error', error }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [profileId, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const removeIds = useCallback((ids: readonly string[]) => {
    const removed = ids.filter((id) => byId.current.delete(id)).length;
    localChange.current -= removed;
    setState((s) => ({
      ...s,
      keys: [...byId.current.values()],
      total: s.total === null ? null : Math.max(0, s.total - removed),
    }));
  }, []);
  const add = useCallback((key: ApiKeyView) => {
    const isNew = !byId.current.has(key.id);
    byId.current.set(key.id, key);
    if (isNew) localChange.current += 1;
    setState((s) => ({
      ...s,
      keys: [...byId.current.values()],
      total: s.total === null ? null : s.total + (isNew ? 1 : 0),
    }));
  }, []);
  return { ...state, reload, removeIds, add };
}
