import { describe, expect, it } from 'vitest';
import { ss58Encode } from './sr25519';
import { sha256Hex, TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const T0 = 1_700_000_000_500; // a test clock half-way through a second
const f = useSandbox({ now: () => T0 });
const NOW_S = Math.floor(T0 / 1000);
const VECTOR_SEED = 'fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e';
const VECTOR_SS58 = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';

async function account(username = 'alice'): Promise<{ key: TestKey; user_id: string; fingerprint: string }> {
  const key = TestKey.random();
  const reg = await f.client.register(key, username);
  return { key, user_id: reg.user_id, fingerprint: reg.fingerprint };
}

describe('reference vectors', () => {
  it('derives the documented SS58 and body hash, in both implementations', () => {
    const key = TestKey.fromSeed(VECTOR_SEED);
    expect(key.ss58).toBe(VECTOR_SS58);
    expect(ss58Encode(key.publicKey)).toBe(VECTOR_SS58);
    expect(Buffer.from(key.publicKey).toString('hex')).toBe(
      '46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a',
    );
    expect(sha256Hex('{"name":"desk","admin":true}')).toBe(
      '52f6d381031e36f43f966b7be298f6e08ad77faf8a1d368995dff2b42b84cafe',
    );
  });
});

describe('hotkey v1 signatures', () => {
  it('accepts purpose `me` on GET /users/me and reports the expected message on a wrong purpose', async () => {
    const { key } = await account();
    const good = await f.client.get<{ username: string }>('/users/me', { sign: { key, purpose: 'me' } });
    expect(good.status).toBe(200);
    expect(good.json.username).toBe('alice');
    const bad = await f.client.get('/users/me', { sign: { key, purpose: 'api_keys' } });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({
      detail: `Invalid request signature for hotkey ${key.ss58}. Message: ${key.ss58}:${NOW_S}:me`,
    });
  });

  it('hashes the exact body bytes: Python json.dumps spacing verifies, a re-serialised body does not', async () => {
    const { key } = await account();
    const spaced = '{"name": "desk", "admin": true}';
    const ok = await f.client.post<{ name: string }>('/api_keys/', { body: spaced, sign: { key } });
    expect(ok.status).toBe(200);
    expect(ok.json.name).toBe('desk');
    // Signature over the compact form, but the spaced bytes are sent.
    const compactHash = sha256Hex('{"name":"desk2","admin":true}');
    const sent = '{"name": "desk2", "admin": true}';
    const res = await f.client.post('/api_keys/', {
      body: sent,
      sign: { key, message: `${key.ss58}:${NOW_S}:${compactHash}` },
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      detail: `Invalid request signature for hotkey ${key.ss58}. Message: ${key.ss58}:${NOW_S}:${sha256Hex(sent)}`,
    });
  });

  it.each([
    [599, 200],
    [-599, 200],
    [600, 401],
    [-600, 401],
  ])('nonce %i s away from the server clock → %i', async (delta, status) => {
    const { key } = await account();
    const res = await f.client.get('/users/me', { sign: { key, purpose: 'me', nonce: NOW_S + delta } });
    expect(res.status).toBe(status);
    if (status === 401) expect(res.json).toEqual({ detail: 'Invalid nonce!' });
  });

  it('rejects non-digit nonces', async () => {
    const { key } = await account();
    for (const nonce of [`${NOW_S}.5`, `-${NOW_S}`, `+${NOW_S}`]) {
      const res = await f.client.get('/users/me', { sign: { key, purpose: 'me', nonce } });
      expect(res.json).toEqual({ detail: 'Invalid nonce!' });
    }
  });

  it('rejects a 0x-prefixed signature the way bytes.fromhex does', async () => {
    const { key } = await account();
    let sent = '';
    const res = await f.client.get('/users/me', { sign: { key, purpose: 'me', mangle: (s) => (sent = `0x${s}`) } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      detail: `Invalid signature: ${sent}, with error: non-hexadecimal number found in fromhex() arg at position 1`,
    });
  });

  it('accepts the <Bytes>-wrapped message (polkadot signRaw style)', async () => {
    const { key } = await account();
    const res = await f.client.get('/users/me', { sign: { key, purpose: 'me', wrapBytes: true } });
    expect(res.status).toBe(200);
  });

  it('knows no account for a valid signature by an unknown hotkey', async () => {
    const stranger = TestKey.random();
    const res = await f.client.get('/users/me', { sign: { key: stranger, purpose: 'me' } });
    expect(res.json).toEqual({ detail: `Could not find user with hotkey: ${stranger.ss58}` });
  });

  it('rejects a signature by another key, and an invalid SS58 hotkey', async () => {
    const { key } = await account();
    const other = TestKey.random();
    const forged = await f.client.get('/users/me', { sign: { key: other, hotkey: key.ss58, purpose: 'me' } });
    expect(forged.status).toBe(401);
    expect(forged.json).toEqual({
      detail: `Invalid request signature for hotkey ${key.ss58}. Message: ${key.ss58}:${NOW_S}:me`,
    });
    // Change the last character (to one it is not: a random key may already end in X).
    const badSs58 = `${key.ss58.slice(0, -1)}${key.ss58.endsWith('X') ? 'Y' : 'X'}`;
    const res = await f.client.get('/users/me', { sign: { key, hotkey: badSs58, purpose: 'me' } });
    expect(res.json).toEqual({
      detail: `Invalid request signature for hotkey ${badSs58}. Message: ${badSs58}:${NOW_S}:me`,
    });
  });

  it('cannot reach purpose-less GETs with hotkey auth', async () => {
    const { key } = await account();
    for (const path of ['/users/me/quotas', '/users/me/usage', '/users/me/discounts', '/users/me/subscription_usage']) {
      const res = await f.client.get(path, { sign: { key, purpose: 'me' } });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ detail: 'Either payload_str or purpose must be provided' });
    }
  });

  it('ignores incomplete X-Chutes-* headers and falls back to Authorization; all three win over it', async () => {
    const { key } = await account();
    const admin = await f.client.adminKey(key);
    const partial = { 'X-Chutes-Hotkey': key.ss58, 'X-Chutes-Nonce': String(NOW_S) };
    expect((await f.client.get('/users/me', { headers: partial, authorization: `Bearer ${admin}` })).status).toBe(200);
    expect((await f.client.get('/users/me', { headers: partial })).json).toEqual({
      detail: "Can't find a user with that api key in our db :(",
    });
    const full = { ...partial, 'X-Chutes-Signature': 'ab'.repeat(64) };
    const res = await f.client.get('/users/me', { headers: full, authorization: `Bearer ${admin}` });
    expect(res.status).toBe(401);
    expect(String((res.json as { detail: string }).detail)).toMatch(/^Invalid request signature for hotkey /);
  });

  it('answers 100 parallel signed requests correctly', async () => {
    const { key } = await account();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? f.client.post<{ name: string }>('/api_keys/', { body: { name: `k${i}`, admin: false }, sign: { key } })
          : f.client.get<{ hotkey: string }>('/users/me', { sign: { key, purpose: 'me' } }),
      ),
    );
    results.forEach((r, i) => {
      expect(r.status, `request ${i}`).toBe(200);
      if (i % 2 === 0) expect((r.json as { name: string }).name).toBe(`k${i}`);
      else expect((r.json as { hotkey: string }).hotkey).toBe(key.ss58);
    });
    const list = await f.client.get<{ total: number }>('/api_keys/', {
      sign: { key, purpose: 'api_keys' },
      query: { limit: 100 },
    });
    expect(list.json.total).toBe(50);
  });
});

