import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { registeredAccount } from './account.test-helper';
import { useSandbox } from './vitest-sandbox';

// The sandbox's account changes: fingerprint and hotkey, balance transfer and refund, deleting the account.
const f = useSandbox();

const account = (username?: string) => registeredAccount(f, username);

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
