import { describe, expect, it } from 'vitest';
import { deleteSummary } from './delete-results';

describe('deleteSummary', () => {
  it('counts what is done first, then what is not', () => {
    expect(deleteSummary(['deleted', 'deleted'])).toBe('Done: 2 deleted.');
    expect(deleteSummary(['deleted', 'already-gone'])).toBe('Done: 1 deleted, 1 already gone.');
    expect(deleteSummary(['deleted', 'already-gone', 'failed', 'deleted'])).toBe(
      '2 deleted, 1 already gone; 1 not deleted.',
    );
    expect(deleteSummary(['failed'])).toBe('0 deleted; 1 not deleted.');
  });
});
