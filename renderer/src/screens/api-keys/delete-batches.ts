import { DELETE_BATCH_MAX, type DeleteResult } from '../../../../shared/api-keys';
import { errorOf } from '../../api/client';

/**
 * What the screen sends a call: main answers a call only when every key in it is done, so a
 * selection of thousands sent as one call would show nothing but "Deleting…" for minutes.
 */
export const PROGRESS_BATCH = 200;

/** The keys named in a notice, at most `shown` of them: a selection can hold 100,000. */
export function someNames(names: readonly string[], shown = 5): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${(names.length - shown).toLocaleString('en-US')} more`;
}

/**
 * A bulk delete of any size: the channel takes at most `DELETE_BATCH_MAX` ids a call, while the list
 * (and "Select all shown") can hold 100,000. Batches go one after another and their results are
 * merged in order. A batch that fails as a whole after others went through does not hide what
 * they did: its keys and the ones after it are "not deleted", with why, and can be retried. When
 * the first one fails, nothing was done, and the failure is thrown as for a single call.
 */
export async function deleteInBatches(
  ids: readonly string[],
  send: (batch: string[]) => Promise<{ results: DeleteResult[] }>,
  size = DELETE_BATCH_MAX,
  /** Told after each batch how many ids have been answered so far. */
  onProgress?: (answered: number) => void,
  /** Asked before each batch after the first: true leaves the rest unsent, as "not deleted". */
  stopped?: () => boolean,
): Promise<{ results: DeleteResult[] }> {
  const results: DeleteResult[] = [];
  for (let start = 0; start < ids.length; start += size) {
    if (start > 0 && stopped?.()) {
      const message = 'Not sent: the delete was stopped before it reached this key.';
      results.push(...ids.slice(start).map((id): DeleteResult => ({ id, outcome: 'failed', message })));
      break;
    }
    const batch = ids.slice(start, start + size);
    try {
      results.push(...(await send(batch)).results);
      onProgress?.(Math.min(start + size, ids.length));
    } catch (error) {
      if (start === 0) throw error;
      const message = errorOf(error).message;
      results.push(...ids.slice(start).map((id): DeleteResult => ({ id, outcome: 'failed', message })));
      break;
    }
  }
  return { results };
}
