import { chmod, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../app-config';
import {
  cliConfigText,
  newHotkey,
  PAYMENT,
  profileWorld,
  USER_ID,
  type ProfileWorld,
  type TestHotkey,
} from './fixtures.test-helper';
import { importCliConfig, locateCliConfig, type ImportCliConfigOptions } from './import-cli-config';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import type { ProfileStore } from './profile-store';
import { SEED_LEFT_NOTE, SEED_STRIPPED_NOTE } from '../../shared/profile-texts';

const posix = process.platform !== 'win32';
const EXTRA = '# my notes\n[tools]\neditor = vim\n; trailing comment\n';

let world: ProfileWorld;
let dir: string;
let vault: MemorySeedVault;
let store: ProfileStore;
let hotkey: TestHotkey;
let configPath: string;

beforeEach(async () => {
  world = await profileWorld();
  ({ dir, vault, store, hotkey } = world);
  configPath = path.join(dir, 'chutes', 'config.ini');
  await mkdir(path.dirname(configPath));
  await writeFile(configPath, cliConfigText(hotkey, { extra: EXTRA }), { mode: 0o600 });
});
afterEach(async () => {
  await world.dispose();
});

const run = (overrides: Partial<ImportCliConfigOptions> = {}) =>
  importCliConfig({
    store,
    vault,
    path: configPath,
    via: 'picked',
    stripSeed: false,
    fallbackApiUrl: 'https://api.chutes.ai',
    ...overrides,
  });

describe('importCliConfig', () => {
  it('refuses a file that is not UTF-8 instead of rewriting its stray bytes as U+FFFD', async () => {
    const text = Buffer.concat([
      Buffer.from(cliConfigText(hotkey)),
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(' (Latin-1)\n'),
    ]);
    await writeFile(configPath, text);
    await expect(run({ stripSeed: true })).rejects.toMatchObject({
      appError: { code: 'invalid-input', message: expect.stringContaining('is not valid UTF-8 text') as unknown },
    });
    expect(await readFile(configPath)).toEqual(text);
    expect(await vault.listSeeds()).toEqual([]);
  });

  it('leave: stores the verified seed, creates the profile, leaves the file byte for byte', async () => {
    const before = await readFile(configPath, 'utf8');
    const summary = await run();
    expect(summary).toMatchObject({
      seedStored: true,
      fileChanged: false,
      permissionsTooOpen: false,
      path: configPath,
      cliImpact: SEED_LEFT_NOTE,
    });
    expect(summary.profile).toMatchObject({
      displayName: 'alice_dev @ api.chutes.ai',
      username: 'alice_dev',
      userId: USER_ID,
      hotkeyName: 'default',
      hotkeySs58: hotkey.ss58,
      paymentAddress: PAYMENT,
      source: { kind: 'cli-import', path: configPath, via: 'picked' },
    });
    expect(Buffer.from(vault.seeds.get(hotkey.ss58) ?? []).toString('hex')).toBe(hotkey.seedHex);
    expect(await readFile(configPath, 'utf8')).toBe(before);
    expect(await store.getActive()).toEqual(summary.profile);
  });

  it('strip: removes only hotkey_seed, keeps unknown sections/comments, file stays 0600, no temp files', async () => {
    const before = await readFile(configPath, 'utf8');
    const summary = await run({ stripSeed: true });
    expect(summary).toMatchObject({ seedStored: true, fileChanged: true, cliImpact: SEED_STRIPPED_NOTE });
    const after = await readFile(configPath, 'utf8');
    expect(after).toBe(before.replace(`hotkey_seed = ${hotkey.seedHex}\n`, ''));
    expect(after).toContain(EXTRA);
    if (posix) expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(configPath))).toEqual(['config.ini']);
    expect(vault.seeds.has(hotkey.ss58)).toBe(true);
  });

  it('flags a world-readable config and tightens it when stripping', async () => {
    if (!posix) return;
    await chmod(configPath, 0o644);
    expect((await run()).permissionsTooOpen).toBe(true);
    expect((await stat(configPath)).mode & 0o777).toBe(0o644);
    expect((await run({ stripSeed: true })).permissionsTooOpen).toBe(true);
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
  });

  it('accepts a 0x-prefixed seed', async () => {
    await writeFile(configPath, cliConfigText(hotkey, { seed: `0x${hotkey.seedHex.toUpperCase()}` }));
    expect((await run()).seedStored).toBe(true);
  });

  it('refuses a seed that does not belong to hotkey_ss58address, storing nothing', async () => {
    const other = await newHotkey();
    await writeFile(configPath, cliConfigText(hotkey, { seed: other.seedHex }));
    await expect(run({ stripSeed: true })).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        message: `${configPath}: hotkey_seed belongs to ${other.ss58}, but hotkey_ss58address says ${hotkey.ss58}. Nothing was imported.`,
      },
    });
    expect(vault.seeds.size).toBe(0);
    expect(await store.list()).toEqual([]);
    expect(await readFile(configPath, 'utf8')).toContain(other.seedHex);
  });

  it('refuses a malformed seed without quoting it', async () => {
    const bad = `${hotkey.seedHex.slice(0, 60)}zz`;
    await writeFile(configPath, cliConfigText(hotkey, { seed: bad }));
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({
      appError: { code: 'invalid-input', message: expect.stringContaining('not a 32-byte hex seed') as unknown },
    });
    expect(JSON.stringify(error)).not.toContain(bad);
  });

  it('without hotkey_seed: uses a seed already in the keychain, else explains why it cannot import', async () => {
    await writeFile(configPath, cliConfigText(hotkey, { seed: null }));
    await expect(run()).rejects.toMatchObject({
      appError: { message: expect.stringContaining('[auth] has no hotkey_seed') as unknown },
    });
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
    const summary = await run({ stripSeed: true });
    expect(summary).toMatchObject({ seedStored: false, fileChanged: false });
  });

  it('reports missing [auth] keys with the path', async () => {
    await writeFile(configPath, cliConfigText(hotkey).replace(/^user_id.*\n/m, ''));
    await expect(run()).rejects.toMatchObject({ appError: { message: `${configPath}: [auth] is missing user_id.` } });
  });

  it('falls back to the app API URL when [api] base_url is absent, as the CLI does', async () => {
    await writeFile(configPath, cliConfigText(hotkey).replace(/^\[api\]\nbase_url.*\n/m, ''));
    expect((await run({ fallbackApiUrl: 'https://staging.chutes.dev' })).profile.baseUrl).toBe(
      'https://staging.chutes.dev',
    );
  });

  it('re-importing the same account updates the same profile', async () => {
    const a = await run();
    const b = await run({ displayName: 'Production' });
    expect(b.profile.id).toBe(a.profile.id);
    expect(b.profile.displayName).toBe('Production');
    expect(await store.list()).toHaveLength(1);
  });

  it('strips through a symlinked config at its target, keeping the link', async () => {
    const link = path.join(dir, 'link.ini');
    await symlink(configPath, link);
    const summary = await run({ path: link, stripSeed: true });
    expect(summary.fileChanged).toBe(true);
    expect((await stat(link)).isFile()).toBe(true);
    expect(await readFile(configPath, 'utf8')).not.toContain('hotkey_seed');
  });

  it('imports from a CHUTES_CONFIG_PATH-style location resolved by loadAppConfig', async () => {
    const config = loadAppConfig([], { CHUTES_CONFIG_PATH: configPath }, dir, 'linux');
    expect(config.configPath).toBe(configPath);
    const location = await locateCliConfig(config);
    expect(location).toEqual({
      path: configPath,
      via: 'CHUTES_CONFIG_PATH',
      exists: true,
      isFolder: false,
      permissionsTooOpen: false,
    });
    const summary = await run({ path: config.configPath, via: location.via, fallbackApiUrl: config.apiUrl });
    expect(summary.profile.source).toEqual({ kind: 'cli-import', path: configPath, via: 'CHUTES_CONFIG_PATH' });
    const missing = await locateCliConfig({
      configPath: path.join(dir, 'none', 'config.ini'),
      configPathSource: 'default',
    });
    expect(missing).toMatchObject({ exists: false, isFolder: false });
    // CHUTES_CONFIG_PATH set to the folder (~/.chutes) rather than the file in it.
    const folder = await locateCliConfig({ configPath: dir, configPathSource: 'CHUTES_CONFIG_PATH' });
    expect(folder).toMatchObject({ exists: false, isFolder: true, permissionsTooOpen: false });
  });

  it('names the file when the store refuses a value', async () => {
    await writeFile(configPath, cliConfigText(hotkey).replace(`user_id = ${USER_ID}`, `user_id = ${'x'.repeat(65)}`));
    await expect(run()).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        message: `${configPath}: Some profile details are not valid — userId: User id is longer than 64 characters.`,
      },
    });
  });

  it('does not strip a file that changed while importing', async () => {
    class RacingVault extends MemorySeedVault {
      override async putSeed(ss58: string, seed: Uint8Array): Promise<void> {
        await super.putSeed(ss58, seed);
        await writeFile(configPath, `${cliConfigText(hotkey)}[new]\nk = v\n`);
      }
    }
    vault = new RacingVault();
    await expect(run({ stripSeed: true })).rejects.toMatchObject({
      appError: { message: expect.stringContaining('changed while importing') as unknown },
    });
    expect(await readFile(configPath, 'utf8')).toContain('[new]');
    expect(await readFile(configPath, 'utf8')).toContain(hotkey.seedHex);
  });

  it('imports a file whose [payment] address has a comment after it, without that address, and says so', async () => {
    await writeFile(
      configPath,
      cliConfigText(hotkey).replace(`address = ${PAYMENT}`, `address = ${PAYMENT} ; send tao here`),
    );
    const summary = await run();
    expect(summary.profile).toMatchObject({ hotkeySs58: hotkey.ss58, userId: USER_ID, paymentAddress: null });
    expect(summary.seedStored).toBe(true);
    expect(summary.paymentNote).toMatch(/^\[payment\] address was not read: it is not an SS58 address/);
    await writeFile(configPath, cliConfigText(hotkey));
    expect(await run()).toMatchObject({ paymentNote: null, profile: { paymentAddress: PAYMENT } });
  });

  it('reports a missing file as not-found', async () => {
    await expect(run({ path: path.join(dir, 'nope.ini') })).rejects.toMatchObject({ appError: { code: 'not-found' } });
  });
});
