import { describe, expect, it } from 'vitest';
import { expectedReset } from './cap-reset';

describe('when a cap resets, for a server that does not say', () => {
  it('is the next 4-hour bucket since the epoch (00, 04, 08… UTC)', () => {
    expect(expectedReset('fourHour', '2026-12-06T22:01:00Z')).toBe('2026-12-07T00:00:00.000Z');
    expect(expectedReset('fourHour', '2026-12-06T09:59:59Z')).toBe('2026-12-06T12:00:00.000Z');
    // On the boundary a new bucket has just begun: it resets at the next one.
    expect(expectedReset('fourHour', '2026-12-06T08:00:00Z')).toBe('2026-12-06T12:00:00.000Z');
  });

  it('is the start of the next calendar month in UTC, across a year too', () => {
    expect(expectedReset('monthly', '2026-11-20T13:00:00Z')).toBe('2026-12-01T00:00:00.000Z');
    expect(expectedReset('monthly', '2026-12-31T23:59:59Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is unknown for a time that is not one', () => {
    expect(expectedReset('monthly', 'nope')).toBeNull();
  });
});
