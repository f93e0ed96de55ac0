import { DELETE_BATCH_MAX, type DeleteResult } from '../../../../shared/api-keys';
import { errorOf } from '../../api/client';

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
): Promise<{ results: DeleteResult[] }> {
  const results: DeleteResult[] = [];
  for (let start = 0; start < ids.length; start += size) {
    const batch = ids.slice(start, start + size);
    try {
      results.push(...(await send(batch)).results);
    } catch (error) {
      if (start === 0) throw error;
      const message = errorOf(error).message;
      results.push(...ids.slice(start).map((id): DeleteResult => ({ id, outcome: 'failed', message })));
      break;
    }
  }
  return { results };
}
