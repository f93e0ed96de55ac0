/**
 * Whether a page lists exactly the ids of a page read before it, in the same order: the mark of a
 * server that ignores the page asked for, which would otherwise be asked for every page it counts.
 * A page shifted by an item added or removed meanwhile differs, so paging goes on past it.
 */
export function repeatsEarlierPage(ids: readonly string[], earlier: Iterable<readonly string[]>): boolean {
  if (ids.length === 0) return false;
  for (const page of earlier)
    if (page.length === ids.length && page[0] === ids[0] && page.every((id, i) => id === ids[i])) return true;
  return false;
}

/**
 * Why a list stopped before the server's count: a page shorter than asked for (an empty one too),
 * a page that repeats an earlier one, the page cap, or null when every page came whole (items moved
 * between pages while they were read: the server keeps no order, reference §5.2).
 */
export type PagingStop = 'short-page' | 'repeated-page' | 'page-cap' | null;
