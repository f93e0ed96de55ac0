import type * as FsPromises from 'node:fs/promises';
import { mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scanIni } from './ini-lines';
import { AppFailure } from '../../shared/errors';
import { exportCliConfig, type ExportCliConfigOptions } from './export-cli-config';
import {
  cliConfigText,
  newHotkey,
  PAYMENT,
  profileWorld,
  USER_ID,
  type ProfileWorld,
  type TestHotkey,
} from './fixtures.test-helper';
import type { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import type { ProfileStore } from './profile-store';
import {
  EXISTING_SERVER_FIELD,
  EXISTING_SS58_FIELD,
  EXISTING_USERNAME_FIELD,
  EXPORT_REPLACE_HINT,
  EXPORT_SEED_LOSS_ADVICE,
  EXPORT_SEED_LOSS_HINT,
  SEEDED_CLI_CONFIG_NOTE,
  SEEDED_EXPORT_NOTE,
  SEEDLESS_EXPORT_NOTE,
} from '../../shared/profile-texts';
import type { Profile } from '../../shared/profiles';

/** What the CLI's configparser reads (ini-configparser.test.ts checks this reader against it). */
const decode = (text: string) => scanIni(text).data;

// Seam for the race tests: runs just before the temp file is published with link(2).
const race = vi.hoisted(() => ({ beforeLink: null as null | (() => Promise<void>) }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    link: async (from: string, to: string) => {
      const hook = race.beforeLink;
      race.beforeLink = null;
      if (hook) await hook();
      return actual.link(from, to);
    },
  };
});

const posix = process.platform !== 'win32';

let world: ProfileWorld;
let dir: string;
let vault: MemorySeedVault;
let store: ProfileStore;
let hotkey: TestHotkey;
let profile: Profile;
let target: string;

beforeEach(async () => {
  world = await profileWorld();
  ({ dir, vault, store, hotkey } = world);
  await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
  profile = await store.upsert({
    baseUrl: 'https://api.chutes.ai',
    username: 'alice_dev',
    userId: USER_ID,
    hotkeyName: 'default',
    hotkeySs58: hotkey.ss58,
    paymentAddress: PAYMENT,
    source: { kind: 'manual' },
  });
  target = path.join(dir, 'out', 'config.ini');
});
afterEach(async () => {
  race.beforeLink = null;
  await world.dispose();
});

const run = (overrides: Partial<ExportCliConfigOptions> = {}) =>
  exportCliConfig({ store, vault, profileId: profile.id, targetPath: target, ...overrides });

