import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

async function setup() {
  const key = TestKey.random();
  const reg = await f.client.register(key, 'alice');
  const validator = TestKey.random();
  const owner = TestKey.random();
  return { key, reg, validator, owner };
}

describe('historical linking routes (enabled: the July-2025 server)', () => {
  it('links an allow-listed validator hotkey and grants free_account + developer', async () => {
    const { key, reg, validator } = await setup();
    await f.client.control('POST', 'link', { enabled: true, validators: [validator.ss58] });
    const res = await f.client.get<{ permissions_bitmask: number; permissions: string[]; user_id: string }>(
      '/users/link_validator',
      {
        sign: { key, purpose: 'link_account' },
        query: { hotkey: validator.ss58, signature: validator.sign(`${validator.ss58}:alice`) },
      },
    );
    expect(res.status).toBe(200);
    expect(res.json.user_id).toBe(reg.user_id);
    expect(res.json.permissions_bitmask).toBe(0b10001);
    expect(res.json.permissions).toContain('Free invocation -- run anything, for free.');
    // free_account users see `{}` quotas.
    const admin = await f.client.adminKey(key);
    expect((await f.client.get('/users/me/quotas', { authorization: admin })).json).toEqual({});
  });

  it('rejects keys outside the allow-list, bad signatures, and hotkeys linked to another user', async () => {
    const { key, owner } = await setup();
    const other = TestKey.random();
    await f.client.register(other, 'bob');
    await f.client.control('POST', 'link', { enabled: true, subnet_owners: [owner.ss58] });
    const link = (k: TestKey, hotkey: string, signature: string) =>
      f.client.get('/users/link_subnet_owner', {
        sign: { key: k, purpose: 'link_account' },
        query: { hotkey, signature },
      });
    const stranger = TestKey.random();
    expect((await link(key, stranger.ss58, stranger.sign(`${stranger.ss58}:alice`))).json).toEqual({
      detail: 'Invalid hotkey or signature.',
    });
    expect((await link(key, owner.ss58, owner.sign(`${owner.ss58}:bob`))).json).toEqual({
      detail: 'Invalid hotkey or signature.',
    });
    expect((await link(other, owner.ss58, owner.sign(`${owner.ss58}:bob`))).status).toBe(200);
    const taken = await link(key, owner.ss58, owner.sign(`${owner.ss58}:alice`));
    expect(taken.status).toBe(409);
    expect(taken.json).toEqual({ detail: 'Hotkey already associated with user bob' });
    // The server's bytes.fromhex has no try: a non-hex signature is a 500 for an allow-listed hotkey, and
    // the allow-list's 401 for any other (checked first).
    const notHex = await link(key, owner.ss58, 'not-hex');
    expect(notHex.status).toBe(500);
    expect(notHex.json).toEqual({ detail: 'Internal Server Error' });
    expect((await link(key, stranger.ss58, 'not-hex')).json).toEqual({ detail: 'Invalid hotkey or signature.' });
    const missing = await f.client.get('/users/link_validator', { sign: { key, purpose: 'link_account' } });
    expect(missing.status).toBe(422);
  });
});

describe('linking disabled (today’s server, and a fresh sandbox: the catch-all answers)', () => {
  it('is off until a test turns it on', () => {
    expect(f.sb.state().link).toEqual({ enabled: false, validators: [], subnet_owners: [] });
  });

  it('fails the link_account signature and answers 404 User not found to keys', async () => {
    const { key, validator } = await setup();
    await f.client.control('POST', 'link', { enabled: false, validators: [validator.ss58] });
    const query = { hotkey: validator.ss58, signature: validator.sign(`${validator.ss58}:alice`) };
    const nonce = f.client.nowSeconds();
    const signed = await f.client.get('/users/link_validator', {
      sign: { key, purpose: 'link_account', nonce },
      query,
    });
    expect(signed.status).toBe(401);
    expect(signed.json).toEqual({
      detail: `Invalid request signature for hotkey ${key.ss58}. Message: ${key.ss58}:${nonce}:me`,
    });
    const admin = await f.client.adminKey(key);
    const byKey = await f.client.get('/users/link_subnet_owner', { authorization: admin, query });
    expect(byKey.status).toBe(404);
    expect(byKey.json).toEqual({ detail: 'User not found' });
    // reset restores the default: off, as the routes were removed in July 2025 (reference §4).
    await f.client.control('POST', 'link', { enabled: true });
    f.sb.reset();
    expect(f.sb.state().link).toEqual({ enabled: false, validators: [], subnet_owners: [] });
  });
});
