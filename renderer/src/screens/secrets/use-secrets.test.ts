import { describe, expect, it } from 'vitest';
import { nextSecretsPage, secretsPagingEnd } from './use-secrets';

/** A full page of 100 secrets, numbered from `from`. */
const page = (from: number, total = 1_000_000) => ({
  items: Array.from({ length: 100 }, (_, i) => ({ secretId: `s-${from + i}` })),
  total,
});

describe('nextSecretsPage', () => {
  it('counts pages itself: a server that names page 0 in every answer is still read forward', () => {
    const first = { ...page(0), page: 0 };
    const second = { ...page(100), page: 0 };
    expect(nextSecretsPage(first, [first], 0)).toBe(1);
    expect(nextSecretsPage(second, [first, second], 1)).toBe(2);
  });

  it('stops at a short page, at the total, and at 500 pages whatever the server counts', () => {
    const short = { items: [{ secretId: 's-100' }], total: 1_000 };
    expect(nextSecretsPage(short, [page(0), short], 1)).toBeUndefined();
    expect(nextSecretsPage(page(100, 200), [page(0, 200), page(100, 200)], 1)).toBeUndefined();
    const many = Array.from({ length: 500 }, (_, i) => page(i * 100));
    expect(nextSecretsPage(many[499] ?? page(0), many, 499)).toBeUndefined();
    expect(nextSecretsPage(many[498] ?? page(0), many.slice(0, 499), 498)).toBe(499);
  });

  it('stops at a page that repeats an earlier one (a server ignoring the page number), not at one shifted by a new secret', () => {
    expect(nextSecretsPage(page(0), [page(0), page(100), page(0)], 2)).toBeUndefined();
    expect(nextSecretsPage(page(99), [page(0), page(99)], 1)).toBe(2);
  });

  it('says why it stopped: the count read, a short page, a repeated page, or the page cap', () => {
    expect(secretsPagingEnd([page(0, 150), { items: [{ secretId: 'x' }], total: 150 }])).toBe('short-page');
    expect(secretsPagingEnd([page(0, 200), page(100, 200)])).toBe('whole');
    expect(secretsPagingEnd([page(0), page(0)])).toBe('repeated-page');
    expect(secretsPagingEnd(Array.from({ length: 500 }, (_, i) => page(i * 100)))).toBe('page-cap');
    expect(secretsPagingEnd([page(0), page(100)])).toBeUndefined();
  });
});
