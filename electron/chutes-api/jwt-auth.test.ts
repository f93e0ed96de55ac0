import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppFailure, failureIs } from '../../shared/errors';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { createTestClient } from './fixtures/test-client';
import { NONCE_EXPIRED } from './hotkey-login';
import { header, signatureValid, startFakeChutes, type FakeChutes, type Hit, type Reply } from './fixtures/fake-chutes';

const SEED = Buffer.from('fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e', 'hex');
const HOTKEY = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';

let fake: FakeChutes | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/**
 * A server with hotkey logins (`../shared/reference/chutes-account-api.md` §3.5): single-use nonces, signature over the nonce
 * string, tokens `jwt-N`; `/users/me/quotas` accepts only tokens in `valid`.
 */
async function loginServer(overrides: (hit: Hit) => Reply | undefined = () => undefined) {
  const nonces = new Set<string>();
  const valid = new Set<string>();
  let issued = 0;
  fake = await startFakeChutes((hit) => {
    const special = overrides(hit);
    if (special) return special;
    if (hit.method === 'GET' && hit.path === '/users/login/nonce') {
      const nonce = randomUUID();
      nonces.add(nonce);
      return { json: { nonce, expires_in: 300 } };
    }
    if (hit.method === 'POST' && hit.path === '/users/login') {
      const body = JSON.parse(hit.body) as { hotkey: string; signature: string; nonce: string };
      if (!nonces.delete(body.nonce))
        return { status: 401, json: { detail: 'Invalid or expired nonce. Please request a new one.' } };
      if (!signatureValid(body.nonce, body.signature, body.hotkey))
        return { status: 401, json: { detail: 'Signature verification failed.' } };
      const token = `jwt-${++issued}`;
      valid.add(token);
      return { json: { token } };
    }
    const auth = header(hit, 'authorization') ?? '';
    const token = auth.replace(/^Bearer /, '');
    if (!auth.startsWith('Bearer ') || !valid.has(token)) return { status: 401, json: { detail: 'Invalid token.' } };
    return { json: { '*': 200, token } };
  });
  const vault = new MemorySeedVault();
  await vault.putSeed(HOTKEY, SEED);
  const client = createTestClient({ baseUrl: fake.url, vault });
  const quotas = () =>
    client.request({ method: 'GET', path: '/users/me/quotas', auth: { kind: 'jwt', hotkey: HOTKEY } });
  return { client, vault, valid, quotas, fake, key: `${HOTKEY}@${fake.url}` };
}

const paths = (f: FakeChutes) => f.hits.map((h) => `${h.method} ${h.path}`);