describe('exportCliConfig', () => {
  it('with includeSeed: true writes the exact CLI layout, 0600', async () => {
    const summary = await run({ includeSeed: true });
    expect(summary).toEqual({
      path: target,
      includesSeed: true,
      overwritten: false,
      cliCanSign: true,
      server: 'https://api.chutes.ai',
      previousServer: null,
      isCliConfig: false,
      cliImpact: SEEDED_EXPORT_NOTE,
    });
    expect(await readFile(target, 'utf8')).toBe(cliConfigText(hotkey));
    if (posix) expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(target))).toEqual(['config.ini']);
  });

  it('without the explicit confirmation omits hotkey_seed and says the CLI cannot sign', async () => {
    const summary = await run();
    expect(summary).toMatchObject({ includesSeed: false, cliCanSign: false, cliImpact: SEEDLESS_EXPORT_NOTE });
    const text = await readFile(target, 'utf8');
    expect(text).toBe(cliConfigText(hotkey, { seed: null }));
    expect(text).not.toContain(hotkey.seedHex);
  });

  it('refuses a server with a path, which the CLI cannot use, before writing or reading the seed', async () => {
    await store.upsert({ ...profile, baseUrl: 'https://gateway.example/chutes' });
    const seedReads = vi.spyOn(vault, 'withSeed');
    const refused: unknown = await run({ includeSeed: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).appError.code).toBe('invalid-input');
    expect((refused as AppFailure).appError.message).toContain('such as https://gateway.example.');
    expect(seedReads).not.toHaveBeenCalled();
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never clobbers an existing file without overwrite: true', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, 'precious');
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: `${target} already exists. Choose another name, or confirm that it should be replaced.`,
        // An unreadable file names no account.
        detail: { hint: EXPORT_REPLACE_HINT },
      },
    });
    expect(await readFile(target, 'utf8')).toBe('precious');
  });

  it('overwrite over another account whose seed the keychain holds keeps unknown sections, keys and comments, and drops the seed', async () => {
    const other = await newHotkey();
    await vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'));
    await mkdir(path.dirname(target));
    const existing = cliConfigText(other, {
      baseUrl: 'https://old.example',
      extra: '# mine\n[tools]\neditor = vim\n',
    }).replace('[auth]\n', '[auth]\nlegacy_flag = yes\n');
    await writeFile(target, existing, { mode: 0o644 });
    const summary = await run({ overwrite: true });
    expect(summary.overwritten).toBe(true);
    const text = await readFile(target, 'utf8');
    expect(text).not.toContain(other.seedHex);
    expect(text).toContain('# mine\n[tools]\neditor = vim\n');
    expect(decode(text)).toEqual({
      api: { base_url: 'https://api.chutes.ai' },
      auth: {
        legacy_flag: 'yes',
        username: 'alice_dev',
        user_id: USER_ID,
        hotkey_name: 'default',
        hotkey_ss58address: hotkey.ss58,
      },
      payment: { address: PAYMENT },
      tools: { editor: 'vim' },
    });
    if (posix) expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it("keeps its own account's payment address when the profile does not know it, and drops another account's", async () => {
    const mine = await newHotkey();
    await vault.putSeed(mine.ss58, Buffer.from(mine.seedHex, 'hex'));
    const unknownPayment = await store.upsert({
      baseUrl: 'https://api.chutes.ai',
      username: 'bob_dev',
      userId: USER_ID,
      hotkeyName: 'default',
      hotkeySs58: mine.ss58,
      paymentAddress: null,
      source: { kind: 'manual' },
    });
    expect(unknownPayment.paymentAddress).toBeNull();
    await mkdir(path.dirname(target));
    await writeFile(target, cliConfigText(mine, { seed: null }));
    await run({ overwrite: true, profileId: unknownPayment.id });
    expect(decode(await readFile(target, 'utf8')).payment).toEqual({ address: PAYMENT });

    // The same hotkey's account on another server (or under another user id) is another account.
    await writeFile(target, cliConfigText(mine, { seed: null, baseUrl: 'https://staging.example' }));
    await run({ overwrite: true, profileId: unknownPayment.id });
    expect(decode(await readFile(target, 'utf8')).payment?.address).toBeUndefined();

    // The file of the account in beforeEach: its payment address is not this profile's.
    await writeFile(target, cliConfigText(hotkey, { seed: null }));
    await run({ overwrite: true, profileId: unknownPayment.id });
    const replaced = decode(await readFile(target, 'utf8'));
    expect(replaced.auth?.hotkey_ss58address).toBe(mine.ss58);
    expect(replaced.payment?.address).toBeUndefined();
  });

  it('does not pin a file that relied on CHUTES_API_URL or the default to that same address', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, '[auth]\nusername = someone\n');
    await run({ overwrite: true, inheritedApiUrl: 'https://api.chutes.ai/' });
    const kept = decode(await readFile(target, 'utf8'));
    expect(kept.api).toBeUndefined();
    expect(kept.auth?.username).toBe('alice_dev');
    // Another server than the one the CLI would use: the file must name it.
    await run({ overwrite: true, inheritedApiUrl: 'https://staging.chutes.dev' });
    expect(decode(await readFile(target, 'utf8')).api).toEqual({ base_url: 'https://api.chutes.ai' });
  });

  it('overwrite with the seed puts it where the CLI expects it', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, '[auth]\nusername = someone\n[extra]\nk = v\n');
    await run({ overwrite: true, includeSeed: true });
    const data = decode(await readFile(target, 'utf8')) as {
      auth: Record<string, string>;
      extra: Record<string, string>;
    };
    expect(data.auth.hotkey_seed).toBe(hotkey.seedHex);
    expect(data.extra).toEqual({ k: 'v' });
  });

  it('refuses to overwrite a file that is not a valid INI, or a symlink', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, 'this is not ini\n');
    await expect(run({ overwrite: true })).rejects.toMatchObject({
      appError: { code: 'conflict', message: expect.stringContaining('line 1') as unknown },
    });
    expect(await readFile(target, 'utf8')).toBe('this is not ini\n');
    const link = path.join(dir, 'link.ini');
    await symlink(target, link);
    await expect(run({ targetPath: link, overwrite: true })).rejects.toMatchObject({ appError: { code: 'conflict' } });
  });

  it('explains when the keychain has no seed to export', async () => {
    await vault.removeSeed(hotkey.ss58);
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: { code: 'not-found', message: expect.stringContaining('Export without the seed') as unknown },
    });
    await expect(stat(target)).rejects.toThrow();
  });

  it('refuses to export a keychain seed that is not this hotkey', async () => {
    const other = await newHotkey();
    await vault.putSeed(hotkey.ss58, Buffer.from(other.seedHex, 'hex'));
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: { code: 'conflict', reason: 'keychain-entry-mismatch' },
    });
    await expect(stat(target)).rejects.toThrow();
  });

  it('reports an unknown profile as not-found', async () => {
    await expect(run({ profileId: 'nope' })).rejects.toMatchObject({ appError: { code: 'not-found' } });
  });
  it('refuses to create a file that appears between the check and the write, and leaves it alone', async () => {
    race.beforeLink = () => writeFile(target, cliConfigText(hotkey));
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: `${target} already exists. Choose another name, or confirm that it should be replaced.`,
        detail: {
          hint: EXPORT_REPLACE_HINT,
          fields: [
            { path: EXISTING_SS58_FIELD, message: hotkey.ss58 },
            { path: EXISTING_USERNAME_FIELD, message: 'alice_dev' },
            { path: EXISTING_SERVER_FIELD, message: 'https://api.chutes.ai' },
          ],
        },
      },
    });
    expect(await readFile(target, 'utf8')).toBe(cliConfigText(hotkey));
    expect(await readdir(path.dirname(target))).toEqual(['config.ini']);
  });
});

