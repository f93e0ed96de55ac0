import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { registeredAccount } from './account.test-helper';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

const account = (username?: string) => registeredAccount(f, username);

describe('GET /users/me and the /users/{user_id} catch-all', () => {
  it('returns the SelfResponse for me, own id and own username; 403 for others; 404 for unknown', async () => {
    const a = await account('alice');
    const b = await account('bob');
    const me = await f.client.get<Record<string, unknown>>('/users/me', { authorization: a.admin });
    expect(Object.keys(me.json)).toEqual([
      'username',
      'user_id',
      'logo_id',
      'logo',
      'created_at',
      'hotkey',
      'coldkey',
      'payment_address',
      'permissions_bitmask',
      'permissions',
      'balance',
      'netuids',
      'quotas',
    ]);
    expect(me.json).toMatchObject({
      username: 'alice',
      user_id: a.user_id,
      permissions_bitmask: 0,
      permissions: [],
      balance: 0,
      quotas: null,
    });
    expect((await f.client.get(`/users/${a.user_id}`, { authorization: a.admin })).json).toEqual(me.json);
    expect((await f.client.get('/users/alice', { authorization: a.admin })).json).toEqual(me.json);
    const other = await f.client.get(`/users/${b.user_id}`, { authorization: a.admin });
    expect(other.status).toBe(403);
    expect(other.json).toEqual({ detail: 'This action can only be performed by billing admin accounts.' });
    const unknown = await f.client.get('/users/nobody', { authorization: a.admin });
    expect(unknown.json).toEqual({ detail: 'User not found' });
    expect((await f.client.get('/users/me/', { authorization: a.admin })).status).toBe(307);
  });
});

