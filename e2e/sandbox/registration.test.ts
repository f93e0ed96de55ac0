import { createHash } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import type { RegisteredAccount } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

// Independent uuid5 (RFC 4122 §4.3) for checking the server-style user_id derivation.
function uuid5Oid(name: string): string {
  const ns = Buffer.from('6ba7b8129dad11d180b400c04fd430c8', 'hex');
  const h = createHash('sha1').update(ns).update(name).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

interface RegisterArgs {
  key?: TestKey;
  username?: string;
  coldkey?: string;
  token?: string | null;
  ip?: string;
  signed?: boolean;
  headers?: Record<string, string>;
}

async function register(args: RegisterArgs = {}) {
  const key = args.key ?? TestKey.random();
  const token =
    args.token === undefined
      ? (await f.client.control<{ token: string }>('POST', 'registration_token', {})).token
      : args.token;
  return f.client.post<RegisteredAccount>('/users/register', {
    query: token === null ? {} : { token },
    body: { username: args.username ?? 'alice', coldkey: args.coldkey ?? TestKey.random().ss58 },
    sign: args.signed === false ? undefined : { key },
    headers: args.signed === false ? { 'X-Chutes-Hotkey': key.ss58, ...args.headers } : args.headers,
    ip: args.ip,
  });
}

describe('registration token page', () => {
  it('serves a button page and then a fresh UUID in .token', async () => {
    const page = await f.client.get('/users/registration_token');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toMatch(/<form method="post" action="\/users\/registration_token"><button/);
    const token = await f.client.registrationToken();
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await register({ token })).status).toBe(200);
  });

  it('refuses the 5th page fetch from one IP within 24 h, but not other IPs', async () => {
    for (let i = 1; i <= 4; i++)
      expect((await f.client.get('/users/registration_token', { ip: '10.0.0.1' })).status).toBe(200);
    const fifth = await f.client.get('/users/registration_token', { ip: '10.0.0.1' });
    expect(fifth.status).toBe(429);
    expect(fifth.json).toEqual({ detail: 'Too many registration token attempts from 10.0.0.1' });
    expect((await f.client.get('/users/registration_token', { ip: '10.0.0.2, 172.64.0.1' })).status).toBe(200);
  });

  it('expires tokens after 300 s', async () => {
    const token = await f.client.registrationToken();
    f.sb.setFaults({ clock_offset_s: 301 });
    const res = await register({ token, signed: false });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      detail: 'Invalid registration token, or registration token does not match expected IP address',
    });
  });
});

