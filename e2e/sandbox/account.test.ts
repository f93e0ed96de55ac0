import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

async function account(username = 'alice') {
  const key = TestKey.random();
  const reg = await f.client.register(key, username);
  const admin = await f.client.adminKey(key);
  return { key, admin, ...reg };
}

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

describe('fingerprint and hotkey changes', () => {
  it('changes the fingerprint with the current one (whole header) or a hotkey signature (±300 s)', async () => {
    const a = await account();
    expect(
      (
        await f.client.post('/users/change_fingerprint', {
          authorization: `Bearer ${a.fingerprint}`,
          body: { fingerprint: 'x' },
        })
      ).json,
    ).toEqual({
      detail: 'Missing or invalid fingerprint provided.',
    });
    expect(
      (
        await f.client.post('/users/change_fingerprint', {
          authorization: a.fingerprint,
          body: { fingerprint: 'second' },
        })
      ).json,
    ).toEqual({
      status: 'Fingerprint updated',
    });
    const now = f.client.nowSeconds();
    const hotkeyMode = (fp: string, nonce: number, signer = a.key) => ({
      body: { fingerprint: fp },
      headers: {
        'X-Chutes-Hotkey': a.key.ss58,
        'X-Chutes-Nonce': String(nonce),
        'X-Chutes-Signature': signer.sign(`${a.key.ss58}:${fp}:${nonce}`),
      },
    });
    expect((await f.client.post('/users/change_fingerprint', hotkeyMode('third', now - 298))).json).toEqual({
      status: 'Fingerprint updated',
    });
    expect((await f.client.post('/users/change_fingerprint', hotkeyMode('x', now + 302))).json).toEqual({
      detail: `Invalid nonce: ${now + 302}`,
    });
    expect((await f.client.post('/users/change_fingerprint', hotkeyMode('x', now, TestKey.random()))).json).toEqual({
      detail: 'No user found with the provided hotkey/coldkey',
    });
    expect((await f.client.post('/users/change_fingerprint', { body: { fingerprint: 'x' } })).json).toEqual({
      detail: 'Missing or invalid BT signature.',
    });
    expect((await f.client.post('/users/login', { body: { fingerprint: 'third' } })).status).toBe(200);
    expect((await f.client.post('/users/login', { body: { fingerprint: a.fingerprint } })).status).toBe(401);
  });

  it('re-binds hotkey/coldkey with the fingerprint', async () => {
    const a = await account();
    const b = await account('bob');
    const newHotkey = TestKey.random();
    const res = await f.client.post<{ hotkey: string }>('/users/change_bt_auth', {
      authorization: a.fingerprint,
      body: { hotkey: newHotkey.ss58 },
    });
    expect(res.json.hotkey).toBe(newHotkey.ss58);
    expect((await f.client.get('/users/me', { sign: { key: newHotkey, purpose: 'me' } })).status).toBe(200);
    expect(
      (await f.client.post('/users/change_bt_auth', { authorization: a.fingerprint, body: { hotkey: b.key.ss58 } }))
        .json,
    ).toEqual({
      detail: `Hotkey already associated with another user: ${b.key.ss58}`,
    });
    expect(
      (await f.client.post('/users/change_bt_auth', { authorization: a.fingerprint, body: { coldkey: 'nope' } })).json,
    ).toEqual({ detail: 'Invalid coldkey: nope' });
    expect((await f.client.post('/users/change_bt_auth', { authorization: a.fingerprint, body: {} })).json).toEqual({
      detail: 'Invalid request, please provide a coldkey and/or hotkey',
    });
    const noAuth = await f.client.post('/users/change_bt_auth', { body: { coldkey: 'x' } });
    expect(noAuth.json).toEqual({
      detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }],
    });
  });
});

