import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

async function account(username: string) {
  const key = TestKey.random();
  const reg = await f.client.register(key, username);
  const admin = await f.client.adminKey(key);
  return { key, admin, ...reg };
}

const balanceOf = async (admin: string): Promise<unknown> =>
  (await f.client.get<{ balance: unknown }>('/users/me', { authorization: admin })).json.balance;

/** Settles within `ms` or reports that it had not. */
const within = <T>(p: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))]);

describe('stale_balance', () => {
  it('serves /users/me the balance from when it was turned on, while transfers move the stored one', async () => {
    const a = await account('alice');
    await account('bob');
    f.sb.setBalance(a.user_id, 10);
    await f.client.control('POST', 'faults', { stale_balance: true });
    const sent = await f.client.post<{ from_balance: number }>('/users/balance_transfer', {
      body: { user_id: 'bob', amount: 4 },
      authorization: a.admin,
    });
    // The transfer works on (and answers with) the stored balance…
    expect(sent.json.from_balance).toBe(6);
    expect(f.sb.users().find((u) => u.user_id === a.user_id)?.balance).toBe(6);
    // …while /users/me still shows the view from before it.
    expect(await balanceOf(a.admin)).toBe(10);
    expect(await balanceOf(a.admin)).toBe(10);
    // Setting it again is the view's refresh: it now shows the transfer, and stays there.
    f.sb.setFaults({ stale_balance: true });
    expect(await balanceOf(a.admin)).toBe(6);
    f.sb.setBalance(a.user_id, 3);
    expect(await balanceOf(a.admin)).toBe(6);
    // Other faults leave the view alone; turning it off (or a reset) shows the stored balance.
    f.sb.setFaults({ latency_ms: 0 });
    expect(await balanceOf(a.admin)).toBe(6);
    f.sb.setFaults({ stale_balance: false });
    expect(await balanceOf(a.admin)).toBe(3);
  });

  it('shows an account registered after the view was taken with its stored balance', async () => {
    f.sb.setFaults({ stale_balance: true });
    const a = await account('carol');
    f.sb.setBalance(a.user_id, 2);
    expect(await balanceOf(a.admin)).toBe(2);
  });
});

describe('hold and release', () => {
  it('holds matching requests before any work until released; others pass', async () => {
    const a = await account('alice');
    await account('bob');
    f.sb.setBalance(a.user_id, 10);
    expect(await f.client.control('POST', 'hold', { method: 'POST', path: '/users/balance_transfer' })).toEqual({
      method: 'POST',
      path: '/users/balance_transfer',
      query: null,
    });
    const transfer = f.client.post<{ from_balance: number }>('/users/balance_transfer', {
      body: { user_id: 'bob', amount: 4 },
      authorization: a.admin,
    });
    await expect.poll(() => f.sb.held().length).toBe(1);
    expect(f.sb.held()[0]).toMatchObject({ method: 'POST', path: '/users/balance_transfer' });
    expect(await within(transfer, 300)).toBe('pending');
    // Nothing done yet, nothing logged; other routes and methods answer meanwhile.
    expect(f.sb.users().find((u) => u.user_id === a.user_id)?.balance).toBe(10);
    expect(f.sb.requests(10).filter((r) => r.path === '/users/balance_transfer')).toEqual([]);
    expect(await balanceOf(a.admin)).toBe(10);
    expect((await f.client.get('/ping')).status).toBe(200);
    const held = await f.client.control<{ items: { since: string }[] }>('GET', 'held');
    expect(held.items.map(({ since, ...rest }) => ({ ...rest, since: Number.isNaN(Date.parse(since)) }))).toEqual([
      { method: 'POST', path: '/users/balance_transfer', query: '', since: false },
    ]);

    expect(await f.client.control('POST', 'release', { path: '/users/balance_transfer' })).toEqual({ released: 1 });
    expect((await transfer).json.from_balance).toBe(6);
    expect(f.sb.held()).toEqual([]);
    expect(f.sb.requests(10).filter((r) => r.path === '/users/balance_transfer')).toMatchObject([{ status: 200 }]);
    // Released means lifted: the next one is not held.
    const next = await within(
      f.client.post('/users/balance_transfer', { body: { user_id: 'bob', amount: 1 }, authorization: a.admin }),
      5_000,
    );
    expect(next).not.toBe('pending');
  });

  it('release lets only the matching holds go; reset releases everything', async () => {
    f.sb.hold({ method: 'GET', path: '/ping' });
    f.sb.hold({ method: 'GET', path: '/users/name_check' });
    const ping = f.client.get('/ping');
    const check = f.client.get('/users/name_check', { query: { username: 'abc' } });
    await expect.poll(() => f.sb.held().length).toBe(2);
    expect(f.sb.release({ method: 'GET', path: '/ping' })).toEqual({ released: 1 });
    expect((await ping).status).toBe(200);
    expect(await within(check, 300)).toBe('pending');
    f.sb.reset();
    expect((await check).status).toBe(200);
    expect(f.sb.held()).toEqual([]);
    await expect(f.client.control('POST', 'hold', { method: 'GET', path: 'ping' })).rejects.toThrow();
  });

  it('with a query, holds only the requests carrying those values', async () => {
    f.sb.hold({ method: 'GET', path: '/users/name_check', query: { username: 'held' } });
    expect((await f.client.get('/users/name_check', { query: { username: 'free' } })).status).toBe(200);
    const held = f.client.get('/users/name_check', { query: { username: 'held' } });
    await expect
      .poll(() => f.sb.held().map(({ method, path, query }) => ({ method, path, query })))
      .toEqual([{ method: 'GET', path: '/users/name_check', query: 'username=held' }]);
    expect(await within(held, 300)).toBe('pending');
    expect(f.sb.release()).toEqual({ released: 1 });
    expect((await held).status).toBe(200);
  });
});
