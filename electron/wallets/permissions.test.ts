import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { fixHotkeyPermissions } from './hotkey-seed';
import {
  checkConfigPermissions,
  chmodPrivate,
  configHoldsSeed,
  describePermissions,
  fixPermissions,
} from './permissions';
import { makeKey, tempDir, writeTree } from './test-fixtures';

let base: string;
let wallets: string;
let configPath: string;
let keySs58: string;
const mode = async (p: string) => (await fs.stat(p)).mode & 0o777;

const CONFIG = `[api]\nbase_url = https://api.chutes.ai\n\n[auth]\nusername = me\nhotkey_seed = ${'ab'.repeat(32)}\n`;

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof AppFailure ? error.appError.code : undefined;
}

const logLines: string[] = [];
let previousSink: LogSink | undefined;

beforeAll(async () => {
  previousSink = setLogSink((line) => logLines.push(line));
  const key = await makeKey();
  keySs58 = key.ss58;
  base = await tempDir();
  wallets = path.join(base, 'wallets');
  configPath = path.join(base, 'chutes', 'config.ini');
  await writeTree(
    wallets,
    [
      ['w/hotkeys/open', JSON.stringify(key.json)],
      ['w/hotkeys/other', JSON.stringify(key.json)],
    ],
    0o644,
  );
  await writeTree(
    base,
    [
      ['chutes/config.ini', CONFIG],
      ['outside', 'x'],
    ],
    0o644,
  );
  await fs.symlink(path.join(base, 'outside'), path.join(wallets, 'w/hotkeys/link'));
});

afterAll(async () => {
  if (previousSink) setLogSink(previousSink);
  await fs.rm(base, { recursive: true, force: true });
});

describe('hotkey file permissions', () => {
  it('flags a 0644 seed file and fixes it to 0600 only when asked', async () => {
    const hotkeyPath = path.join(wallets, 'w/hotkeys/open');
    const before = await discoverWallets(wallets);
    expect(before.wallets[0]?.hotkeys.find((h) => h.id === 'open')?.permissions).toEqual({
      status: 'too-open',
      mode: 0o644,
    });
    expect(await mode(hotkeyPath)).toBe(0o644);
    // The row showed another address (another folder, or the file rewritten since): left alone.
    const other = (await makeKey()).ss58;
    const refused = await fixHotkeyPermissions(wallets, 'w', 'open', other).catch((e: unknown) => e);
    expect((refused as AppFailure).appError.reason).toBe('file-changed-meanwhile');
    expect((refused as AppFailure).appError.message).toContain(`now holds ${keySs58}, not ${other}`);
    expect(await mode(hotkeyPath)).toBe(0o644);
    expect(await fixHotkeyPermissions(wallets, 'w', 'open', keySs58)).toEqual({ status: 'private', mode: 0o600 });
    expect(await mode(hotkeyPath)).toBe(0o600);
    expect(logLines.some((l) => l.includes("tightened a seed file's permissions from 644 to 600"))).toBe(true);
    const after = await discoverWallets(wallets);
    expect(after.wallets[0]?.hotkeys.find((h) => h.id === 'open')?.permissions.status).toBe('private');
  });

  it('fixes by path inside the wallets folder', async () => {
    const target = path.join(wallets, 'w/hotkeys/other');
    expect((await fixPermissions(target, { walletsPath: wallets })).status).toBe('private');
    expect(await mode(target)).toBe(0o600);
  });

  it('refuses symlinks, paths outside the scope and traversal', async () => {
    expect(await code(fixHotkeyPermissions(wallets, 'w', 'link', null))).toBe('forbidden');
    expect(await code(fixPermissions(path.join(wallets, 'w/hotkeys/link'), { walletsPath: wallets }))).toBe(
      'forbidden',
    );
    expect(await code(fixPermissions(path.join(base, 'outside'), { walletsPath: wallets }))).toBe('forbidden');
    expect(await code(fixPermissions(path.join(wallets, '../outside'), { walletsPath: wallets }))).toBe('forbidden');
    expect(await code(fixPermissions(wallets, { walletsPath: wallets }))).toBe('forbidden');
    expect(await code(fixHotkeyPermissions(wallets, 'w', '../../../outside', null))).toBe('invalid-input');
    expect(await mode(path.join(base, 'outside'))).toBe(0o644);
  });

  it('refuses on Windows rather than pretending', async () => {
    expect(await code(fixPermissions(path.join(wallets, 'w/hotkeys/other'), { walletsPath: wallets }, 'win32'))).toBe(
      'invalid-input',
    );
  });
});

