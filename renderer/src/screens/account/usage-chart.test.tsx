import { describe, expect, it } from 'vitest';
import type { UsageBucket } from '../../../../shared/account-screen';
import { aligned } from './usage-chart';

const bucket = (at: string, amountUsd: number): UsageBucket => ({
  bucket: at,
  chuteId: null,
  amountUsd,
  requests: 1,
  inputTokens: 0,
  outputTokens: 0,
});
const items = [bucket('2026-12-05T20:00:00.000Z', 1), bucket('2026-12-05T23:00:00.000Z', 2)];
const range = { start: '2026-12-01T00:00:00.000Z', end: '2026-12-05T23:59:59.000Z' };

describe('the hours the chart draws', () => {
  it('covers the whole range when every row was read, empty hours as 0', () => {
    const { data } = aligned(items, range.start, range.end, false, new Map(), false);
    expect(data[0]).toHaveLength(5 * 24);
    expect(data[0][0]).toBe(Date.parse(range.start) / 1000);
  });

  it('starts at the oldest hour read when the answer was cut, so unread hours are not drawn as 0', () => {
    const { data } = aligned(items, range.start, range.end, false, new Map(), true);
    expect(data[0][0]).toBe(Date.parse('2026-12-05T20:00:00.000Z') / 1000);
    expect(data[0]).toHaveLength(4);
    expect(data[1]).toEqual([1, 0, 0, 2]);
  });
});
