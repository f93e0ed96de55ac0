import { describe, expect, it } from 'vitest';
import { nextSecretsPage } from './use-secrets';

const full = { items: Array.from({ length: 100 }, (_, i) => i), total: 1_000_000 };

describe('nextSecretsPage', () => {
  it('counts pages itself: a server that names page 0 in every answer is still read forward', () => {
    const named0 = { ...full, page: 0 };
    expect(nextSecretsPage(named0, [named0], 0)).toBe(1);
    expect(nextSecretsPage(named0, [named0, named0], 1)).toBe(2);
  });

  it('stops at a short page, at the total, and at 500 pages whatever the server counts', () => {
    expect(nextSecretsPage({ items: [1], total: 1_000 }, [full, { items: [1] }], 1)).toBeUndefined();
    expect(nextSecretsPage({ ...full, total: 200 }, [full, full], 1)).toBeUndefined();
    const many = Array.from({ length: 500 }, () => full);
    expect(nextSecretsPage(full, many, 499)).toBeUndefined();
    expect(nextSecretsPage(full, many.slice(1), 498)).toBe(499);
  });
});
