import path from 'node:path';
import { encodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it, vi } from 'vitest';
import { ChutesTestClient, TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { AppFailure } from '../../shared/errors';
import { createChutesClient } from '../chutes-api';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { createProfileStore } from '../profiles';
import { makeKey, publicJson, tempDir, writeTree } from '../wallets/test-fixtures';
import { discoverWallets, type HotkeySeed } from '../wallets';
import { linkHandlers, type LinkServices } from './link-handlers';
import { fileLabel } from './link-seed';

// The link handlers on the active profile, against the sandbox: detection cache, the 401 split,
// and what happens to the validator seed (used once, zeroed, kept only on request).
const f = useSandbox();

/** The profile the last setup made active: what the Link screen reviews a link for. */
let reviewedFor = '';
/** Its username, as the preview showed it. */
let reviewedUsername = '';

async function setup(opts: { profileUsername?: string; seeds?: LinkServices['seeds'] } = {}) {
  const accountKey = TestKey.random();
  const reg = await f.client.register(accountKey, 'alice');
  // The historical routes (a fresh sandbox is today's server, without them).
  f.sb.setLink({ enabled: true });
  const vault = new MemorySeedVault();
  await vault.putSeed(accountKey.ss58, Buffer.from(accountKey.seedHex, 'hex'));
  const dataDir = await tempDir('chutes-link-data-');
  const profiles = createProfileStore({ dataDir });
  const profile = await profiles.upsert({
    baseUrl: f.sb.url,
    username: opts.profileUsername ?? 'alice',
    userId: reg.user_id,
    hotkeyName: 'default',
    hotkeySs58: accountKey.ss58,
    source: { kind: 'manual' },
  });
  await profiles.setActive(profile.id);
  reviewedFor = profile.id;
  reviewedUsername = profile.username;
  const chutes = createChutesClient({
    vault,
    profiles,
    activity: { append: () => Promise.resolve() },
    defaultBaseUrl: f.sb.url,
  });
  const walletsPath = await tempDir();
  const validator = await makeKey();
  await writeTree(walletsPath, [['val/hotkeys/default', JSON.stringify(validator.json)]]);
  // Mutable, as the app's is: a wallets folder chosen in the app applies to handlers already built.
  const config = { walletsPath };
  const handlers = linkHandlers({
    config,
    home: walletsPath,
    vault,
    chutes,
    profiles,
    ...(opts.seeds ? { seeds: opts.seeds } : {}),
  });
  const file = path.join(walletsPath, 'val/hotkeys/default');
  return { handlers, vault, validator, file, reg, accountKey, config, profiles, profile };
}

/** Handlers take the caller's transport as a second argument; these tests call as IPC. */
const ipc = { transport: 'ipc' as const };

/** Link the hotkey in `file` as a validator, as reviewed with `reviewedHotkey` (seed kept only with `keep`). */
const linkFile = (
  handlers: ReturnType<typeof linkHandlers>,
  file: string,
  reviewedHotkey: string,
  {
    keep = false,
    forProfile = reviewedFor,
    username = reviewedUsername,
  }: { keep?: boolean; forProfile?: string; username?: string } = {},
) =>
  handlers.link(
    {
      kind: 'validator',
      source: { kind: 'file', path: file },
      keepInKeychain: keep,
      reviewedHotkey,
      reviewedUsername: username,
      reviewedFor: forProfile,
    },
    ipc,
  );
/** Link the keychain's seed for `ss58` as a validator, reviewed as `reviewedHotkey`; the failure it ends in. */
const keychainLinkFailure = (handlers: ReturnType<typeof linkHandlers>, ss58: string, reviewedHotkey = ss58) =>
  handlers
    .link(
      {
        kind: 'validator',
        source: { kind: 'keychain', ss58 },
        keepInKeychain: false,
        reviewedHotkey,
        reviewedUsername,
        reviewedFor,
      },
      ipc,
    )
    .then(
      () => {
        throw new Error('expected the link to fail');
      },
      (e: unknown) => e as AppFailure,
    );
const probes = () => f.sb.requests(100).filter((r) => r.path === '/users/link_validator' && r.query === '');

describe('detectLinking', () => {
  it('probes once per server, answers from the cache after that, and probes again on request', async () => {
    const { handlers } = await setup();
    await expect(handlers.detectLinking({}, ipc)).resolves.toMatchObject({
      offered: true,
      cached: false,
      baseUrl: f.sb.url,
    });
    f.sb.setLink({ enabled: false });
    await expect(handlers.detectLinking({}, ipc)).resolves.toMatchObject({ offered: true, cached: true });
    expect(probes()).toHaveLength(1);
    await expect(handlers.detectLinking({ recheck: true }, ipc)).resolves.toMatchObject({
      offered: false,
      cached: false,
    });
    expect(probes()).toHaveLength(2);
  });
});

describe('previewLink', () => {
  it('shows the signed text and the request, and sends nothing', async () => {
    const { handlers, validator, file } = await setup();
    const before = f.sb.requests(100).length;
    const preview = await handlers.previewLink({ kind: 'subnet_owner', source: { kind: 'file', path: file } }, ipc);
    expect(preview).toMatchObject({
      linkedHotkey: validator.ss58,
      username: 'alice',
      signedMessage: `${validator.ss58}:alice`,
      sourceLabel: 'val/default',
    });
    expect(preview.request.url).toBe(`${f.sb.url}/users/link_subnet_owner?hotkey=${validator.ss58}`);
    expect(f.sb.requests(100).length).toBe(before);
  });
});

describe('link', () => {
  it('links, reports the new roles, and does not keep the seed unless asked', async () => {
    const { handlers, vault, validator, file, accountKey } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    const result = await linkFile(handlers, file, validator.ss58);
    expect(result.roles.map((r) => r.name)).toEqual(['developer', 'free_account']);
    expect(result.keptInKeychain).toBe(false);
    expect(await vault.listSeeds()).toEqual([accountKey.ss58]);
    // Neither the result nor the preview carries the seed, in any spelling.
    const preview = await handlers.previewLink({ kind: 'validator', source: { kind: 'file', path: file } }, ipc);
    const hex = Buffer.from(validator.seed).toString('hex');
    for (const text of [JSON.stringify(result), JSON.stringify(preview)]) {
      expect(text).not.toContain(hex);
      expect(text).not.toContain(validator.json.secretPhrase);
    }
  });

  it('keeps the seed in the keychain when the user ticks the box', async () => {
    const { handlers, vault, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    const result = await linkFile(handlers, file, validator.ss58, { keep: true });
    expect(result.keptInKeychain).toBe(true);
    expect(await vault.hasSeed(validator.ss58)).toBe(true);
    expect(Buffer.from(vault.seeds.get(validator.ss58) ?? []).equals(Buffer.from(validator.seed))).toBe(true);
    // Named as btcli's layout names it (every hotkey file is "default"), not by its file name.
    expect(vault.labels.get(validator.ss58)).toBe('val/default');
  });

  it('keeps the name a keychain entry already has when the box is ticked for a file holding its seed', async () => {
    const { handlers, vault, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    await vault.putSeed(validator.ss58, Uint8Array.from(validator.seed), 'my validator');
    await linkFile(handlers, file, validator.ss58, { keep: true });
    expect(vault.labels.get(validator.ss58)).toBe('my validator');
  });

  it('reports the link as made when the keychain then fails to keep the seed, saying why', async () => {
    const { handlers, vault, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    vault.putSeed = () => Promise.reject(new AppFailure('keychain-unavailable', 'The keychain is locked.'));
    const result = await linkFile(handlers, file, validator.ss58, { keep: true });
    expect(result).toMatchObject({
      linkedHotkey: validator.ss58,
      keptInKeychain: false,
      keepProblem: 'The keychain is locked.',
    });
  });

  it('signs nothing for a link reviewed for another profile (its username would be signed)', async () => {
    const { handlers, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    const before = f.sb.requests(100).length;
    await expect(linkFile(handlers, file, validator.ss58, { forProfile: 'another-profile' })).rejects.toMatchObject({
      appError: { reason: 'profile-changed' },
    });
    expect(f.sb.requests(100).length).toBe(before);
  });

  it('signs nothing when the profile was renamed after the preview (another window read the server’s name)', async () => {
    const { handlers, validator, file, profiles, profile } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    const preview = await handlers.previewLink({ kind: 'validator', source: { kind: 'file', path: file } }, ipc);
    expect(preview.signedMessage).toBe(`${validator.ss58}:alice`);
    // What the Account screen does when the server knows the account by another name.
    await profiles.followAccount(profile.id, profile.hotkeySs58, { userId: profile.userId, username: 'alice2' });
    const before = f.sb.requests(100).length;
    await expect(linkFile(handlers, file, validator.ss58, { username: preview.username })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        reason: 'profile-changed',
        message:
          'The profile’s username changed from “alice” to “alice2” after the link was previewed, so nothing was signed or sent.',
        detail: { hint: expect.stringContaining('Preview the link again') as unknown },
      },
    });
    expect(f.sb.requests(100).length).toBe(before);
  });

  it('reads a wallet hotkey’s file when the keychain’s index lists a seed the keychain lost', async () => {
    const { handlers, vault, validator, reg } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    // A seed deleted in the keychain's own app: the index still lists it until a read misses.
    const hasSeed = vault.hasSeed.bind(vault);
    vault.hasSeed = (ss58) => (ss58 === validator.ss58 ? Promise.resolve(true) : hasSeed(ss58));
    const source = { kind: 'wallet' as const, walletId: 'val', hotkeyId: 'default' };
    const preview = await handlers.previewLink({ kind: 'validator', source }, ipc);
    expect(preview).toMatchObject({ linkedHotkey: validator.ss58, seedFrom: 'keychain' });
    const result = await handlers.link(
      {
        kind: 'validator',
        source,
        keepInKeychain: false,
        reviewedHotkey: validator.ss58,
        reviewedUsername,
        reviewedFor,
      },
      ipc,
    );
    expect(result).toMatchObject({ linkedHotkey: validator.ss58, seedFrom: 'file', keptInKeychain: false });
    expect(f.sb.state().users[reg.user_id]?.validator_hotkey).toBe(validator.ss58);
  });

  it('names the path it looked for when a hotkey file typed with ~ is not there', async () => {
    const { handlers, config } = await setup();
    const source = { kind: 'file' as const, path: '~/elsewhere/nope' };
    await expect(handlers.previewLink({ kind: 'validator', source }, ipc)).rejects.toMatchObject({
      appError: {
        code: 'not-found',
        message: `There is no hotkey file at ${path.join(config.walletsPath, 'elsewhere', 'nope')}.`,
      },
    });
  });

  it('keeps nothing when the link is refused, even with the box ticked', async () => {
    const { handlers, vault, validator, file, accountKey } = await setup();
    await expect(linkFile(handlers, file, validator.ss58, { keep: true })).rejects.toMatchObject({
      appError: { reason: 'not-allow-listed' },
    });
    expect(await vault.hasSeed(validator.ss58)).toBe(false);
    expect(await vault.listSeeds()).toEqual([accountKey.ss58]);
  });

  it('zeroes the seed bytes it read, after success and after a refusal', async () => {
    const validator = await makeKey();
    const reads: Uint8Array[] = [];
    const readFileSeed = (): Promise<HotkeySeed> => {
      const seed = Uint8Array.from(validator.seed);
      reads.push(seed);
      return Promise.resolve({ ss58: validator.ss58, seed });
    };
    const { handlers } = await setup({ seeds: { readFileSeed } });
    const source = { kind: 'file' as const, path: '/anywhere/hotkey' };
    await expect(linkFile(handlers, source.path, validator.ss58)).rejects.toMatchObject({
      appError: { reason: 'not-allow-listed' },
    });
    f.sb.setLink({ validators: [validator.ss58] });
    await linkFile(handlers, source.path, validator.ss58);
    expect(reads).toHaveLength(2);
    for (const seed of reads) expect(seed.every((b) => b === 0)).toBe(true);
  });

  it('tells a stale profile username (bad signature) from a hotkey outside the allow-list', async () => {
    const stale = await setup({ profileUsername: 'alice_old' });
    f.sb.setLink({ validators: [stale.validator.ss58] });
    await expect(
      linkFile(stale.handlers, stale.file, stale.validator.ss58, { username: 'alice_old' }),
    ).rejects.toMatchObject({
      appError: {
        reason: 'link-signature-invalid',
        message: expect.stringContaining('Chutes knows this account as “alice”') as unknown,
        detail: { hint: 'The profile now uses “alice”; preview the link again.' },
      },
    });
    // The profile follows the server, as the Account screen's answers make it: the next preview signs “alice”.
    expect((await stale.profiles.get(stale.profile.id)).username).toBe('alice');
    const again = await stale.handlers.previewLink(
      { kind: 'validator', source: { kind: 'file', path: stale.file } },
      ipc,
    );
    expect(again.signedMessage).toBe(`${stale.validator.ss58}:alice`);
    f.sb.reset();
    const fresh = await setup();
    await expect(linkFile(fresh.handlers, fresh.file, fresh.validator.ss58)).rejects.toMatchObject({
      appError: { reason: 'not-allow-listed', code: 'forbidden' },
    });
  });

  it('says "not offered" before reading any seed once the server is known to lack the route', async () => {
    const readFileSeed = vi.fn<(p: string) => Promise<HotkeySeed>>();
    const { handlers } = await setup({ seeds: { readFileSeed } });
    f.sb.setLink({ enabled: false });
    await expect(handlers.detectLinking({}, ipc)).resolves.toMatchObject({ offered: false });
    await expect(linkFile(handlers, '/x/hotkey', TestKey.random().ss58, { keep: true })).rejects.toMatchObject({
      appError: { reason: 'linking-not-offered' },
    });
    expect(readFileSeed).not.toHaveBeenCalled();
  });

  it('probes a server never asked before reading a seed: today’s server gets no link request at all', async () => {
    const readFileSeed = vi.fn<(p: string) => Promise<HotkeySeed>>();
    const { handlers } = await setup({ seeds: { readFileSeed } });
    f.sb.setLink({ enabled: false });
    await expect(linkFile(handlers, '/x/hotkey', TestKey.random().ss58)).rejects.toMatchObject({
      appError: { reason: 'linking-not-offered' },
    });
    expect(readFileSeed).not.toHaveBeenCalled();
    expect(f.sb.requests(100).filter((r) => r.query.includes('signature='))).toEqual([]);
    await expect(handlers.detectLinking({}, ipc)).resolves.toMatchObject({ offered: false, cached: true });
  });

  it('signs and sends nothing when the source now holds another hotkey than the one previewed', async () => {
    const { handlers, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    const previewed = await makeKey();
    await expect(linkFile(handlers, file, previewed.ss58)).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: expect.stringContaining(`not the ${previewed.ss58} you reviewed`) as unknown,
      },
    });
    expect(f.sb.requests(100).filter((r) => r.query.includes('signature='))).toEqual([]);
  });

  it('reads a wallet hotkey from the wallets folder in use now, not the one at start', async () => {
    const { handlers, config } = await setup();
    const moved = await tempDir();
    const other = await makeKey();
    await writeTree(moved, [['val/hotkeys/default', JSON.stringify(other.json)]]);
    config.walletsPath = moved;
    const source = { kind: 'wallet' as const, walletId: 'val', hotkeyId: 'default' };
    const preview = await handlers.previewLink({ kind: 'validator', source }, ipc);
    expect(preview.linkedHotkey).toBe(other.ss58);
  });

  it('signs nothing for a profile username with a colon (`<hotkey>:<seconds>:me` is a signed GET /users/me)', async () => {
    const seconds = Math.floor(Date.now() / 1000);
    const { handlers, file, validator } = await setup({ profileUsername: `${seconds}:me` });
    f.sb.setLink({ validators: [validator.ss58] });
    const before = f.sb.requests(100).length;
    const refused = (e: unknown) => (e as AppFailure).appError;
    const preview = handlers.previewLink({ kind: 'validator', source: { kind: 'file', path: file } }, ipc);
    expect(refused(await preview.catch((e: unknown) => e))).toMatchObject({ code: 'invalid-input' });
    expect(refused(await linkFile(handlers, file, validator.ss58).catch((e: unknown) => e))).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('so nothing was signed') as unknown,
    });
    expect(
      f.sb
        .requests(100)
        .slice(before)
        .filter((r) => r.path === '/users/link_validator' && r.query !== ''),
    ).toEqual([]);
  });

  it('says a link whose answer was lost as maybe made, safe to repeat, and the seed asked for as not kept', async () => {
    const { handlers, vault, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    await handlers.detectLinking({}, ipc);
    // A gateway answers for every try (a GET is retried twice).
    f.sb.faultOnce({ method: 'GET', path: '/users/link_validator', status: 502, times: 3 });
    const lost = (await linkFile(handlers, file, validator.ss58, { keep: true }).catch(
      (e: unknown) => e,
    )) as AppFailure;
    expect(lost.appError).toMatchObject({ code: 'network', reason: 'answer-lost' });
    expect(lost.appError.message).toContain('may or may not have been linked');
    expect(lost.appError.detail?.hint).toContain('Linking it again is safe');
    expect(lost.appError.detail?.hint).toContain('was not kept in the keychain');
    expect(await vault.hasSeed(validator.ss58)).toBe(false);
    // Linking again does it, and keeps the seed as asked.
    await expect(linkFile(handlers, file, validator.ss58, { keep: true })).resolves.toMatchObject({
      keptInKeychain: true,
    });
  });

  it('signs with a seed the keychain holds for a wallet hotkey whose file has none, reading no file seed', async () => {
    const readWalletSeed = vi.fn<(w: string, a: string, b: string) => Promise<HotkeySeed>>();
    const { handlers, vault, config, reg } = await setup({ seeds: { readWalletSeed } });
    const held = await makeKey();
    await writeTree(config.walletsPath, [['pub/hotkeys/heldpub.txt', publicJson(held)]]);
    await vault.putSeed(held.ss58, Uint8Array.from(held.seed), 'held');
    f.sb.setLink({ validators: [held.ss58] });
    const listed = (await discoverWallets(config.walletsPath)).wallets.find((w) => w.name === 'pub')?.hotkeys[0];
    expect(listed).toMatchObject({ name: 'held', status: 'public-only', hasSeed: false });
    const source = { kind: 'wallet' as const, walletId: 'pub', hotkeyId: listed?.id ?? '' };
    const preview = await handlers.previewLink({ kind: 'validator', source }, ipc);
    expect(preview).toMatchObject({ linkedHotkey: held.ss58, sourceLabel: 'pub/held', seedFrom: 'keychain' });
    const result = await handlers.link(
      { kind: 'validator', source, keepInKeychain: false, reviewedHotkey: held.ss58, reviewedUsername, reviewedFor },
      ipc,
    );
    expect(result).toMatchObject({ linkedHotkey: held.ss58, seedFrom: 'keychain', keptInKeychain: true });
    expect(readWalletSeed).not.toHaveBeenCalled();
    expect(f.sb.state().users[reg.user_id]?.validator_hotkey).toBe(held.ss58);
  });

  it('signs with a seed held only in the keychain (no wallet file at all)', async () => {
    const { handlers, vault } = await setup();
    const held = await makeKey();
    await vault.putSeed(held.ss58, Uint8Array.from(held.seed), 'imported validator');
    f.sb.setLink({ validators: [held.ss58] });
    const source = { kind: 'keychain' as const, ss58: held.ss58 };
    const preview = await handlers.previewLink({ kind: 'validator', source }, ipc);
    expect(preview).toMatchObject({ linkedHotkey: held.ss58, sourceLabel: 'imported validator', seedFrom: 'keychain' });
    await expect(
      handlers.link(
        { kind: 'validator', source, keepInKeychain: true, reviewedHotkey: held.ss58, reviewedUsername, reviewedFor },
        ipc,
      ),
    ).resolves.toMatchObject({ linkedHotkey: held.ss58, seedFrom: 'keychain' });
    const missing = await makeKey();
    await expect(
      handlers.previewLink({ kind: 'validator', source: { kind: 'keychain', ss58: missing.ss58 } }, ipc),
    ).rejects.toMatchObject({ appError: { code: 'not-found' } });
  });

  it('says a keychain seed removed outside the app as gone, pointing at its file, not at config.ini', async () => {
    const { handlers, vault } = await setup();
    const held = await makeKey();
    await vault.putSeed(held.ss58, Uint8Array.from(held.seed), 'imported validator');
    f.sb.setLink({ validators: [held.ss58] });
    const source = { kind: 'keychain' as const, ss58: held.ss58 };
    await handlers.previewLink({ kind: 'validator', source }, ipc);
    // The index still lists it; the entry itself was deleted in the keychain's own app.
    const withSeed = vault.withSeed.bind(vault);
    vault.withSeed = (ss58, fn) =>
      ss58 === held.ss58
        ? Promise.reject(
            new AppFailure('not-found', 'No seed.', {
              hint: 'Import the hotkey again (from its wallet file or config.ini).',
            }),
          )
        : withSeed(ss58, fn);
    const failed = await keychainLinkFailure(handlers, held.ss58);
    expect(failed.appError).toMatchObject({
      code: 'not-found',
      message: `The keychain no longer holds the seed for ${held.ss58} (it was removed outside the app), so nothing was signed or sent.`,
    });
    expect(failed.appError.detail?.hint).not.toContain('config.ini');
    expect(failed.appError.detail?.hint).toContain('path of this hotkey’s file');
  });

  it('signs and sends nothing when the keychain entry holds another key (written outside the app)', async () => {
    const { handlers, vault } = await setup();
    const held = await makeKey();
    const intruder = await makeKey();
    // The app only stores seeds it has checked; another program wrote this one under held's address.
    await vault.putSeed(held.ss58, Uint8Array.from(intruder.seed), 'imported validator');
    f.sb.setLink({ validators: [held.ss58] });
    const source = { kind: 'keychain' as const, ss58: held.ss58 };
    await handlers.previewLink({ kind: 'validator', source }, ipc);
    const sent = () => f.sb.requests(100).filter((r) => r.path === '/users/link_validator' && r.method === 'POST');
    const before = sent().length;
    const failed = await keychainLinkFailure(handlers, held.ss58);
    expect(failed.appError).toMatchObject({
      code: 'conflict',
      reason: 'keychain-entry-mismatch',
      message: `The keychain entry for ${held.ss58} holds a different key; nothing was signed or sent.`,
    });
    expect(failed.appError.detail?.hint).toContain('add the hotkey again from its wallet file');
    expect(sent()).toHaveLength(before);
  });

  it('does not blame a file for a keychain seed that is not the hotkey reviewed', async () => {
    const { handlers, vault } = await setup();
    const held = await makeKey();
    const reviewed = await makeKey();
    await vault.putSeed(held.ss58, Uint8Array.from(held.seed), 'imported validator');
    const failed = await keychainLinkFailure(handlers, held.ss58, reviewed.ss58);
    expect(failed.appError).toMatchObject({ code: 'conflict', reason: 'hotkey-changed' });
    expect(failed.appError.message).toContain(`not the ${reviewed.ss58} you reviewed, so nothing`);
    expect(failed.appError.message).not.toContain('its file changed');
  });

  it('refuses at preview a hotkey file whose address is written for another network', async () => {
    const { handlers, config } = await setup();
    const key = await makeKey();
    const polkadot = encodeAddress(key.ss58, 0);
    const file = path.join(config.walletsPath, 'other/hotkeys/default');
    await writeTree(config.walletsPath, [
      ['other/hotkeys/default', JSON.stringify({ ...key.json, ss58Address: polkadot })],
    ]);
    for (const source of [
      { kind: 'file' as const, path: file },
      { kind: 'wallet' as const, walletId: 'other', hotkeyId: 'default' },
    ]) {
      await expect(handlers.previewLink({ kind: 'validator', source }, ipc)).rejects.toMatchObject({
        appError: {
          code: 'invalid-input',
          message: expect.stringContaining(
            `gives its address as ${polkadot}, written for another network (SS58 prefix 0, not Bittensor’s 42)`,
          ) as unknown,
        },
      });
    }
  });

  it('names the other account on 409', async () => {
    const { handlers, validator, file } = await setup();
    f.sb.setLink({ validators: [validator.ss58] });
    const bob = TestKey.random();
    const client = new ChutesTestClient(f.sb.url);
    await client.register(bob, 'bob');
    const v = TestKey.fromSeed(Buffer.from(validator.seed).toString('hex'));
    await client.get('/users/link_validator', {
      sign: { key: bob, purpose: 'link_account' },
      query: { hotkey: validator.ss58, signature: v.sign(`${validator.ss58}:bob`) },
    });
    await expect(linkFile(handlers, file, validator.ss58)).rejects.toMatchObject({
      appError: {
        reason: 'hotkey-linked-elsewhere',
        message: 'This hotkey is already linked to another Chutes account: bob.',
      },
    });
  });
});

describe('fileLabel', () => {
  it('names a file in btcli’s layout <wallet>/<hotkey>, and any other by its file name', () => {
    expect(fileLabel(path.join('/home/u/.bittensor/wallets', 'val', 'hotkeys', 'default'))).toBe('val/default');
    expect(fileLabel(path.join('/tmp', 'exported-hotkey.json'))).toBe('exported-hotkey.json');
  });
});
