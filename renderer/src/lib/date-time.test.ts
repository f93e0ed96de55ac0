import { afterEach, describe, expect, it } from 'vitest';
import { utcIso } from '../../../shared/server-time';
import { dateTime, instantMs, recentTime, timeOnly, utcDate, utcText } from './date-time';

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

describe('times beside each other, and dates kept as UTC', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('writes the hour as dateTime does ("4:51:14 PM", not "04:51:14 PM")', () => {
    process.env.TZ = 'UTC';
    expect(timeOnly('2026-12-06T16:51:14Z')).toBe(
      new Date(Date.UTC(2026, 11, 6, 16, 51, 14)).toLocaleTimeString(undefined, {
        hour: 'numeric',
        minute: '2-digit',
        second: '2-digit',
      }),
    );
    expect(timeOnly('2026-12-06T04:05:06Z')).not.toMatch(/^0/);
  });

  it('gives the time alone today and the date with it on another day', () => {
    process.env.TZ = 'America/Los_Angeles';
    // 08:00 UTC on the 7th is 00:00 on the 7th in Los Angeles; 07:59 UTC is still the 6th there.
    const now = Date.UTC(2026, 11, 7, 20, 0, 0);
    expect(recentTime('2026-12-07T08:00:00Z', now)).toBe(timeOnly('2026-12-07T08:00:00Z'));
    expect(recentTime('2026-12-07T07:59:00Z', now)).toBe(dateTime('2026-12-07T07:59:00Z', { seconds: true }));
    expect(recentTime('2026-12-07T07:59:00Z', now)).toContain('Dec 6, 2026');
    expect(recentTime('nope', now)).toBe('nope');
  });

  it('shows a date kept as UTC midnight as that day west of UTC too', () => {
    process.env.TZ = 'America/Los_Angeles';
    // Read as a local moment this is Nov 19 in Los Angeles.
    expect(dateTime('2026-11-20T00:00:00')).toContain('Nov 19, 2026');
    expect(utcDate('2026-11-20T00:00:00')).toBe('Nov 20, 2026');
    process.env.TZ = 'Asia/Tokyo';
    expect(utcDate('2026-11-20T00:00:00Z')).toBe('Nov 20, 2026');
    expect(utcDate('')).toBe('—');
  });
});