describe('JWT auth via hotkey login', () => {
  it('logs in once, keeps the token in the session store and reuses it', async () => {
    const { quotas, vault, fake, key } = await loginServer();
    expect(await quotas()).toEqual({ '*': 200, token: 'jwt-1' });
    expect(await quotas()).toEqual({ '*': 200, token: 'jwt-1' });
    expect(paths(fake)).toEqual([
      'GET /users/login/nonce',
      'POST /users/login',
      'GET /users/me/quotas',
      'GET /users/me/quotas',
    ]);
    expect(vault.sessions.get(key)).toBe('jwt-1');
    const login = fake.hits[1] as Hit;
    expect(Object.keys(JSON.parse(login.body) as object).sort()).toEqual(['hotkey', 'nonce', 'signature']);
  });

  it('uses a token already in the keychain without logging in', async () => {
    const { quotas, vault, valid, fake, key } = await loginServer();
    valid.add('jwt-stored');
    await vault.putSession(key, 'jwt-stored');
    expect(await quotas()).toMatchObject({ token: 'jwt-stored' });
    expect(paths(fake)).toEqual(['GET /users/me/quotas']);
  });

  it('refuses a login token no header can carry, keeps none of it, and logs in afresh next time', async () => {
    let poisoned = true;
    const { quotas, vault, fake, key } = await loginServer((hit) =>
      poisoned && hit.path === '/users/login' ? { json: { token: 'abc\r\nX-Injected: 1' } } : undefined,
    );
    const e = await quotas().catch((error: unknown) => error);
    expect(e instanceof AppFailure && e.appError.reason).toBe('unexpected-shape');
    expect(vault.sessions.has(key)).toBe(false);
    poisoned = false;
    expect(await quotas()).toMatchObject({ token: 'jwt-1' });
    expect(paths(fake).filter((p) => p === 'POST /users/login')).toHaveLength(2);
  });

  it('drops a kept token no header can carry and logs in instead of failing every call', async () => {
    const { quotas, vault, key } = await loginServer();
    await vault.putSession(key, 'abc\r\nX-Injected: 1');
    expect(await quotas()).toMatchObject({ token: 'jwt-1' });
    expect(vault.sessions.get(key)).toBe('jwt-1');
  });

  it('logs in again once when the token expired, and stores the new one', async () => {
    let expireNext = true;
    const { quotas, vault, fake, key } = await loginServer((hit) => {
      if (hit.path === '/users/me/quotas' && expireNext) {
        expireNext = false;
        return { status: 401, json: { detail: 'Token expired.' } };
      }
      return undefined;
    });
    await vault.putSession(key, 'jwt-old');
    expect(await quotas()).toMatchObject({ token: 'jwt-1' });
    expect(paths(fake)).toEqual([
      'GET /users/me/quotas',
      'GET /users/login/nonce',
      'POST /users/login',
      'GET /users/me/quotas',
    ]);
    expect(vault.sessions.get(key)).toBe('jwt-1');
  });

  it('does not loop when even a fresh token is refused', async () => {
    const { quotas, fake } = await loginServer((hit) =>
      hit.path === '/users/me/quotas' ? { status: 401, json: { detail: 'Invalid token.' } } : undefined,
    );
    const error = await quotas().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({
      code: 'unauthorized',
      reason: 'token-rejected',
      message: expect.stringContaining('refusing new sessions') as unknown,
      detail: { status: 401, serverDetail: 'Invalid token.' },
    });
    expect(paths(fake).filter((p) => p === 'POST /users/login')).toHaveLength(1);
    expect(paths(fake).filter((p) => p === 'GET /users/me/quotas')).toHaveLength(1);
  });

  it('fetches and signs a new nonce once when the first expired (a slow keychain prompt)', async () => {
    let expired = 0;
    const { quotas, fake } = await loginServer((hit) =>
      hit.path === '/users/login' && expired++ === 0 ? { status: 401, json: { detail: NONCE_EXPIRED } } : undefined,
    );
    expect(await quotas()).toMatchObject({ token: 'jwt-1' });
    expect(paths(fake)).toEqual([
      'GET /users/login/nonce',
      'POST /users/login',
      'GET /users/login/nonce',
      'POST /users/login',
      'GET /users/me/quotas',
    ]);
    const [first, second] = fake.hits
      .filter((h) => h.path === '/users/login')
      .map((h) => JSON.parse(h.body) as { nonce: string });
    expect(second?.nonce).not.toBe(first?.nonce);
  });

  it('reports an expired nonce after the second try, without a third', async () => {
    const { quotas, fake } = await loginServer((hit) =>
      hit.path === '/users/login' ? { status: 401, json: { detail: NONCE_EXPIRED } } : undefined,
    );
    const error = await quotas().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('failed twice: the one-time login code had expired') as string,
      detail: { serverDetail: NONCE_EXPIRED, hint: expect.stringContaining('within 5 minutes') as string },
    });
    expect(paths(fake).filter((p) => p === 'POST /users/login')).toHaveLength(2);
  });

  it('does not keep using a token another process removed (a seed removed in the other window)', async () => {
    const { quotas, vault, fake, key } = await loginServer();
    expect(await quotas()).toMatchObject({ token: 'jwt-1' });
    // The other process: its own transport on the same keychain (and data folder) forgets the session.
    await createTestClient({ baseUrl: fake.url, vault }).forgetSession(HOTKEY);
    expect(vault.sessions.has(key)).toBe(false);
    expect(await quotas()).toMatchObject({ token: 'jwt-2' });
    expect(paths(fake).filter((p) => p === 'POST /users/login')).toHaveLength(2);
    // Without a removal, the token in memory is used without a keychain read.
    const reads = vi.spyOn(vault, 'getSession');
    expect(await quotas()).toMatchObject({ token: 'jwt-2' });
    expect(reads).not.toHaveBeenCalled();
  });

  it('does not bring back a session whose seed the other window removed while this login ran', async () => {
    let removeDuringLogin: (() => Promise<void>) | null = null;
    const { quotas, vault, key } = await loginServer((hit) => {
      if (hit.path === '/users/login' && removeDuringLogin) void removeDuringLogin();
      return undefined;
    });
    removeDuringLogin = async () => {
      removeDuringLogin = null;
      // What removeHotkeySeed does in the other process: the seed, then its sessions.
      await vault.removeSeed(HOTKEY);
      await vault.removeSession(key);
    };
    const error = await quotas().catch((e: unknown) => e);
    expect((error as AppFailure).appError).toMatchObject({ code: 'not-found', reason: 'seed-missing' });
    expect(vault.sessions.has(key)).toBe(false);
  });

  it('shares one login between concurrent calls', async () => {
    const { quotas, fake } = await loginServer();
    await Promise.all([quotas(), quotas(), quotas()]);
    expect(paths(fake).filter((p) => p === 'POST /users/login')).toHaveLength(1);
  });

  it('signs no login nonce but a UUID: one that reads as a signed transfer is refused and nothing is signed', async () => {
    // What a hostile server would send: the v1 message of a balance transfer, to replay the signature on the real API.
    const bodyHash = createHash('sha256').update('{"user_id":"attacker","amount":1000}').digest('hex');
    for (const nonce of [`${HOTKEY}:${Math.floor(Date.now() / 1000)}:${bodyHash}`, 'n', `${randomUUID()}:x`]) {
      const { quotas, fake, vault } = await loginServer((hit) =>
        hit.path === '/users/login/nonce' ? { json: { nonce, expires_in: 300 } } : undefined,
      );
      const signed = vi.spyOn(vault, 'withSeed');
      expect(failureIs(await quotas().catch((e: unknown) => e), 'unexpected-shape')).toBe(true);
      expect(signed).not.toHaveBeenCalled();
      expect(paths(fake)).not.toContain('POST /users/login');
      await fake.close();
    }
  });

  it('says the hotkey is not registered when the login finds no account', async () => {
    const { quotas, fake } = await loginServer((hit) =>
      hit.path === '/users/login' ? { status: 401, json: { detail: 'No account found for this hotkey.' } } : undefined,
    );
    const error = await quotas().catch((e: unknown) => e);
    expect((error as AppFailure).message).toBe(
      `This hotkey is not registered with Chutes at ${new URL(fake.url).host}.`,
    );
  });
});

describe('raw credentials', () => {
  it('sends a fingerprint raw and an API key as Bearer', async () => {
    fake = await startFakeChutes(() => ({ json: {} }));
    const client = createTestClient({ baseUrl: fake.url, vault: new MemorySeedVault() });
    await client.request({ method: 'DELETE', path: '/users/me', auth: { kind: 'fingerprint', value: 'fp-abc' } });
    await client.request({ method: 'GET', path: '/api_keys/', auth: { kind: 'apiKey', key: 'cpk_x.y.z' } });
    expect(fake.hits.map((h) => header(h, 'authorization'))).toEqual(['fp-abc', 'Bearer cpk_x.y.z']);
    expect(fake.hits.map((h) => header(h, 'x-chutes-signature'))).toEqual([undefined, undefined]);
  });
});
