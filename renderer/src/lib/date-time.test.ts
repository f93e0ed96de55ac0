import { describe, expect, it } from 'vitest';
import { utcIso } from '../../../shared/server-time';
import { dateTime, instantMs, utcText } from './date-time';

describe('date-time', () => {
  it("reads the server's naive times as UTC and shows every moment one way", () => {
    expect(utcIso('2026-01-02T03:04:05.123000')).toBe('2026-01-02T03:04:05.123000Z');
    expect(utcText('2026-01-02T03:04:05.123000')).toBe('2026-01-02 03:04:05 UTC');
    expect(instantMs('2026-01-02T03:04:05Z')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    // The same moment, naive or zoned, reads the same.
    expect(dateTime('2026-01-02T03:04:05')).toBe(dateTime('2026-01-02T03:04:05Z'));
    expect(dateTime('2026-01-02T03:04:05Z')).toBe(
      new Date(Date.UTC(2026, 0, 2, 3, 4, 5)).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    );
    expect(dateTime('not a time')).toBe('not a time');
    expect(instantMs('nope')).toBe(0);
  });
});