describe('exportCliConfig over a file holding a seed', () => {
  let other: TestHotkey;
  let otherFile: string;
  const lossMessage = (situation: string) => `${situation} ${EXPORT_SEED_LOSS_ADVICE}`;

  beforeEach(async () => {
    other = await newHotkey();
    otherFile = cliConfigText(other, { extra: '[tools]\neditor = vim\n' }).replace(
      'username = alice_dev',
      'username = bob_ops',
    );
    await mkdir(path.dirname(target));
  });

  const expectUnchanged = async (text: string) => {
    expect(await readFile(target)).toEqual(Buffer.from(text, 'utf8'));
    expect(await readdir(path.dirname(target))).toEqual(['config.ini']);
  };

  it("refuses to replace another account's seed the keychain does not hold, with or without the seed and overwrite", async () => {
    await writeFile(target, otherFile, { mode: 0o600 });
    const refusal = {
      code: 'conflict',
      reason: 'export-would-lose-seed',
      message: lossMessage(
        `${target} holds the hotkey seed of another account, bob_ops (${other.ss58}), and the system keychain has no copy of it, so replacing the file would lose that seed.`,
      ),
      detail: {
        hint: EXPORT_SEED_LOSS_HINT,
        fields: [
          { path: EXISTING_SS58_FIELD, message: other.ss58 },
          { path: EXISTING_USERNAME_FIELD, message: 'bob_ops' },
          { path: EXISTING_SERVER_FIELD, message: 'https://api.chutes.ai' },
        ],
      },
    };
    for (const options of [{ overwrite: true }, { overwrite: true, includeSeed: true }, {}, { includeSeed: true }]) {
      const error: unknown = await run(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).appError).toEqual(refusal);
      // The UI offers "Replace" on /already exists/; this refusal must never match it.
      expect((error as AppFailure).message).not.toMatch(/already exists/);
      await expectUnchanged(otherFile);
    }
  });

  it('checks the seed itself, not the address the file claims, nor only that the keychain has an entry', async () => {
    // The file says it is this profile's hotkey, but its seed is another key.
    const forged = cliConfigText(hotkey, { seed: other.seedHex });
    await writeFile(target, forged);
    await expect(run({ overwrite: true, includeSeed: true })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: expect.stringContaining(
          `holds the hotkey seed of another account, alice_dev (${other.ss58})`,
        ) as unknown,
        detail: { hint: EXPORT_SEED_LOSS_HINT },
      },
    });
    await expectUnchanged(forged);
    // A keychain entry under that address holding some other seed does not make the file's copy redundant.
    await vault.putSeed(other.ss58, Buffer.from((await newHotkey()).seedHex, 'hex'));
    await expect(run({ overwrite: true })).rejects.toMatchObject({
      appError: { detail: { hint: EXPORT_SEED_LOSS_HINT } },
    });
    await expectUnchanged(forged);
  });

  it("replaces another account's file once the keychain holds its seed, and the confirmation names that account", async () => {
    await vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'));
    await writeFile(target, otherFile);
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: `${target} already exists. Choose another name, or confirm that it should be replaced.`,
        detail: {
          hint: EXPORT_REPLACE_HINT,
          fields: [
            { path: EXISTING_SS58_FIELD, message: other.ss58 },
            { path: EXISTING_USERNAME_FIELD, message: 'bob_ops' },
            { path: EXISTING_SERVER_FIELD, message: 'https://api.chutes.ai' },
          ],
        },
      },
    });
    await expectUnchanged(otherFile);
    await expect(run({ includeSeed: true, overwrite: true })).resolves.toMatchObject({
      overwritten: true,
      includesSeed: true,
    });
    const text = await readFile(target, 'utf8');
    expect(text).toBe(cliConfigText(hotkey, { extra: '[tools]\neditor = vim\n' }));
    expect(text).not.toContain(other.seedHex);
  });

  it("names the server of the same hotkey's account it would replace, and says the CLI moved to this one", async () => {
    // The same hotkey, registered on another server: not a re-export of this account.
    const staging = cliConfigText(hotkey).replace('https://api.chutes.ai', 'https://staging.example/');
    await writeFile(target, staging);
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: {
        reason: 'export-target-exists',
        detail: {
          fields: expect.arrayContaining([
            { path: EXISTING_SERVER_FIELD, message: 'https://staging.example' },
          ]) as unknown,
        },
      },
    });
    const summary = await run({ includeSeed: true, overwrite: true, cliConfigPath: target });
    expect(summary).toMatchObject({
      server: 'https://api.chutes.ai',
      previousServer: 'https://staging.example',
      isCliConfig: true,
      cliImpact: `The chutes CLI now uses https://api.chutes.ai (it used https://staging.example). ${SEEDED_CLI_CONFIG_NOTE}`,
    });
    // A file without base_url is for the server the CLI falls back to.
    await writeFile(target, cliConfigText(hotkey).replace(/^\[api\]\nbase_url = .*\n\n/, ''));
    await expect(run({ overwrite: true, inheritedApiUrl: 'https://fallback.example' })).resolves.toMatchObject({
      previousServer: 'https://fallback.example',
      isCliConfig: false,
      cliImpact: expect.stringMatching(
        /^This file now points the chutes CLI at https:\/\/api\.chutes\.ai \(it pointed at https:\/\/fallback\.example\)\. /,
      ) as unknown,
    });
    // The same server: nothing to say about it.
    await expect(run({ overwrite: true, includeSeed: true })).resolves.toMatchObject({
      previousServer: null,
      cliImpact: SEEDED_EXPORT_NOTE,
    });
  });

  it('re-exports over the same account, with or without the seed, when the keychain holds it', async () => {
    await writeFile(target, cliConfigText(hotkey));
    await run({ overwrite: true, includeSeed: true });
    expect(await readFile(target, 'utf8')).toBe(cliConfigText(hotkey));
    await run({ overwrite: true });
    expect(await readFile(target, 'utf8')).toBe(cliConfigText(hotkey, { seed: null }));
  });

  it("refuses a seedless export over this account's file when the file holds the only copy of the seed", async () => {
    await vault.removeSeed(hotkey.ss58);
    const own = cliConfigText(hotkey);
    await writeFile(target, own);
    await expect(run({ overwrite: true })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: lossMessage(
          `${target} holds the hotkey seed of this account (${hotkey.ss58}), and the system keychain has no copy of it, so replacing the file would lose that seed.`,
        ),
        detail: { hint: EXPORT_SEED_LOSS_HINT },
      },
    });
    await expectUnchanged(own);
  });

  it('refuses to replace a hotkey_seed it cannot attribute to any key', async () => {
    const odd = otherFile.replace(
      other.seedHex,
      'bottom drive obey lake curtain smoke basket hold race lonely fit walk',
    );
    await writeFile(target, odd);
    await expect(run({ overwrite: true })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: lossMessage(
          `${target} has a hotkey_seed the app cannot read as a seed (the file is for bob_ops, ${other.ss58}), so the app cannot tell whether it is kept anywhere else; replacing the file would destroy it.`,
        ),
        detail: { hint: EXPORT_SEED_LOSS_HINT },
      },
    });
    await expectUnchanged(odd);
    // Partial file, odd key case: configparser reads HOTKEY_SEED as hotkey_seed, and so does the check.
    const partial = '[auth]\nHOTKEY_SEED = 0x' + other.seedHex + '\n';
    await writeFile(target, partial);
    await expect(run({ overwrite: true, includeSeed: true })).rejects.toMatchObject({
      appError: {
        message: lossMessage(
          `${target} holds the hotkey seed of another account, ${other.ss58}, and the system keychain has no copy of it, so replacing the file would lose that seed.`,
        ),
      },
    });
    await expectUnchanged(partial);
  });

  it('does not replace a file that gained a seed while the keychain was being checked', async () => {
    await vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'));
    await writeFile(target, otherFile);
    const rewritten = cliConfigText(await newHotkey());
    const slowVault = Object.create(vault) as MemorySeedVault;
    slowVault.withSeed = async (ss58, fn) => {
      await writeFile(target, rewritten); // e.g. a `chutes register` finishing meanwhile
      return vault.withSeed(ss58, fn);
    };
    await expect(run({ overwrite: true, vault: slowVault })).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        message: `${target} changed while exporting, so it was not replaced. Export again.`,
      },
    });
    await expectUnchanged(rewritten);
  });

  it('does not replace a file whose seed left the keychain while the export waited for it', async () => {
    await vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'));
    await writeFile(target, otherFile);
    const racing = Object.create(vault) as MemorySeedVault;
    racing.withSeed = async (ss58, fn) => {
      // The export reads this profile's seed to write it: meanwhile the other window removes the
      // seed of the file about to be replaced, whose check had passed.
      if (ss58 === hotkey.ss58) await vault.removeSeed(other.ss58);
      return vault.withSeed(ss58, fn);
    };
    await expect(run({ overwrite: true, includeSeed: true, vault: racing })).rejects.toMatchObject({
      appError: { code: 'conflict', reason: 'export-would-lose-seed' },
    });
    await expectUnchanged(otherFile);
  });

  it('refuses when the keychain cannot be asked, rather than guess', async () => {
    await writeFile(target, otherFile);
    const locked = Object.create(vault) as MemorySeedVault;
    locked.withSeed = () => Promise.reject(new AppFailure('keychain-unavailable', 'The keychain is locked.'));
    await expect(run({ overwrite: true, vault: locked })).rejects.toMatchObject({
      appError: { code: 'keychain-unavailable' },
    });
    await expectUnchanged(otherFile);
  });
});