describe('API keys as credentials', () => {
  it.each(['Bearer ', 'Basic ', '', 'bearer  '])('accepts the key after %j', async (prefix) => {
    const { key } = await account();
    const admin = await f.client.adminKey(key);
    const res = await f.client.get<{ hotkey: string }>('/users/me', { authorization: `${prefix}${admin}` });
    expect(res.status).toBe(200);
    expect(res.json.hotkey).toBe(key.ss58);
  });

  it('rejects real Basic auth, malformed keys, wrong secrets and deleted keys', async () => {
    const { key } = await account();
    const admin = await f.client.adminKey(key);
    const basic = `Basic ${Buffer.from(`user:${admin}`).toString('base64')}`;
    expect((await f.client.get('/users/me', { authorization: basic })).json).toEqual({
      detail: 'Missing or invalid authorization header(s)',
    });
    expect((await f.client.get('/users/me', { authorization: 'cpk_short' })).json).toEqual({
      detail: 'Missing or invalid authorization header(s)',
    });
    const wrong = `${admin.slice(0, -32)}${'A'.repeat(32)}`;
    expect((await f.client.get('/users/me', { authorization: wrong })).json).toEqual({
      detail: 'Invalid token or user not found',
    });
    const id = admin.slice(4, 36).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    expect((await f.client.delete(`/api_keys/${id}`, { authorization: admin })).status).toBe(200);
    expect((await f.client.get('/users/me', { authorization: admin })).json).toEqual({
      detail: 'Invalid token or user not found',
    });
  });

  it('stores only a hash of the key', async () => {
    const { key } = await account();
    const admin = await f.client.adminKey(key);
    const state = JSON.stringify(f.sb.state());
    expect(state).not.toContain(admin.slice(-32));
  });

  it('refuses non-admin keys on account routes', async () => {
    const { key } = await account();
    const res = await f.client.post<{ secret_key: string }>('/api_keys/', {
      body: { name: 'chutes-only', admin: false, scopes: [{ object_type: 'chutes' }] },
      sign: { key },
    });
    const scoped = res.json.secret_key;
    expect(scoped).toMatch(/^cpk_[0-9a-f]{32}\.[0-9a-f]{32}\.[A-Za-z0-9]{32}$/);
    expect(scoped).toHaveLength(102);
    for (const [method, path] of [
      ['GET', '/users/me'],
      ['GET', '/users/me/quotas'],
      ['GET', '/api_keys/'],
      ['GET', '/secrets/'],
      ['POST', '/api_keys/'],
    ] as const) {
      const r = await f.client.request(method, path, {
        authorization: `Bearer ${scoped}`,
        body: method === 'POST' ? { name: 'x', admin: true } : undefined,
      });
      expect(r.json, `${method} ${path}`).toEqual({ detail: 'Invalid token or user not found' });
    }
  });

  it('lets no scoped key through a REST route, whatever its scopes: the object type checked is the path’s last segment', async () => {
    const { key, user_id } = await account();
    const chute = f.sb.addChute(user_id, 'llm');
    const image = f.sb.addImage(user_id, 'img', '1');
    const scopeSets = [
      [{ object_type: 'chutes', action: 'invoke' }],
      [{ object_type: 'chutes', action: null }],
      [{ object_type: 'chutes', object_id: chute.chute_id }],
      [{ object_type: 'images', action: 'read' }],
      [{ object_type: 'images', object_id: image.image_id, action: 'read' }],
      [{ object_type: 'invocations' }, { object_type: 'storage' }],
    ];
    for (const [i, scopes] of scopeSets.entries()) {
      const made = await f.client.post<{ secret_key: string }>('/api_keys/', {
        body: { name: `scoped-${i}`, admin: false, scopes },
        sign: { key },
      });
      // `GET /chutes/` is checked as type "" (and `/chutes/{id}` as the id): no scope can name either.
      for (const path of ['/chutes/', '/images/']) {
        const r = await f.client.get(path, { authorization: `Bearer ${made.json.secret_key}` });
        expect(r.json, `${JSON.stringify(scopes)} GET ${path}`).toEqual({ detail: 'Invalid token or user not found' });
      }
    }
    const admin = await f.client.adminKey(key);
    expect((await f.client.get('/chutes/', { authorization: `Bearer ${admin}` })).status).toBe(200);
    expect((await f.client.get('/images/', { authorization: `Bearer ${admin}` })).status).toBe(200);
  });

  it('says who is missing when no credentials are sent', async () => {
    const res = await f.client.get('/api_keys/');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ detail: "Can't find a user with that api key in our db :(" });
  });
});