describe('quotas, usage, discounts, subscription', () => {
  it('serves the small account endpoints', async () => {
    const a = await account();
    expect((await f.client.get('/users/me/discounts', { authorization: a.admin })).json).toEqual([]);
    expect((await f.client.get('/users/me/subscription_usage', { authorization: a.admin })).json).toEqual({
      subscription: false,
    });
  });

  it("counts today's use per the server's quota keys: '*' reads a counter nothing writes", async () => {
    const a = await account();
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString().slice(0, 19);
    await f.client.control('POST', 'quotas', {
      user_id: a.user_id,
      rows: [
        { chute_id: '*', quota: 2000 },
        { chute_id: 'own', quota: 50 },
      ],
    });
    await f.client.control('POST', 'usage', {
      user_id: a.user_id,
      items: [
        { bucket: hour, amount: 1, count: 4, chute_id: 'own' },
        { bucket: hour, amount: 1, count: 3, chute_id: 'x' },
        { bucket: hour, amount: 1, count: 2, chute_id: 'y' },
        { bucket: '2020-01-01T00:00:00', amount: 1, count: 9, chute_id: 'x' },
      ],
    });
    const used = async (chute: string) =>
      (await f.client.get(`/users/me/quota_usage/${chute}`, { authorization: a.admin })).json;
    expect(await used('*')).toEqual({ quota: 2000, used: 0 });
    expect(await used('00000000-0000-0000-0000-000000000000')).toEqual({ quota: 2000, used: 5 });
    expect(await used('x')).toEqual({ quota: 2000, used: 5 });
    expect(await used('own')).toEqual({ quota: 50, used: 4 });
    for (const role of [1 << 4, 1 << 8]) {
      await f.client.control('POST', 'roles', { user_id: a.user_id, permissions_bitmask: role });
      expect(await used('*')).toEqual({ quota: 'unlimited', used: 0 });
      expect(await used('own')).toEqual({ quota: 'unlimited', used: 0 });
    }
  });

  it('pages hourly usage newest first, aggregates or splits per chute, and filters', async () => {
    const a = await account();
    const other = await account('bob');
    await f.client.control('POST', 'usage', {
      user_id: a.user_id,
      items: [
        { bucket: '2026-01-01T10:15:00', amount: 1, count: 2, input_tokens: 10, output_tokens: 5, chute_id: 'c1' },
        { bucket: '2026-01-01T10:45:00', amount: 2, count: 3, input_tokens: 20, output_tokens: 6, chute_id: 'c2' },
        { bucket: '2026-01-01T11:00:00Z', amount: 0.5, count: 1, input_tokens: 1, output_tokens: 1, chute_id: 'c1' },
        { bucket: '2026-01-01T12:00:00', amount: 0.25, count: 1, input_tokens: 1, output_tokens: 1, chute_id: 'c2' },
      ],
    });
    await f.client.control('POST', 'usage', {
      user_id: other.user_id,
      items: [{ bucket: '2026-01-01T10:00:00', amount: 9, count: 9 }],
    });
    const all = await f.client.get<{ total: number; page: number; limit: number; items: Record<string, unknown>[] }>(
      '/users/me/usage',
      { authorization: a.admin },
    );
    expect(all.json.total).toBe(3);
    expect(all.json.limit).toBe(24);
    expect(all.json.items.map((i) => i.bucket)).toEqual([
      '2026-01-01T12:00:00',
      '2026-01-01T11:00:00',
      '2026-01-01T10:00:00',
    ]);
    expect(all.json.items[2]).toEqual({
      bucket: '2026-01-01T10:00:00',
      amount: 3,
      count: 5,
      input_tokens: 30,
      output_tokens: 11,
    });
    const page1 = await f.client.get<{ total: number; page: number; items: unknown[] }>('/users/me/usage', {
      authorization: a.admin,
      query: { page: 1, limit: 2 },
    });
    expect(page1.json).toMatchObject({ total: 3, page: 1, limit: 2 });
    expect(page1.json.items).toHaveLength(1);
    const perChute = await f.client.get<{ total: number; items: Record<string, unknown>[] }>('/users/me/usage', {
      authorization: a.admin,
      query: { per_chute: 'true', start_date: '2026-01-01T10:00:00', end_date: '2026-01-01T11:00:00Z' },
    });
    expect(perChute.json.total).toBe(3);
    expect(perChute.json.items.map((i) => [i.bucket, i.chute_id])).toEqual([
      ['2026-01-01T11:00:00', 'c1'],
      ['2026-01-01T10:00:00', 'c2'],
      ['2026-01-01T10:00:00', 'c1'],
    ]);
    const byChute = await f.client.get<{ total: number }>('/users/me/usage', {
      authorization: a.admin,
      query: { chute_id: 'c2' },
    });
    expect(byChute.json.total).toBe(2);
    const bad = await f.client.get('/users/me/usage', {
      authorization: a.admin,
      query: { per_chute: 'maybe', page: 'x' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({
      detail: [
        {
          type: 'int_parsing',
          loc: ['query', 'page'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'x',
        },
        {
          type: 'bool_parsing',
          loc: ['query', 'per_chute'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: 'maybe',
        },
      ],
    });
    expect((await f.client.get(`/users/${other.user_id}/usage`, { authorization: a.admin })).status).toBe(403);
  });
});

describe('logins', () => {
  it('logs in with a hotkey signature over a single-use nonce', async () => {
    const a = await account();
    const { nonce, expires_in } = (await f.client.get<{ nonce: string; expires_in: number }>('/users/login/nonce'))
      .json;
    expect(expires_in).toBe(300);
    const ok = await f.client.post<{ token: string }>('/users/login', {
      body: { hotkey: a.key.ss58, signature: a.key.sign(nonce), nonce },
    });
    expect(ok.status).toBe(200);
    const again = await f.client.post('/users/login', {
      body: { hotkey: a.key.ss58, signature: a.key.sign(nonce), nonce },
    });
    expect(again.json).toEqual({ detail: 'Invalid or expired nonce. Please request a new one.' });
    const n2 = (await f.client.get<{ nonce: string }>('/users/login/nonce')).json.nonce;
    expect(
      (
        await f.client.post('/users/login', {
          body: { hotkey: a.key.ss58, signature: TestKey.random().sign(n2), nonce: n2 },
        })
      ).json,
    ).toEqual({
      detail: 'Signature verification failed.',
    });
    const n3 = (await f.client.get<{ nonce: string }>('/users/login/nonce')).json.nonce;
    expect(
      (await f.client.post('/users/login', { body: { hotkey: a.key.ss58, signature: 'zz', nonce: n3 } })).json,
    ).toEqual({ detail: 'Invalid signature format.' });
    const stranger = TestKey.random();
    const n4 = (await f.client.get<{ nonce: string }>('/users/login/nonce')).json.nonce;
    expect(
      (
        await f.client.post('/users/login', {
          body: { hotkey: stranger.ss58, signature: stranger.sign(n4), nonce: n4 },
        })
      ).json,
    ).toEqual({
      detail: 'No account found for this hotkey.',
    });
    expect((await f.client.post('/users/login', { body: { fingerprint: 'nope' } })).json).toEqual({
      detail: 'Invalid fingerprint.',
    });
    const neither = await f.client.post('/users/login', { body: {} });
    expect(neither.status).toBe(400);
    expect(neither.json).toEqual({
      detail: "Please provide either 'fingerprint' or 'hotkey'+'signature'+'nonce' for authentication.",
    });
    expect((await f.client.post('/users/login', { body: '{oops' })).status).toBe(500);
  });
});
