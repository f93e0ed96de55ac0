import { describe, expect, it } from 'vitest';
import { measureSkew, parseHttpDate } from './clock';

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', NOV_6_1994],
    ['Sunday, 06-Nov-94 08:49:37 GMT', NOV_6_1994],
    ['Sun Nov  6 08:49:37 1994', NOV_6_1994],
    ['Mon, 07 Dec 2026 02:11:40 GMT', Date.UTC(2026, 11, 7, 2, 11, 40)],
  ])('reads %s', (text, ms) => {
    expect(parseHttpDate(text)).toBe(ms);
  });

  it.each([
    '0',
    '',
    '1765000000',
    '2026-12-07T02:11:40Z',
    'Mon, 07 Dec 2026 02:11:40 +0000',
    'Mon, 31 Feb 2026 02:11:40 GMT',
    'Mon, 07 Dec 2026 25:11:40 GMT',
    'Mon, 07 Foo 2026 02:11:40 GMT',
  ])('refuses %j, which is not an HTTP-date', (text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });
});

describe('measureSkew', () => {
  it('compares the middle of the round trip with the middle of the server second', () => {
    const server = Date.UTC(2026, 11, 7, 2, 11, 40);
    expect(measureSkew('Mon, 07 Dec 2026 02:11:40 GMT', server + 700, server + 1300)).toBe(1);
    expect(measureSkew('Mon, 07 Dec 2026 02:11:40 GMT', server - 120_000)).toBe(-120);
  });

  it('claims no skew from a header that is not a date (Date.parse reads "0" as the year 2000)', () => {
    expect(measureSkew('0', Date.UTC(2026, 11, 7))).toBeUndefined();
    expect(measureSkew(null, Date.UTC(2026, 11, 7))).toBeUndefined();
  });
});