describe('JWT sessions', () => {
  it('logs in by fingerprint: HS256, 7 days, sub/iat/exp/salted; usable on purpose-less GETs', async () => {
    const { user_id, fingerprint } = await account();
    const login = await f.client.post<{ token: string }>('/users/login', { body: { fingerprint } });
    expect(login.status).toBe(200);
    const [head, payload] = login.json.token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(head).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ sub: user_id, iat: NOW_S, exp: NOW_S + 7 * 24 * 3600, salted: true });
    const quotas = await f.client.get('/users/me/quotas', { authorization: `Bearer ${login.json.token}` });
    expect(quotas.status).toBe(200);
    // Without `Bearer` a JWT is taken for an API key.
    expect((await f.client.get('/users/me', { authorization: login.json.token })).json).toEqual({
      detail: 'Missing or invalid authorization header(s)',
    });
  });

  it('rejects tampered and expired tokens, and tokens from before a refinger', async () => {
    const { fingerprint } = await account();
    const { token } = (await f.client.post<{ token: string }>('/users/login', { body: { fingerprint } })).json;
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}A`;
    expect((await f.client.get('/users/me', { authorization: `Bearer ${tampered}` })).json).toEqual({
      detail: 'Invalid token.',
    });
    f.sb.setFaults({ clock_offset_s: 7 * 24 * 3600 });
    expect((await f.client.get('/users/me', { authorization: `Bearer ${token}` })).json).toEqual({
      detail: 'Token expired.',
    });
    f.sb.setFaults({ clock_offset_s: 0 });
    expect(
      (
        await f.client.post('/users/change_fingerprint', {
          authorization: fingerprint,
          body: { fingerprint: 'new-secret' },
        })
      ).status,
    ).toBe(200);
    expect((await f.client.get('/users/me', { authorization: `Bearer ${token}` })).json).toEqual({
      detail: 'Invalid token.',
    });
  });
});
