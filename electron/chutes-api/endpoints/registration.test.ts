import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { newHotkey } from '../../profiles/fixtures.test-helper';
import { MemorySeedVault } from '../../keychain/memory-seed-vault.test-helper';
import { startFakeChutes, v1Valid, type FakeChutes, type Reply } from '../fixtures/fake-chutes';
import { createTransport } from '../transport';
import { registrationFailure } from '../../registration/registration-failures';
import { nameCheck, register, REGISTER_TIMEOUT_MS } from './registration';

// The wire of `../shared/reference/chutes-account-api.md` §2.2 and §2.4 against a local stand-in: exact bytes, signature, token, no retries.
let fake: FakeChutes | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const TOKEN = '0c6b1a44-5d63-4c4c-9d6e-2c2a3b1f0e11';
const answer = (hotkey: string): Reply => ({
  json: {
    username: 'alice',
    user_id: 'u-1',
    created_at: '2026-01-01T00:00:00',
    hotkey,
    coldkey: 'ck',
    payment_address: 'pay',
    fingerprint: 'F'.repeat(32),
    logo_id: null,
    logo: null,
    api_key: null,
  },
});

async function world(handler: Parameters<typeof startFakeChutes>[0], timeoutMs?: number) {
  fake = await startFakeChutes(handler);
  const hotkey = await newHotkey();
  const vault = new MemorySeedVault();
  await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
  const transport = createTransport({
    baseUrl: fake.url,
    vault,
    retry: { sleep: () => Promise.resolve() },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return { fake, hotkey, transport };
}

describe('registration endpoints', () => {
  it('name_check sends the name as a query parameter without credentials', async () => {
    const { fake, transport } = await world(() => ({ json: { valid: true, available: false } }));
    expect(await nameCheck(transport, 'a_b-c')).toEqual({ valid: true, available: false });
    expect(fake.hits[0]?.query.get('username')).toBe('a_b-c');
    expect(fake.hits[0]?.headers['x-chutes-signature']).toBeUndefined();
  });

  it('register posts {username, coldkey} with the token in the query, signed over the exact body bytes', async () => {
    const { fake, hotkey, transport } = await world((hit) => answer(String(hit.headers['x-chutes-hotkey'])));
    const result = await register(transport, { username: 'alice', coldkey: 'ck', hotkey: hotkey.ss58, token: TOKEN });
    expect(result.fingerprint).toBe('F'.repeat(32));
    const hit = fake.hits[0];
    if (!hit) throw new Error('no request');
    expect(hit.method).toBe('POST');
    expect(hit.query.get('token')).toBe(TOKEN);
    expect(hit.body).toBe('{"username":"alice","coldkey":"ck"}');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(v1Valid(hit, undefined, Math.floor(Date.now() / 1000))).toBe(true);
  });

  it('a dropped connection is not retried, and becomes answer-lost; a refused one is a plain network failure', async () => {
    const { fake, hotkey, transport } = await world(() => ({ destroy: true }));
    const error = await register(transport, {
      username: 'alice',
      coldkey: 'ck',
      hotkey: hotkey.ss58,
      token: TOKEN,
    }).catch((e: unknown) => e);
    expect(fake.hits).toHaveLength(1);
    const at = { host: transport.host, username: 'alice', hotkey: hotkey.ss58, hotkeyName: 'hk', coldkey: 'ck' };
    expect(registrationFailure(error, at)).toMatchObject({ appError: { code: 'network', reason: 'answer-lost' } });
    const refused = new AppFailure('network', 'refused', { network: 'refused' });
    expect(registrationFailure(refused, at)).toBe(refused);
  });

  it('waits for a slow server far past the transport’s own deadline: its answer holds the only fingerprint', async () => {
    // The transport gives up on other calls after 100 ms here; the server takes 400 ms (a chain check).
    const { hotkey, transport } = await world(
      (hit) => ({ ...answer(String(hit.headers['x-chutes-hotkey'])), delayMs: 400 }),
      100,
    );
    const result = await register(transport, { username: 'alice', coldkey: 'ck', hotkey: hotkey.ss58, token: TOKEN });
    expect(result.fingerprint).toBe('F'.repeat(32));
    expect(REGISTER_TIMEOUT_MS).toBeGreaterThanOrEqual(100_000);
  });

  it('keeps the fingerprint of a 200 whose other fields are in another shape (they read as absent)', async () => {
    const { hotkey, transport } = await world(() => ({
      json: { user_id: 42, fingerprint: 'G'.repeat(32), payment_address: null, hotkey: 7, created_at: 1 },
    }));
    expect(await register(transport, { username: 'alice', coldkey: 'ck', hotkey: hotkey.ss58, token: TOKEN })).toEqual({
      user_id: '42',
      fingerprint: 'G'.repeat(32),
      created_at: null,
      hotkey: null,
      payment_address: null,
    });
  });

  it('an unexpected answer shape is a typed failure, not a crash', async () => {
    const { hotkey, transport } = await world(() => ({ json: { username: 'alice' } }));
    await expect(
      register(transport, { username: 'alice', coldkey: 'ck', hotkey: hotkey.ss58, token: TOKEN }),
    ).rejects.toMatchObject({ appError: { reason: 'unexpected-shape' } });
  });
});
