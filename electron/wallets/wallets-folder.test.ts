import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureIs, type AppFailure } from '../../shared/errors';
import { loadAppConfig } from '../app-config';
import { chooseWalletsFolder, readChosenWalletsFolder } from './wallets-folder';

let home: string;
let dataDir: string;
beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'wallets-folder-'));
  dataDir = path.join(home, 'data');
  await fs.mkdir(path.join(home, 'elsewhere', 'wallets'), { recursive: true });
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

const config = (env: Record<string, string> = {}, argv: string[] = []) =>
  loadAppConfig(argv, { CHUTES_DESKTOP_DATA_DIR: dataDir, ...env }, home, 'linux');

describe('the wallets folder chosen in the app', () => {
  it('is used at once, from ~, by every config reading this data folder, until reset to the default', async () => {
    const mine = config();
    const other = config();
    expect(mine.walletsPath).toBe(path.join(home, '.bittensor', 'wallets'));
    expect(await chooseWalletsFolder(dataDir, '~/elsewhere/wallets', home)).toBe(
      path.join(home, 'elsewhere', 'wallets'),
    );
    for (const c of [mine, other]) {
      expect(c.walletsPath).toBe(path.join(home, 'elsewhere', 'wallets'));
      expect(c.walletsPathSource).toBe('chosen');
    }
    expect(await chooseWalletsFolder(dataDir, null, home)).toBeNull();
    expect(mine.walletsPath).toBe(mine.defaultWalletsPath);
    expect(mine.walletsPathSource).toBe('default');
    // Back to the default twice is not an error.
    await chooseWalletsFolder(dataDir, null, home);
  });

  it('gives way to --wallets-path and BT_WALLET_PATH', async () => {
    await chooseWalletsFolder(dataDir, path.join(home, 'elsewhere'), home);
    expect(config({ BT_WALLET_PATH: '/srv/w' }).walletsPath).toBe('/srv/w');
    expect(config({}, ['--wallets-path', '/srv/f']).walletsPathSource).toBe('--wallets-path');
  });

  it('refuses a relative path, a missing folder and a file, and keeps the choice it had', async () => {
    await chooseWalletsFolder(dataDir, path.join(home, 'elsewhere'), home);
    await fs.writeFile(path.join(home, 'a-file'), 'x');
    const cases: Array<[string, string, RegExp]> = [
      ['wallets', 'invalid-input', /^Enter the full path of the folder/],
      [path.join(home, 'nowhere'), 'not-found', /^There is no folder at /],
      [path.join(home, 'a-file'), 'invalid-input', /is a file, not a folder\.$/],
    ];
    for (const [typed, reason, message] of cases) {
      const error: unknown = await chooseWalletsFolder(dataDir, typed, home).catch((e: unknown) => e);
      expect(failureIs(error, reason as 'not-found')).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    expect(readChosenWalletsFolder(dataDir)).toBe(path.join(home, 'elsewhere'));
  });

  it("refuses one wallet's own folder, naming the wallet and its parent, and keeps the choice it had", async () => {
    const wallets = path.join(home, 'elsewhere', 'wallets');
    await chooseWalletsFolder(dataDir, wallets, home);
    const cases: Array<[string, Array<[string, 'file' | 'folder']>, string]> = [
      [
        'full',
        [
          ['coldkeypub.txt', 'file'],
          ['coldkey', 'file'],
          ['hotkeys', 'folder'],
        ],
        'coldkeypub.txt, coldkey and hotkeys/',
      ],
      ['hotkeys-only', [['hotkeys', 'folder']], 'hotkeys/'],
      ['public', [['coldkeypub.txt', 'file']], 'coldkeypub.txt'],
    ];
    for (const [name, parts, holds] of cases) {
      const wallet = path.join(wallets, name);
      for (const [part, kind] of parts) {
        if (kind === 'folder') await fs.mkdir(path.join(wallet, part), { recursive: true, mode: 0o700 });
        else {
          await fs.mkdir(wallet, { recursive: true, mode: 0o700 });
          await fs.writeFile(path.join(wallet, part), '{}', { mode: 0o600 });
        }
      }
      const error: unknown = await chooseWalletsFolder(dataDir, `~/elsewhere/wallets/${name}`, home).catch(
        (e: unknown) => e,
      );
      expect(failureIs(error, 'invalid-input'), name).toBe(true);
      const { appError } = error as AppFailure;
      expect(appError.message).toBe(
        `${wallet} is the wallet “${name}” itself (it holds ${holds}), not the folder of wallets.`,
      );
      expect(appError.detail?.fields).toEqual([
        { path: 'path', message: `The wallet “${name}”: choose its parent, ${wallets}` },
      ]);
      expect(appError.detail?.hint).toBe(`Choose the folder that holds it: ${wallets}`);
      expect(readChosenWalletsFolder(dataDir)).toBe(wallets);
    }
    // Its parent, which holds those wallets, is taken; a "hotkeys" that is a file is no wallet's folder.
    await fs.writeFile(path.join(home, 'elsewhere', 'hotkeys'), 'x', { mode: 0o600 });
    expect(await chooseWalletsFolder(dataDir, path.join(home, 'elsewhere'), home)).toBe(path.join(home, 'elsewhere'));
    expect(await chooseWalletsFolder(dataDir, wallets, home)).toBe(wallets);
    // A folder of wallets where one wallet is named "hotkeys" (it holds a wallet's own files) is taken.
    const named = path.join(home, 'named');
    await fs.mkdir(path.join(named, 'hotkeys', 'hotkeys'), { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(named, 'hotkeys', 'coldkeypub.txt'), '{}', { mode: 0o600 });
    expect(await chooseWalletsFolder(dataDir, named, home)).toBe(named);
  });

  it('uses the default for a damaged or foreign file instead of failing every scan, and says the choice is not used', async () => {
    await fs.mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'wallets-folder.json');
    const cases: Array<[string, RegExp]> = [
      ['{not json', /wallets-folder\.json is not valid JSON$/],
      ['{"folder": "relative/path"}', /could not be used: no absolute "folder" in it$/],
      ['[]', /no absolute "folder"/],
      ['{"folder": 7}', /no absolute "folder"/],
    ];
    for (const [text, problem] of cases) {
      await fs.writeFile(file, text, { mode: 0o600 });
      expect(readChosenWalletsFolder(dataDir)).toBeNull();
      const c = config();
      expect(c.walletsPath).toBe(c.defaultWalletsPath);
      expect(c.walletsPathSource).toBe('chosen-unreadable');
      expect(c.walletsPathProblem).toMatch(problem);
    }
    // Something else in the file's place (chmod 000 would be the same, but root reads through it).
    await fs.rm(file);
    await fs.mkdir(file);
    expect(config().walletsPathSource).toBe('chosen-unreadable');
    expect(config().walletsPathProblem).toMatch(/not a small regular file/);
    // A launch flag or variable decides regardless: nothing to say about the file.
    expect(config({ BT_WALLET_PATH: '/srv/w' }).walletsPathProblem).toBeNull();
    await fs.rmdir(file);
    expect(config().walletsPathSource).toBe('default');
    expect(config().walletsPathProblem).toBeNull();
  });
});
