import { describe, expect, it } from 'vitest';
import { appError } from '../../../../shared/errors';
import { apiKeysContract } from '../../../../shared/contract/api-keys';
import { ApiError } from '../../api/client';
import { deleteInBatches, someNames } from './delete-batches';

const ids = Array.from({ length: 25_001 }, (_, i) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`);
const reviewedFor = '11111111-1111-4111-8111-111111111111';

describe('deleteInBatches', () => {
  it('sends more than the channel takes in one call as batches it accepts, and merges every result in order', async () => {
    // One call with all of them is what the channel refuses (the list holds up to 100,000).
    expect(apiKeysContract.deleteApiKeys.input.safeParse({ ids, reviewedFor }).success).toBe(false);
    const sent: string[][] = [];
    const { results } = await deleteInBatches(ids, (batch) => {
      expect(apiKeysContract.deleteApiKeys.input.safeParse({ ids: batch, reviewedFor }).success).toBe(true);
      sent.push(batch);
      return Promise.resolve({ results: batch.map((id) => ({ id, outcome: 'deleted' as const })) });
    });
    expect(sent.map((b) => b.length)).toEqual([10_000, 10_000, 5001]);
    expect(results.map((r) => r.id)).toEqual(ids);
  });

  it('a batch failing after others went through leaves theirs done and the rest "not deleted", with why', async () => {
    let calls = 0;
    const { results } = await deleteInBatches(ids, (batch) => {
      if (++calls === 2) return Promise.reject(new ApiError(appError('network', 'The connection failed.')));
      return Promise.resolve({ results: batch.map((id) => ({ id, outcome: 'deleted' as const })) });
    });
    expect(calls).toBe(2);
    expect(results).toHaveLength(ids.length);
    expect(results.filter((r) => r.outcome === 'deleted')).toHaveLength(10_000);
    expect(results[10_000]).toEqual({ id: ids[10_000], outcome: 'failed', message: 'The connection failed.' });
  });

  it('says after each batch how many keys are answered, so a long delete shows how far it is', async () => {
    const told: number[] = [];
    await deleteInBatches(
      ids.slice(0, 450),
      (batch) => Promise.resolve({ results: batch.map((id) => ({ id, outcome: 'deleted' as const })) }),
      200,
      (answered) => told.push(answered),
    );
    expect(told).toEqual([200, 400, 450]);
  });

  it('stops between batches when asked: the rest is not sent, and is said as not deleted', async () => {
    const sent: string[][] = [];
    let stop = false;
    const { results } = await deleteInBatches(
      ids.slice(0, 450),
      (batch) => {
        sent.push(batch);
        stop = true;
        return Promise.resolve({ results: batch.map((id) => ({ id, outcome: 'deleted' as const })) });
      },
      200,
      undefined,
      () => stop,
    );
    expect(sent).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'deleted')).toHaveLength(200);
    expect(results[200]).toMatchObject({ id: ids[200], outcome: 'failed' });
    expect(results[200]?.message).toMatch(/^Not sent/);
    expect(results).toHaveLength(450);
  });

  it('names at most five keys in a notice, then how many more', () => {
    expect(someNames(['a', 'b'])).toBe('a, b');
    expect(someNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, d, e');
    const many = Array.from({ length: 12_345 }, (_, i) => `k${i}`);
    expect(someNames(many)).toBe('k0, k1, k2, k3, k4 and 12,340 more');
  });

  it('the first batch failing is the failure of the whole, as one call was', async () => {
    await expect(
      deleteInBatches(ids.slice(0, 3), () => Promise.reject(new ApiError(appError('network', 'down')))),
    ).rejects.toThrow();
  });
});
