import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { readHotkeyFile, readHotkeySeed } from './hotkey-seed';
import { bytesEqual } from '../signer/bytes';
import { makeKey, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';

let root: string;
let key: TestKey;
let other: TestKey;

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected AppFailure, got ${String(error)}`);
  return error;
}

let previousSink: LogSink | undefined;

beforeAll(async () => {
  previousSink = setLogSink(() => undefined);
  [key, other] = await Promise.all([makeKey(), makeKey()]);
  root = await tempDir();
  await writeTree(root, [
    ['default/hotkeys/good', JSON.stringify(key.json)],
    ['default/hotkeys/no-0x', JSON.stringify({ ...key.json, secretSeed: key.json.secretSeed?.slice(2) })],
    ['default/hotkeys/swapped', JSON.stringify({ ...key.json, secretSeed: other.json.secretSeed })],
    ['default/hotkeys/watchpub.txt', publicJson(key)],
    ['default/hotkeys/enc', '$NACL...'],
    [Buffer.concat([Buffer.from('default/hotkeys/'), Buffer.from([0x66, 0xff, 0x6f])]), JSON.stringify(key.json)],
    ['.secret/hotkeys/good', JSON.stringify(key.json)],
    ['picked/my-hotkey.json', JSON.stringify(key.json)],
    ['picked/huge.json', Buffer.alloc(70 * 1024, 0x7b)],
  ]);
});

afterAll(async () => {
  if (previousSink) setLogSink(previousSink);
  await fs.rm(root, { recursive: true, force: true });
});

describe('readHotkeySeed', () => {
  it('returns the verified seed for ids from the scan', async () => {
    const scan = await discoverWallets(root);
    const good = scan.wallets.find((w) => w.id === 'default')?.hotkeys.find((h) => h.id === 'good');
    expect(good?.hasSeed).toBe(true);
    const result = await readHotkeySeed(root, 'default', 'good');
    expect(result.ss58).toBe(key.ss58);
    expect(bytesEqual(result.seed, key.seed)).toBe(true);
    expect(bytesEqual((await readHotkeySeed(root, 'default', 'no-0x')).seed, key.seed)).toBe(true);
  });

  it('reads hotkeys whose names are not valid UTF-8 by their id', async () => {
    expect((await readHotkeySeed(root, 'default', 'hex:66ff6f')).ss58).toBe(key.ss58);
  });

  it('throws when the seed does not derive the ss58Address', async () => {
    const error = await failure(readHotkeySeed(root, 'default', 'swapped'));
    expect(error.appError.code).toBe('invalid-input');
    expect(error.message).toMatch(/does not belong/);
  });

  it('refuses public-only and encrypted hotkeys with their reason', async () => {
    expect((await failure(readHotkeySeed(root, 'default', 'watchpub.txt'))).message).toMatch(/this file holds no seed/);
    expect((await failure(readHotkeySeed(root, 'default', 'enc'))).message).toMatch(/Encrypted/);
  });

  it.each([
    ['..', 'good'],
    ['default', '../../picked/my-hotkey.json'],
    ['default/hotkeys', 'good'],
    ['hex:2e2e', 'good'],
    ['default', 'hex:2e2e2f2e2e2f70'],
    ['', 'good'],
  ])('rejects traversal attempts (%j, %j)', async (walletId, hotkeyId) => {
    expect((await failure(readHotkeySeed(root, walletId, hotkeyId))).appError.code).toBe('invalid-input');
  });

  it('only serves names the scan lists: no dot-folders, unknown names or non-hotkeys', async () => {
    expect((await failure(readHotkeySeed(root, '.secret', 'good'))).appError.code).toBe('not-found');
    expect((await failure(readHotkeySeed(root, 'default', 'nope'))).appError.code).toBe('not-found');
    expect((await failure(readHotkeySeed(root, 'picked', 'my-hotkey.json'))).appError.code).toBe('not-found');
    expect((await failure(readHotkeySeed(path.join(root, 'missing'), 'default', 'good'))).appError.code).toBe(
      'not-found',
    );
  });
});

describe('readHotkeyFile', () => {
  it('reads a file the user picked and suggests a name', async () => {
    const result = await readHotkeyFile(path.join(root, 'picked/my-hotkey.json'));
    expect(result.ss58).toBe(key.ss58);
    expect(result.suggestedName).toBe('my-hotkey');
    expect(bytesEqual(result.seed, key.seed)).toBe(true);
  });

  it('applies the same validation', async () => {
    expect((await failure(readHotkeyFile(path.join(root, 'default/hotkeys/swapped')))).message).toMatch(
      /does not belong/,
    );
    expect((await failure(readHotkeyFile(path.join(root, 'picked/huge.json')))).message).toMatch(/larger than 64 KiB/);
    expect((await failure(readHotkeyFile(path.join(root, 'picked')))).message).toMatch(/not a regular file/);
    expect((await failure(readHotkeyFile(path.join(root, 'nope.json')))).appError.code).toBe('not-found');
  });

  it('names the resolved path of a file that is not there', async () => {
    const missing = await failure(readHotkeyFile(path.join(root, 'picked', '..', 'nope.json')));
    expect(missing.appError).toMatchObject({
      code: 'not-found',
      message: `There is no hotkey file at ${path.join(root, 'nope.json')}.`,
    });
  });
});