describe('config.ini permissions', () => {
  it('detects a seed with a value wherever the file holds one (it is readable all the same)', () => {
    expect(configHoldsSeed(CONFIG)).toBe(true);
    expect(configHoldsSeed('[auth]\nhotkey_seed =\n')).toBe(false);
    expect(configHoldsSeed('[auth]\nhotkey_seed_note = x\nusername = hotkey_seed = y\n')).toBe(false);
    expect(configHoldsSeed('[auth]\n# hotkey_seed = abc\n')).toBe(false);
    for (const text of [
      '[Auth]\r\nHOTKEY_SEED: abc\r\n',
      // These the CLI reads as a seed, and a line-by-line look at [auth] missed:
      '[auth] ; written by chutes register\nhotkey_seed = abc\n',
      '[DEFAULT]\nhotkey_seed = abc\n[auth]\nusername = u\n',
      '[auth]\rusername = u\rhotkey_seed = abc\r',
      '[auth]\nhotkey_seed =\n    abc\n',
      '[api]\nhotkey_seed = abc\n',
    ])
      expect(configHoldsSeed(text), JSON.stringify(text)).toBe(true);
  });

  it('flags a 0644 config.ini holding a seed and fixes it when it is the given config path', async () => {
    const report = checkConfigPermissions(configPath);
    expect(report).toEqual({
      path: configPath,
      exists: true,
      holdsSeed: true,
      permissions: { status: 'too-open', mode: 0o644 },
    });
    expect(await code(fixPermissions(configPath, { walletsPath: wallets }))).toBe('forbidden');
    expect(await fixPermissions(configPath, { walletsPath: wallets, configPath })).toEqual({
      status: 'private',
      mode: 0o600,
    });
    expect(checkConfigPermissions(configPath).permissions.status).toBe('private');
  });

  it('reports a missing config.ini', () => {
    expect(checkConfigPermissions(path.join(base, 'none.ini'))).toMatchObject({
      exists: false,
      holdsSeed: false,
    });
  });
});

describe('describePermissions', () => {
  it('maps modes', () => {
    expect(describePermissions(0o100600, true, 'linux')).toEqual({ status: 'private', mode: 0o600 });
    expect(describePermissions(0o640, true, 'darwin')).toEqual({ status: 'too-open', mode: 0o640 });
    expect(describePermissions(0o602, true, 'linux').status).toBe('too-open');
    expect(describePermissions(0o644, false, 'linux').status).toBe('not-secret');
    expect(describePermissions(0o644, true, 'win32')).toEqual({ status: 'unknown', mode: null });
  });
});

describe('chmodPrivate through a symbolic link', () => {
  it('changes nothing, and names where the link leads with the command that makes that file private', async () => {
    const dir = await tempDir();
    const real = path.join(dir, "dot files's config.ini");
    await fs.writeFile(real, '[auth]\n');
    await fs.chmod(real, 0o644); // set, not left to the umask
    const link = path.join(dir, 'config.ini');
    await fs.symlink(real, link);
    const error = await chmodPrivate(link).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError.message).toBe(
      `${link} is a symbolic link to ${real}, and the app does not change permissions through links.`,
    );
    expect((error as AppFailure).appError.detail?.hint).toBe(
      `Make the file itself private: chmod 600 '${dir}/dot files'\\''s config.ini'`,
    );
    expect((await fs.stat(real)).mode & 0o777).toBe(0o644);
  });
});
