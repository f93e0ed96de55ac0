import { describe, expect, it } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
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
