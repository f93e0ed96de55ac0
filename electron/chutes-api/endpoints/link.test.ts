import { describe, expect, it } from 'vitest';
import { TestKey } from '../../../e2e/sandbox/test-client';
import type { AppFailure } from '../../../shared/errors';
import { useSandbox } from '../../../e2e/sandbox/vitest-sandbox';
import { MemorySeedVault } from '../../keychain/memory-seed-vault.test-helper';
import { startFakeChutes } from '../fixtures/fake-chutes';
import { createTransport } from '../transport';
import { probeLinking, sendLink } from './link';

// The `../shared/reference/chutes-account-api.md` §4 link routes against the sandbox (both modes) and odd answers from a fake server.
const f = useSandbox();

async function account(username = 'alice') {
  const key = TestKey.random();
  const reg = await f.client.register(key, username);
  const vault = new MemorySeedVault();
  await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
  return { key, reg, transport: createTransport({ baseUrl: f.sb.url, vault, retry: { retries: 0 } }) };
}

describe('probeLinking', () => {
  it('sees the route on a linking server from a 422, without linking or changing anything', async () => {
    const { key, reg, transport } = await account();
    f.sb.setLink({ enabled: true });
    const before = JSON.stringify(f.sb.state().users[reg.user_id]);
    await expect(probeLinking(transport, key.ss58)).resolves.toMatchObject({
      offered: true,
      evidence: expect.stringContaining('HTTP 422') as unknown,
    });
    expect(JSON.stringify(f.sb.state().users[reg.user_id])).toBe(before);
    const sent = f.sb.requests(10).filter((r) => r.path === '/users/link_validator');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.query).toBe('');
  });

  it('sees no route on a fresh sandbox, as on today’s server (the user lookup answers 401 for purpose "me")', async () => {
    const { key, transport } = await account();
    await expect(probeLinking(transport, key.ss58)).resolves.toMatchObject({
      offered: false,
      evidence: expect.stringContaining('user lookup') as unknown,
    });
  });

  it('reads 404 as gone, and reports clock skew or server trouble as failures, not as a guess', async () => {
    const key = TestKey.random();
    const vault = new MemorySeedVault();
    await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
    const answers = [
      { status: 404, json: { detail: 'User not found' } },
      { status: 401, json: { detail: 'Invalid nonce!' } },
      { status: 503, json: { detail: 'down' } },
    ];
    const fake = await startFakeChutes(() => answers.shift() ?? { status: 500 });
    try {
      const transport = createTransport({ baseUrl: fake.url, vault, retry: { retries: 0 } });
      await expect(probeLinking(transport, key.ss58)).resolves.toMatchObject({
        offered: false,
        evidence: expect.stringContaining('HTTP 404 "User not found"') as unknown,
      });
      await expect(probeLinking(transport, key.ss58)).rejects.toMatchObject({ appError: { code: 'clock-skew' } });
      await expect(probeLinking(transport, key.ss58)).rejects.toMatchObject({ appError: { code: 'server' } });
      expect(fake.hits.every((h) => h.query.toString() === '' && h.headers['x-chutes-hotkey'] === key.ss58)).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('says that an unregistered or refused hotkey is the profile’s own (it signs the probe), not the one to link', async () => {
    const key = TestKey.random();
    const vault = new MemorySeedVault();
    await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
    const answers = [
      { status: 401, json: { detail: `Could not find user with hotkey: ${key.ss58}` } },
      { status: 401, json: { detail: `Invalid request signature for hotkey ${key.ss58}. Message: x:1:link_account` } },
    ];
    const fake = await startFakeChutes(() => answers.shift() ?? { status: 500 });
    try {
      const transport = createTransport({ baseUrl: fake.url, vault, retry: { retries: 0 } });
      for (const reason of ['hotkey-not-registered', 'credentials-rejected']) {
        const failure = await probeLinking(transport, key.ss58).catch((e: unknown) => e);
        expect(failure).toMatchObject({
          appError: { reason, message: expect.stringContaining(`active profile's hotkey ${key.ss58}`) as unknown },
        });
        expect((failure as AppFailure).appError.detail?.hint).toContain('not the hotkey you link');
      }
    } finally {
      await fake.close();
    }
  });
});

describe('sendLink', () => {
  it('sends the signature in the query, signed as the account for link_account, and returns the new roles', async () => {
    const { key, transport } = await account();
    const validator = TestKey.random();
    f.sb.setLink({ enabled: true, validators: [validator.ss58] });
    const self = await sendLink(transport, {
      kind: 'validator',
      hotkey: key.ss58,
      linkedHotkey: validator.ss58,
      signature: validator.sign(`${validator.ss58}:alice`),
    });
    expect(self.permissions_bitmask).toBe(0b10001);
    expect(self.permissions).toContain('Free invocation -- run anything, for free.');
    const sent = f.sb.requests(5).find((r) => r.path === '/users/link_validator');
    expect(sent?.hotkey).toBe(key.ss58);
    expect(sent?.query).toContain(`hotkey=${validator.ss58}`);
  });

  it('maps 409 to hotkey-linked-elsewhere naming the other user, 401 to link-signature-invalid, and a gone route to linking-not-offered', async () => {
    const { key, transport } = await account();
    const bob = TestKey.random();
    await f.client.register(bob, 'bob');
    const owner = TestKey.random();
    f.sb.setLink({ enabled: true, subnet_owners: [owner.ss58] });
    await f.client.get('/users/link_subnet_owner', {
      sign: { key: bob, purpose: 'link_account' },
      query: { hotkey: owner.ss58, signature: owner.sign(`${owner.ss58}:bob`) },
    });
    const call = (signature: string, kind: 'validator' | 'subnet_owner' = 'subnet_owner') =>
      sendLink(transport, { kind, hotkey: key.ss58, linkedHotkey: owner.ss58, signature });
    const elsewhere = (await call(owner.sign(`${owner.ss58}:alice`)).catch((e: unknown) => e)) as AppFailure;
    expect(elsewhere.appError).toMatchObject({
      reason: 'hotkey-linked-elsewhere',
      message: 'This hotkey is already linked to another Chutes account: bob.',
    });
    // Nothing unlinks it, but the server keeps one hotkey per account and type: bob releases it by
    // linking another of that type (reference §4, `setattr(user, attribute, hotkey)`).
    expect(elsewhere.appError.detail?.hint).toContain('already gives the account bob');
    expect(elsewhere.appError.detail?.hint).toContain(
      'the account bob releases this one by linking another subnet-owner hotkey (a new link of the same type replaces the account’s current one)',
    );
    expect(elsewhere.appError.detail?.hint).not.toContain('no way to unlink');
    expect(elsewhere.appError.detail?.hint).toContain('Chutes operators');
    expect(elsewhere.appError.detail?.hint).not.toContain('active profile');
    // As the hint says: once bob links another subnet-owner hotkey, this one is free for alice.
    const owner2 = TestKey.random();
    f.sb.setLink({ subnet_owners: [owner.ss58, owner2.ss58] });
    const released = await f.client.get('/users/link_subnet_owner', {
      sign: { key: bob, purpose: 'link_account' },
      query: { hotkey: owner2.ss58, signature: owner2.sign(`${owner2.ss58}:bob`) },
    });
    expect(released.status).toBe(200);
    await expect(call(owner.sign(`${owner.ss58}:alice`))).resolves.toMatchObject({ username: 'alice' });
    await expect(call(owner.sign('something else'), 'validator')).rejects.toMatchObject({
      appError: { reason: 'link-signature-invalid', detail: { status: 401 } },
    });
    f.sb.setLink({ enabled: false });
    await expect(call(owner.sign(`${owner.ss58}:alice`))).rejects.toMatchObject({
      appError: {
        reason: 'linking-not-offered',
        message: expect.stringContaining('does not offer hotkey linking') as unknown,
      },
    });
  });

  it('says a link whose answer is lost (a gateway, an unreadable 2xx, a dropped connection) may have been made', async () => {
    const { key, transport } = await account();
    const owner = TestKey.random();
    f.sb.setLink({ enabled: true, subnet_owners: [owner.ss58] });
    const call = () =>
      sendLink(transport, {
        kind: 'subnet_owner',
        hotkey: key.ss58,
        linkedHotkey: owner.ss58,
        signature: owner.sign(`${owner.ss58}:alice`),
      });
    for (const fault of [{ status: 502 }, { status: 504 }, { garble_after: true }, { drop_after: true }]) {
      f.sb.faultOnce({ method: 'GET', path: '/users/link_subnet_owner', ...fault });
      const lost = (await call().catch((e: unknown) => e)) as AppFailure;
      expect(lost.appError).toMatchObject({
        code: 'network',
        reason: 'answer-lost',
        message: expect.stringContaining('may or may not have been linked') as unknown,
      });
      expect(lost.appError.detail?.hint).toContain('Linking it again is safe, and is the way to be sure');
      // Roles the account already had (another link, an operator) say nothing about this one.
      expect(lost.appError.detail?.hint).toContain('confirm it only if the account did not have them before');
    }
    // It was linked (the garbled and dropped answers came after the work), and linking again is harmless.
    await expect(call()).resolves.toMatchObject({ permissions_bitmask: 0b10001 });
  });
});
