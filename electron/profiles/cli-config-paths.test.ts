import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import type { Profile } from '../../shared/profiles';
import { makeSpecialFiles, within, type SpecialFiles } from '../fs/special-files.test-helper';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { exportCliConfig } from './export-cli-config';
import { cliConfigText, PAYMENT, profileWorld, USER_ID, type ProfileWorld } from './fixtures.test-helper';
import { importCliConfig } from './import-cli-config';

// Hostile and odd paths for import and export: every answer is prompt, typed and specific.

const posix = process.platform !== 'win32';
let world: ProfileWorld;
let special: SpecialFiles;
let profile: Profile;

beforeAll(async () => {
  world = await profileWorld();
  if (posix) special = await makeSpecialFiles(path.join(world.dir, 'special'));
});
afterAll(async () => {
  await special?.release();
  await world.dispose();
});
beforeEach(async () => {
  await world.vault.putSeed(world.hotkey.ss58, Buffer.from(world.hotkey.seedHex, 'hex'));
  profile = await world.store.upsert({
    baseUrl: 'https://api.chutes.ai',
    username: 'alice_dev',
    userId: USER_ID,
    hotkeyName: 'default',
    hotkeySs58: world.hotkey.ss58,
    paymentAddress: PAYMENT,
    source: { kind: 'manual' },
  });
});

const importFrom = (file: string, vault = world.vault, stripSeed = false) =>
  importCliConfig({
    store: world.store,
    vault,
    path: file,
    via: 'picked',
    stripSeed,
    fallbackApiUrl: 'https://api.chutes.ai',
  });
const exportTo = (file: string, overwrite: boolean) =>
  exportCliConfig({
    store: world.store,
    vault: world.vault,
    profileId: profile.id,
    targetPath: file,
    includeSeed: true,
    overwrite,
  });

async function failureOf(promise: Promise<unknown>, what: string): Promise<AppFailure> {
  const error: unknown = await within(promise, 3000, what).then(
    () => new Error(`${what} succeeded`),
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`${what}: not a typed failure: ${String(error)}`);
  return error;
}

describe.runIf(posix)('importCliConfig and exportProfile on special paths', () => {
  it('import: a specific typed failure for each, never internal', async () => {
    for (const [name, file] of Object.entries(special.paths)) {
      const { appError } = await failureOf(importFrom(file), `import ${name}`);
      expect(appError.code, `${name}: ${appError.message}`).not.toBe('internal');
      expect(appError.message, name).not.toMatch(/went wrong/);
    }
  }, 30_000);

  it('import: names the problem', async () => {
    const messageFor = async (file: string) => (await failureOf(importFrom(file), file)).appError.message;
    expect(await messageFor('/etc/passwd/x')).toBe('/etc/passwd/x: a part of the path is a file, not a folder.');
    expect(await messageFor(special.loop)).toMatch(/Symbolic link loop/);
    expect(await messageFor(special.paths['name of 300 characters'] ?? '')).toMatch(/The path is too long/);
    expect(await messageFor(special.paths['path of 4096 characters'] ?? '')).toMatch(
      /too long|does not exist|no file/i,
    );
    expect(await messageFor(special.fifoLink)).toMatch(/FIFO/);
  });

  it('export: a specific typed failure for each, never internal, with or without overwrite', async () => {
    for (const overwrite of [false, true]) {
      for (const [name, file] of Object.entries(special.paths)) {
        if (name === '/dev/null' || name === '/dev/zero' || name === '/dev/tty') continue; // devices: covered as "not a regular file" below
        const { appError } = await failureOf(exportTo(file, overwrite), `export ${name}`);
        expect(appError.code, `${name}: ${appError.message}`).not.toBe('internal');
        expect(appError.message, name).not.toMatch(/went wrong/);
      }
    }
    expect((await failureOf(exportTo('/dev/null', true), '/dev/null')).appError.code).toBe('conflict');
  }, 30_000);

  it('export: names the problem', async () => {
    const under = await failureOf(exportTo(path.join(special.plainFile, 'x'), false), 'under a file');
    expect(under.appError.message).toMatch(/a part of the path is a file, not a folder/);
    const long = await failureOf(exportTo(path.join(world.dir, 'n'.repeat(300)), false), 'long');
    expect(long.appError.message).toMatch(/The path is too long/);
  });
});

describe('relative paths and what messages show', () => {
  it('refuses relative paths for import and export', async () => {
    expect((await failureOf(importFrom('chutes/config.ini'), 'rel import')).appError).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/full path/) as unknown,
    });
    expect((await failureOf(exportTo('etc/passwd', false), 'rel export')).appError).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/full path/) as unknown,
    });
  });

  it('never echoes file contents in a parse error; says the line and what was expected', async () => {
    const file = path.join(world.dir, 'notes.ini');
    for (const text of [
      'my db password is hunter2 = 1\n',
      '[auth]\nmy db password is hunter2\n',
      '[my db password is hunter2]\n[my db password is hunter2]\n',
      `${cliConfigText(world.hotkey)}\n[auth]\nmy db password is hunter2 = 1\n`,
      '[auth]\nhunter2 = a\nhunter2 = b\n',
    ]) {
      await writeFile(file, text);
      const { appError } = await failureOf(importFrom(file), text);
      expect(JSON.stringify(appError), text).not.toContain('hunter2');
      expect(appError.message, text).toMatch(/line \d/);
    }
  });

  it('leaves no new parent folders behind when an export fails', async () => {
    const parent = path.join(world.dir, 'fresh');
    const target = path.join(parent, 'deeper', 'n'.repeat(300));
    await failureOf(exportTo(target, false), 'long export');
    await expect(stat(parent)).rejects.toMatchObject({ code: 'ENOENT' });
    // An export that succeeds still creates the folders it needs, as for ~/.chutes/config.ini.
    await exportTo(path.join(parent, 'deeper', 'config.ini'), false);
    expect(await readFile(path.join(parent, 'deeper', 'config.ini'), 'utf8')).toContain(world.hotkey.seedHex);
  });
});

describe('strip race', () => {
  it('a config that changed while importing is a conflict, not internal', async () => {
    const file = path.join(world.dir, 'race', 'config.ini');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, cliConfigText(world.hotkey));
    const hotkey = world.hotkey;
    class RacingVault extends MemorySeedVault {
      override async putSeed(ss58: string, seed: Uint8Array): Promise<void> {
        await super.putSeed(ss58, seed);
        await writeFile(file, `${cliConfigText(hotkey)}[new]\nk = v\n`);
      }
    }
    const { appError } = await failureOf(importFrom(file, new RacingVault(), true), 'race');
    expect(appError).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('changed while importing') as unknown,
    });
  });
});
