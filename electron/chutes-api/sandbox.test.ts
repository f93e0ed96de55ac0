import { describe, expect, it } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { listApiKeys } from './endpoints/api-keys';
import { changeFingerprintSigned } from './endpoints/account';
import { listSecretsPage } from './endpoints/secrets';
import { createTestClient } from './fixtures/test-client';

// Against the team's strict emulator of the Chutes API (e2e/sandbox), not just our own fake.
const fixture = useSandbox();

describe('API client against the sandbox', () => {
  it('reads /users/me with a v1 signature and /users/me/quotas with a hotkey-login JWT', async () => {
    const key = TestKey.random();
    const account = await fixture.client.register(key, 'desktop-user');
    const vault = new MemorySeedVault();
    await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
    const client = createTestClient({ baseUrl: fixture.sb.url, vault });

    const me = await client.getMe(key.ss58);
    expect(me).toMatchObject({
      hotkey: key.ss58,
      username: 'desktop-user',
      userId: account.user_id,
      apiUrl: fixture.sb.url,
    });

    const quotas = await client.request({
      method: 'GET',
      path: '/users/me/quotas',
      auth: { kind: 'jwt', hotkey: key.ss58 },
    });
    expect(quotas).toBeDefined();
    expect(vault.sessions.get(`${key.ss58}@${fixture.sb.url}`)).toMatch(/^eyJ/);
  });

  it('after a refinger, while the server still refuses new tokens, keys and secrets are signed with v1', async () => {
    const key = TestKey.random();
    await fixture.client.register(key, 'refingered');
    const vault = new MemorySeedVault();
    await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
    const client = createTestClient({ baseUrl: fixture.sb.url, vault });
    // The real server checks tokens against its cached old fingerprint for up to an hour (reference §1.5).
    fixture.sb.setFaults({ jwt_fingerprint_cache: true });
    await changeFingerprintSigned(client, key.ss58, 'a-brand-new-fingerprint');
    await client.forgetSession(key.ss58);
    const since = fixture.sb.requests(1000).length;
    expect((await listApiKeys(client, key.ss58, 0, 25)).total).toBe(0);
    expect((await listSecretsPage(client, key.ss58, 0, 25)).total).toBe(0);
    const sent = fixture.sb.requests(1000).slice(since);
    const row = (r: (typeof sent)[number]) =>
      `${r.method} ${r.path} ${r.status} ${r.authorization_scheme ?? (r.signature_present ? 'v1' : '-')}`;
    expect(sent.map(row)).toEqual([
      'GET /users/login/nonce 200 -',
      'POST /users/login 200 -',
      'GET /api_keys/ 401 Bearer',
      'GET /api_keys/ 200 v1',
      // Remembered: no login round for each call while tokens are refused.
      'GET /secrets/ 200 v1',
    ]);
    // Limits take nothing but a session: said plainly, without a login round per call.
    const quotas = () =>
      client.request({ method: 'GET', path: '/users/me/quotas', auth: { kind: 'jwt', hotkey: key.ss58 } });
    await expect(quotas()).rejects.toMatchObject({
      appError: { reason: 'token-rejected', message: expect.stringContaining('refusing new sessions') as unknown },
    });
    const before = fixture.sb.requests(1000).length;
    await expect(quotas()).rejects.toMatchObject({ appError: { reason: 'token-rejected' } });
    expect(fixture.sb.requests(1000).length).toBe(before);
    fixture.sb.setFaults({ jwt_fingerprint_cache: false });
  });

  it('reports an unregistered hotkey in plain words', async () => {
    const key = TestKey.random();
    const vault = new MemorySeedVault();
    await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
    const client = createTestClient({ baseUrl: fixture.sb.url, vault });
    await expect(client.getMe(key.ss58)).rejects.toMatchObject({
      appError: {
        code: 'unauthorized',
        message: `This hotkey is not registered with Chutes at ${new URL(fixture.sb.url).host}.`,
      },
    });
  });
});
