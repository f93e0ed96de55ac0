import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivityLog, ACTIVITY_FILE } from '../activity-log/activity-log';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { ss58FromSeed } from '../signer/sr25519';
import { accountEndpoints } from './endpoints/account';
import { createTestClient } from './fixtures/test-client';
import { header, startFakeChutes } from './fixtures/fake-chutes';

// Recognisable secrets: if any of them reaches the activity log, the test finds it.
const CANARY_SEED = Buffer.alloc(32, 0xc7);
const CANARY_SEED_HEX = CANARY_SEED.toString('hex');
const CANARY_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.CANARYTOKEN.sig';
const CANARY_FINGERPRINT = 'FINGERPRINTCANARY0123456789abcdef';
const CANARY_KEY = 'cpk_CANARYKEY';
const CANARY_BODY_VALUE = 'BODY-SECRET-CANARY';

const dir = mkdtempSync(path.join(os.tmpdir(), 'chutes-canary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('activity log through the API client', () => {
  it('records each authenticated call with public facts only', async () => {
    const hotkey = await ss58FromSeed(CANARY_SEED);
    const fake = await startFakeChutes((hit) => {
      if (hit.path === '/users/login/nonce') return { json: { nonce: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } };
      if (hit.path === '/users/login') return { json: { token: CANARY_TOKEN } };
      if (hit.path === '/ping') return { json: { message: 'pong' } };
      if (hit.path === '/secrets/')
        return { status: 409, json: { detail: 'A secret already exists for this purpose with this key.' } };
      return { json: {} };
    });
    try {
      const vault = new MemorySeedVault();
      await vault.putSeed(hotkey, CANARY_SEED);
      const activity = createActivityLog(dir);
      const client = createTestClient({ baseUrl: fake.url, vault, activityLog: activity });

      await client
        .request({
          method: 'POST',
          path: '/secrets/',
          body: { purpose: 'c', key: 'K', value: CANARY_BODY_VALUE },
          auth: { kind: 'hotkey', hotkey },
        })
        .catch(() => undefined);
      await client.request({
        method: 'GET',
        path: '/users/me/usage',
        query: { token: 'QUERYCANARY' },
        auth: { kind: 'jwt', hotkey },
      });
      await client.request({
        method: 'DELETE',
        path: '/users/me',
        auth: { kind: 'fingerprint', value: CANARY_FINGERPRINT },
      });
      await client.request({ method: 'GET', path: '/api_keys/', auth: { kind: 'apiKey', key: CANARY_KEY } });
      await client.ping(); // unauthenticated: not an activity

      const signatures = fake.hits.map((h) => header(h, 'x-chutes-signature')).filter((s): s is string => !!s);
      const loginSignature = (
        JSON.parse(fake.hits.find((h) => h.path === '/users/login')?.body ?? '{}') as { signature?: string }
      ).signature;
      expect(signatures).toHaveLength(1);
      expect(loginSignature).toMatch(/^[0-9a-f]{128}$/);

      const listed = await activity.read().then((page) => page.entries);
      expect(listed.map((e) => `${e.auth} ${e.method} ${e.path} ${e.status ?? '-'}`)).toEqual([
        'apiKey GET /api_keys/ 200',
        'fingerprint DELETE /users/me 200',
        'jwt GET /users/me/usage 200',
        'hotkey-login POST /users/login 200',
        'hotkey-login GET /users/login/nonce 200',
        'hotkey POST /secrets/ 409',
      ]);
      expect(listed.at(-1)?.bodySha256).toMatch(/^[0-9a-f]{64}$/);
      expect(listed.at(-1)?.hotkey).toBe(hotkey);

      const text = readFileSync(path.join(dir, ACTIVITY_FILE), 'utf8');
      for (const secret of [
        CANARY_SEED_HEX,
        CANARY_TOKEN,
        'CANARYTOKEN',
        CANARY_FINGERPRINT,
        CANARY_KEY,
        CANARY_BODY_VALUE,
        'QUERYCANARY',
        loginSignature ?? 'x',
        ...signatures,
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await fake.close();
    }
  });

  it('records the network failure kind when there is no status', async () => {
    const fake = await startFakeChutes(() => ({ destroy: true }));
    const activity = createActivityLog(path.join(dir, 'net'));
    const client = createTestClient({ baseUrl: fake.url, vault: new MemorySeedVault(), activityLog: activity });
    await client
      .request({ method: 'POST', path: '/api_keys/', body: {}, auth: { kind: 'apiKey', key: CANARY_KEY } })
      .catch(() => undefined);
    await fake.close();
    const [only] = await activity.read().then((page) => page.entries);
    expect(only).toMatchObject({ auth: 'apiKey', method: 'POST', path: '/api_keys/', failure: 'reset' });
    expect(only?.status).toBeUndefined();
  });

  it('names the server on every entry, and the account a fingerprint call was for', async () => {
    const hotkey = await ss58FromSeed(CANARY_SEED);
    const fake = await startFakeChutes((hit) =>
      hit.path === '/users/me' ? { json: { deleted: true } } : { json: {} },
    );
    try {
      const vault = new MemorySeedVault();
      await vault.putSeed(hotkey, CANARY_SEED);
      const activity = createActivityLog(path.join(dir, 'server'));
      const client = createTestClient({ baseUrl: `${fake.url}/`, vault, activityLog: activity });
      await accountEndpoints(client, hotkey).deleteMe(CANARY_FINGERPRINT);
      await client.request({ method: 'GET', path: '/users/me', auth: { kind: 'hotkey', hotkey, purpose: 'me' } });
      await client.request({
        method: 'POST',
        path: '/api_keys/',
        body: { name: 'x' },
        auth: { kind: 'hotkey', hotkey },
      });
      const listed = await activity.read().then((page) => page.entries);
      expect(listed.map((e) => [e.auth, e.path, e.server, e.hotkey])).toEqual([
        ['hotkey', '/api_keys/', fake.url, hotkey],
        ['hotkey', '/users/me', fake.url, hotkey],
        ['fingerprint', '/users/me', fake.url, hotkey],
      ]);
      // Only a body that was signed has a hash: a GET signs its purpose instead.
      expect(listed[0]?.bodySha256).toMatch(/^[0-9a-f]{64}$/);
      expect(listed[1]).not.toHaveProperty('bodySha256');
      expect(readFileSync(path.join(dir, 'server', ACTIVITY_FILE), 'utf8')).not.toContain(CANARY_FINGERPRINT);
    } finally {
      await fake.close();
    }
  });

  it('keeps the status of an answer whose body was too large or cut off, and says so', async () => {
    const fake = await startFakeChutes((hit) =>
      hit.path === '/big'
        ? { raw: 'x'.repeat(4096) }
        : { wire: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"id":' },
    );
    try {
      const activity = createActivityLog(path.join(dir, 'body'));
      const client = createTestClient({
        baseUrl: fake.url,
        vault: new MemorySeedVault(),
        activityLog: activity,
        maxResponseBytes: 1024,
        retry: { retries: 0 },
      });
      const auth = { kind: 'apiKey', key: CANARY_KEY } as const;
      await expect(client.request({ method: 'GET', path: '/big', auth })).rejects.toThrow();
      await expect(client.request({ method: 'GET', path: '/cut', auth })).rejects.toThrow();
      const listed = await activity.read().then((page) => page.entries);
      expect(listed.map((e) => [e.path, e.status, e.bodyFailure, e.failure])).toEqual([
        ['/cut', 200, 'cut-off', undefined],
        ['/big', 200, 'too-large', undefined],
      ]);
    } finally {
      await fake.close();
    }
  });
});