describe('POST /users/register', () => {
  it('creates the account: response shape, uuid5 user_id, payment address, default quota', async () => {
    const key = TestKey.random();
    const coldkey = TestKey.random().ss58;
    const res = await register({ key, coldkey, username: 'Alice_01' });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(Object.keys(r)).toEqual([
      'username',
      'user_id',
      'created_at',
      'hotkey',
      'coldkey',
      'payment_address',
      'fingerprint',
      'logo_id',
      'logo',
      'api_key',
    ]);
    expect(r).toMatchObject({
      username: 'Alice_01',
      hotkey: key.ss58,
      coldkey,
      logo_id: null,
      logo: null,
      api_key: null,
    });
    expect(r.fingerprint).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(r.user_id).toBe(uuid5Oid(Buffer.from(blake2b(Buffer.from(r.fingerprint), { dkLen: 64 })).toString('hex')));
    expect(r.payment_address).toMatch(/^5[1-9A-HJ-NP-Za-km-z]{47}$/);
    expect(r.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/);
    expect(JSON.stringify(f.sb.state())).not.toContain(r.fingerprint);
    const admin = await f.client.adminKey(key);
    const quotas = await f.client.get<Record<string, unknown>[]>('/users/me/quotas', { authorization: admin });
    expect(quotas.json).toHaveLength(1);
    expect(quotas.json[0]).toMatchObject({ user_id: r.user_id, chute_id: '*', quota: 0, is_default: true });
  });

  it('limits each IP to 3 successful sign-ups per 24 h (checked first)', async () => {
    for (let i = 0; i < 3; i++) expect((await register({ username: `user${i}`, ip: '10.1.1.1' })).status).toBe(200);
    const fourth = await register({ username: 'user3', ip: '10.1.1.1', token: null });
    expect(fourth.status).toBe(429);
    expect(fourth.json).toEqual({ detail: 'Too may registration requests.' });
    expect((await register({ username: 'user3', ip: '10.1.1.2' })).status).toBe(200);
  });

  it('needs a token, a valid one', async () => {
    const missing = await register({ token: null });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      detail:
        'Missing registration token in URL query params, please ensure you have upgraded to chutes>=0.3.33 and try again.',
    });
    for (const token of ['replaceme', '2b1c8f4e-0000-4000-8000-000000000000']) {
      const bad = await register({ token });
      expect(bad.status).toBe(403);
    }
  });

  it('looks the token up exactly as sent, as the server does (`regtoken:{token}`): no other case, dashes or spaces', async () => {
    const issued = async () => (await f.client.control<{ token: string }>('POST', 'registration_token', {})).token;
    for (const variant of [
      (t: string) => t.toUpperCase(),
      (t: string) => t.replace(/-/g, ''),
      (t: string) => ` ${t} `,
    ]) {
      const token = await issued();
      expect((await register({ token: variant(token) })).status).toBe(403);
    }
    expect((await register({ token: await issued() })).status).toBe(200);
  });

  it('refuses a hotkey that already has an account (signed → 409, unsigned → the server’s 500)', async () => {
    const key = TestKey.random();
    expect((await register({ key, username: 'first' })).status).toBe(200);
    const again = await register({ key, username: 'second' });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ detail: 'This hotkey is already registered to a user!' });
    const unsigned = await register({ key, username: 'third', signed: false });
    expect(unsigned.status).toBe(500);
  });

  it('validates usernames and their case-insensitive uniqueness', async () => {
    for (const username of ['ab', 'a'.repeat(16), 'bad name', 'émile']) {
      const res = await register({ username });
      expect(res.status, username).toBe(400);
      expect(res.json).toEqual({
        detail: 'Username must be 3-15 characters and contain only alphanumeric/underscore/dash characters',
      });
    }
    expect((await register({ username: 'dash-ok' })).status).toBe(200);
    const taken = await register({ username: 'DASH-OK' });
    expect(taken.status).toBe(409);
    expect(taken.json).toEqual({ detail: 'Username DASH-OK already exists, sorry! Please choose another.' });
    // ILIKE: `_` in the requested name is a one-character wildcard.
    expect((await register({ username: 'dash_ok' })).status).toBe(409);
  });

  it('requires 0.25 TAO on the coldkey (unknown coldkeys hold 1 TAO)', async () => {
    const poor = TestKey.random().ss58;
    await f.client.control('POST', 'coldkeys', { coldkey: poor, free_tao: 0.2499 });
    const res = await register({ coldkey: poor });
    expect(res.status).toBe(402);
    expect(res.json).toEqual({ detail: 'You must have at least 0.25 tao on your coldkey to register an account.' });
    await f.client.control('POST', 'coldkeys', { coldkey: poor, free_tao: 0.25 });
    expect((await register({ coldkey: poor })).status).toBe(200);
  });

  it('requires X-Chutes-Hotkey (422) and verifies a signature when one is sent', async () => {
    const token = (await f.client.control<{ token: string }>('POST', 'registration_token', {})).token;
    const noHeader = await f.client.post('/users/register', { query: { token }, body: { username: 'alice' } });
    expect(noHeader.status).toBe(422);
    expect(noHeader.json).toEqual({
      detail: [
        { type: 'missing', loc: ['header', 'X-Chutes-Hotkey'], msg: 'Field required', input: null },
        { type: 'missing', loc: ['body', 'coldkey'], msg: 'Field required', input: { username: 'alice' } },
      ],
    });
    const key = TestKey.random();
    const bad = await register({ key, headers: { 'X-Chutes-Signature': '00'.repeat(64) } });
    expect(bad.status).toBe(401);
    expect(String((bad.json as unknown as { detail: string }).detail)).toMatch(
      /^Invalid request signature for hotkey /,
    );
    expect((await register({ key, signed: false, username: 'trusting' })).status).toBe(200);
  });
});

describe('GET /users/name_check', () => {
  it('reports validity and availability', async () => {
    await register({ username: 'taken' });
    expect((await f.client.get('/users/name_check', { query: { username: 'x' } })).json).toEqual({
      valid: false,
      available: false,
    });
    expect((await f.client.get('/users/name_check', { query: { username: 'TAKEN' } })).json).toEqual({
      valid: true,
      available: false,
    });
    expect((await f.client.get('/users/name_check', { query: { username: 'free-name' } })).json).toEqual({
      valid: true,
      available: true,
    });
    const missing = await f.client.get('/users/name_check');
    expect(missing.json).toEqual({
      detail: [{ type: 'missing', loc: ['query', 'username'], msg: 'Field required', input: null }],
    });
  });
});
