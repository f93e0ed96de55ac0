import { describe, expect, it } from 'vitest';
import type { SecretItem, SecretsPage } from '../../shared/secrets';
import type { AccountApi } from '../chutes-api';
import { AppFailure } from '../../shared/errors';
import { allSecrets, MAX_SECRET_PAGES } from './secrets-handlers';

const item = (i: number): SecretItem => ({
  secretId: `s${i}`,
  key: `K${i}`,
  chuteId: 'c',
  createdAt: '2026-01-01T00:00:00Z',
});

/** A server that answers at most `cap` items a page, whatever limit was asked for. */
function server(count: number, cap: number, total = count): Pick<AccountApi, 'secrets'> & { asked: number[] } {
  const asked: number[] = [];
  const listPage = (page: number, limit: number): Promise<SecretsPage> => {
    asked.push(page);
    const size = Math.min(limit, cap);
    const items = Array.from({ length: count }, (_, i) => item(i)).slice(page * size, page * size + size);
    return Promise.resolve({ items, total, page, limit: size });
  };
  return { asked, secrets: { listPage } as unknown as AccountApi['secrets'] };
}

describe('allSecrets', () => {
  it('reads every page of a server that caps the page size below what was asked', async () => {
    const api = server(5, 2);
    expect((await allSecrets(api)).map((s) => s.key)).toEqual(['K0', 'K1', 'K2', 'K3', 'K4']);
    expect(api.asked).toEqual([0, 1, 2]);
  });

  it('stops at an empty page even if the total promised more', async () => {
    const api = server(3, 2, 10);
    expect(await allSecrets(api)).toHaveLength(3);
    expect(api.asked).toEqual([0, 1, 2]);
  });

  it('needs one request for an account under the page size', async () => {
    const api = server(40, 100_000);
    expect(await allSecrets(api)).toHaveLength(40);
    expect(api.asked).toEqual([0]);
  });

  it('stops, typed, when a server answers one item a page and a total it never reaches', async () => {
    const api = server(MAX_SECRET_PAGES + 100, 1, 1e15);
    const error = await allSecrets(api).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError.message).toContain(
      `over ${MAX_SECRET_PAGES} pages and still said there were more`,
    );
    expect(api.asked).toHaveLength(MAX_SECRET_PAGES);
  });

  it('takes a page of 150,000 items in one go (no spread into push, which overflows the stack)', async () => {
    const api = server(150_000, 150_000);
    expect(await allSecrets(api)).toHaveLength(150_000);
  });
});
