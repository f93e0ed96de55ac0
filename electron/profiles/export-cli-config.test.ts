import { mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decode } from 'ini';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../log';
import { exportCliConfig, type ExportCliConfigOptions } from './export-cli-config';
import { cliConfigText, newHotkey, PAYMENT, tempDir, USER_ID, type TestHotkey } from './fixtures.test-helper';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { createProfileStore, type ProfileStore } from './profile-store';
import { SEEDED_EXPORT_NOTE, SEEDLESS_EXPORT_NOTE } from '../../shared/profile-texts';
import type { Profile } from '../../shared/profiles';

const posix = process.platform !== 'win32';

let dir: string;
let cleanup: () => Promise<void>;
let vault: MemorySeedVault;
let store: ProfileStore;
let hotkey: TestHotkey;
let profile: Profile;
let target: string;
let restoreSink: ReturnType<typeof setLogSink>;

beforeEach(async () => {
  restoreSink = setLogSink(() => undefined);
  ({ dir, cleanup } = await tempDir());
  vault = new MemorySeedVault();
  store = createProfileStore({ dataDir: path.join(dir, 'data'), vault });
  hotkey = await newHotkey();
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
  setLogSink(restoreSink);
  await cleanup();
});

const run = (overrides: Partial<ExportCliConfigOptions> = {}) =>
  exportCliConfig({ store, vault, profileId: profile.id, targetPath: target, ...overrides });

describe('exportCliConfig', () => {
  it('with includeSeed: true writes the exact CLI layout, 0600', async () => {
    const summary = await run({ includeSeed: true });
    expect(summary).toEqual({ path: target, includesSeed: true, overwritten: false, cliCanSign: true, cliImpact: SEEDED_EXPORT_NOTE });
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

  it('never clobbers an existing file without overwrite: true', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, 'precious');
    await expect(run({ includeSeed: true })).rejects.toMatchObject({
      appError: { code: 'conflict', message: `${target} already exists. Choose another name, or confirm that it should be replaced.` },
    });
    expect(await readFile(target, 'utf8')).toBe('precious');
  });

  it('overwrite keeps unknown sections, keys and comments, and drops a stale seed when exporting without one', async () => {
    const other = await newHotkey();
    await mkdir(path.dirname(target));
    const existing = cliConfigText(other, { baseUrl: 'https://old.example', extra: '# mine\n[tools]\neditor = vim\n' }).replace(
      '[auth]\n',
      '[auth]\nlegacy_flag = yes\n',
    );
    await writeFile(target, existing, { mode: 0o644 });
    const summary = await run({ overwrite: true });
    expect(summary.overwritten).toBe(true);
    const text = await readFile(target, 'utf8');
    expect(text).not.toContain(other.seedHex);
    expect(text).toContain('# mine\n[tools]\neditor = vim\n');
    expect(decode(text)).toEqual({
      api: { base_url: 'https://api.chutes.ai' },
      auth: { legacy_flag: 'yes', username: 'alice_dev', user_id: USER_ID, hotkey_name: 'default', hotkey_ss58address: hotkey.ss58 },
      payment: { address: PAYMENT },
      tools: { editor: 'vim' },
    });
    if (posix) expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('overwrite with the seed puts it where the CLI expects it', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, '[auth]\nusername = someone\n[extra]\nk = v\n');
    await run({ overwrite: true, includeSeed: true });
    const data = decode(await readFile(target, 'utf8')) as { auth: Record<string, string>; extra: Record<string, string> };
    expect(data.auth.hotkey_seed).toBe(hotkey.seedHex);
    expect(data.extra).toEqual({ k: 'v' });
  });

  it('refuses to overwrite a file that is not a valid INI, or a symlink', async () => {
    await mkdir(path.dirname(target));
    await writeFile(target, 'this is not ini\n');
    await expect(run({ overwrite: true })).rejects.toMatchObject({ appError: { code: 'conflict', message: expect.stringContaining('line 1') as unknown } });
    expect(await readFile(target, 'utf8')).toBe('this is not ini\n');
    const link = path.join(dir, 'link.ini');
    await symlink(target, link);
    await expect(run({ targetPath: link, overwrite: true })).rejects.toMatchObject({ appError: { code: 'conflict' } });
  });

  it('explains when the keychain has no seed to export', async () => {
    await vault.removeSeed(hotkey.ss58);
    await expect(run({ includeSeed: true })).rejects.toMatchObject({ appError: { code: 'not-found', message: expect.stringContaining('Export without the seed') as unknown } });
    await expect(stat(target)).rejects.toThrow();
  });

  it('refuses to export a keychain seed that is not this hotkey', async () => {
    const other = await newHotkey();
    await vault.putSeed(hotkey.ss58, Buffer.from(other.seedHex, 'hex'));
    await expect(run({ includeSeed: true })).rejects.toMatchObject({ appError: { code: 'internal' } });
    await expect(stat(target)).rejects.toThrow();
  });

  it('reports an unknown profile as not-found', async () => {
    await expect(run({ profileId: 'nope' })).rejects.toMatchObject({ appError: { code: 'not-found' } });
  });
});