describe('balance transfer and deposit refund', () => {
  it('moves balance by hotkey signature, admin key or fingerprint, with the server’s checks', async () => {
    const a = await account();
    const b = await account('bob');
    await f.client.control('POST', 'balance', { user_id: a.user_id, balance: 10 });
    const byHotkey = await f.client.post<Record<string, unknown>>('/users/balance_transfer', {
      body: { user_id: 'bob', amount: 4 },
      sign: { key: a.key },
    });
    expect(byHotkey.json).toMatchObject({
      transferred: 4,
      from_user: a.user_id,
      to_user: b.user_id,
      from_balance: 6,
      to_balance: 4,
    });
    expect(
      (
        await f.client.post('/users/balance_transfer', {
          body: { user_id: b.user_id, amount: 7 },
          authorization: a.admin,
        })
      ).json,
    ).toEqual({
      detail: 'Insufficient balance. Current balance: 6.000000',
    });
    expect(
      (await f.client.post('/users/balance_transfer', { body: { user_id: 'alice' }, authorization: a.fingerprint }))
        .json,
    ).toEqual({
      detail: 'Cannot transfer balance to yourself.',
    });
    expect(
      (await f.client.post('/users/balance_transfer', { body: { user_id: 'bob', amount: 0 }, authorization: a.admin }))
        .json,
    ).toEqual({
      detail: 'Transfer amount must be positive.',
    });
    expect(
      (await f.client.post('/users/balance_transfer', { body: { user_id: 'ghost' }, authorization: a.admin })).json,
    ).toEqual({
      detail: 'Target user not found: ghost',
    });
    const all = await f.client.post<Record<string, unknown>>('/users/balance_transfer', {
      body: { user_id: 'bob' },
      authorization: `Bearer ${a.fingerprint}`,
    });
    expect(all.json).toMatchObject({ transferred: 6, from_balance: 0, to_balance: 10 });
    expect(
      (await f.client.post('/users/balance_transfer', { body: { user_id: 'bob' }, authorization: a.admin })).json,
    ).toEqual({ detail: 'No balance to transfer.' });
    expect((await f.client.post('/users/balance_transfer', { body: { user_id: 'bob' } })).json).toEqual({
      detail: 'Authentication required. Provide hotkey auth, admin API key, or fingerprint.',
    });
    expect(
      (await f.client.post('/users/balance_transfer', { body: { user_id: 'bob' }, authorization: 'wrong-fp' })).json,
    ).toEqual({ detail: 'Invalid fingerprint.' });
  });

  it('has no developer deposit to refund', async () => {
    const a = await account();
    const res = await f.client.post('/return_developer_deposit', {
      body: { address: a.coldkey },
      sign: { key: a.key },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: 'You have not made any payments to the developer deposit address: None' });
  });
});

describe('DELETE /users/me', () => {
  it('needs the fingerprint and refuses while resources exist (409 object detail)', async () => {
    const a = await account();
    expect((await f.client.delete('/users/me', { authorization: a.admin })).json).toEqual({ detail: 'Not authorized' });
    const chute = await f.client.control<{ chute_id: string }>('POST', 'chutes', { user_id: a.user_id, name: 'mine' });
    const blocked = await f.client.delete('/users/me', { authorization: a.fingerprint });
    expect(blocked.status).toBe(409);
    expect(blocked.json).toEqual({
      detail: {
        message:
          'User owns resources (chutes/images/secrets) that must be removed manually before the account can be deleted.',
        user_id: a.user_id,
        chutes: [chute.chute_id],
        images: [],
        secrets: [],
      },
    });
    f.sb.reset();
    const b = await account('bob');
    await f.client.control('POST', 'balance', { user_id: b.user_id, balance: 30 });
    expect((await f.client.delete('/users/me', { authorization: b.fingerprint })).status).toBe(409);
    await f.client.control('POST', 'balance', { user_id: b.user_id, balance: 1 });
    expect((await f.client.delete('/users/me', { authorization: `Bearer ${b.fingerprint}` })).json).toEqual({
      deleted: true,
    });
    expect((await f.client.get('/users/me', { authorization: b.admin })).json).toEqual({
      detail: 'Invalid token or user not found',
    });
  });
});
