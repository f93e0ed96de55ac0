import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../log';
import { discoverWallets } from './discover';
import { cacheKey, createDiscoveryCache } from './discovery-cache';
import { memosFromText, SAVED_SCAN_FILES, savedScanText } from './saved-scan';
import { makeKey, openingFs, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';
import { createWalletScans } from './wallet-scans';
import type { WalletsScan } from '../../shared/wallets';

let key: TestKey;
let other: TestKey;
let root: string;
let data: string;
let logLines: string[];
/** The app version each run is (a saved scan is for the version that saved it). */
let app: string;
/** Key files opened since the last `run`, by path relative to the wallets folder. */
let opened: string[];

const counting = openingFs((target) => opened.push(path.relative(root, target)));

// Files here are written moments before each scan; a clock 10 s ahead makes them old enough to
// remember (file-stamp.ts, SETTLE_MS).
const later = () => Date.now() + 10_000;

/** One run of the app: a fresh cache, the first listWallets, then the save it leaves behind. */
async function run(): Promise<WalletsScan> {
  opened = [];
  const scans = createWalletScans(() => root, createDiscoveryCache({ now: later }), {
    savedScan: { dir: data, app },
    fs: counting,
  });
  const scan = await scans.list();
  await scans.flushSave();
  return scan;
}

const savedFile = () => path.join(data, SAVED_SCAN_FILES.main);
/** What a scan from nothing finds now (no cache, nothing saved). */
const fresh = () => discoverWallets(root, {}, { helper: false });

beforeAll(async () => {
  [key, other] = await Promise.all([makeKey(), makeKey()]);
});

beforeEach(async () => {
  logLines = [];
  app = '1.0.0';
  const previous = setLogSink((line) => logLines.push(line));
  root = await tempDir();
  data = await tempDir('chutes-data-');
  const hk = JSON.stringify(key.json);
  await writeTree(root, [
    ['alice/coldkeypub.txt', publicJson(other)],
    ['alice/hotkeys/default', hk],
    ['alice/hotkeys/second', JSON.stringify(other.json)],
    ['alice/hotkeys/watch', publicJson(key)],
    ['bob/coldkeypub.txt', publicJson(key)],
    ['bob/hotkeys/default', hk],
    [Buffer.from('caf\xe9/hotkeys/n\xfcl', 'latin1'), hk],
  ]);
  return async () => {
    setLogSink(previous);
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(data, { recursive: true, force: true });
  };
});

describe('the wallet scan saved for the next run', () => {
  it('lets a fresh app list unchanged wallets without opening a key file, with the same result', async () => {
    const first = await run();
    expect(first).toEqual(await fresh());
    expect(opened).toHaveLength(7);
    const stat = await fs.stat(savedFile());
    expect(stat.mode & 0o777).toBe(0o600);
    const text = await fs.readFile(savedFile(), 'utf8');
    // What the list shows and file stamps; never a seed, a private key or a phrase.
    for (const secret of [key.json.secretSeed, key.json.privateKey, key.json.secretPhrase, other.json.secretSeed])
      expect(text).not.toContain((secret ?? '').replace(/^0x/, ''));

    expect(await run()).toEqual(first);
    expect(opened).toEqual([]);
    expect(logLines.join('\n')).toContain('wallet scan: 3 wallets remembered from the last run');
    // Nothing changed, so nothing was written again.
    expect((await fs.stat(savedFile())).ino).toBe(stat.ino);
  });

  it('reads again what changed while the app was closed: content, mode, a hotkey gone, a wallet added', async () => {
    await run();
    await fs.writeFile(path.join(root, 'alice/hotkeys/second'), publicJson(other));
    await fs.chmod(path.join(root, 'bob/hotkeys/default'), 0o644);
    await writeTree(root, [['carol/hotkeys/default', JSON.stringify(other.json)]]);
    await fs.rm(Buffer.from(path.join(root, 'caf\xe9'), 'latin1'), { recursive: true });
    const scan = await run();
    expect(scan).toEqual(await fresh());
    const alice = scan.wallets.find((w) => w.name === 'alice');
    expect(alice?.hotkeys.find((h) => h.name === 'second')?.status).toBe('public-only');
    const bob = scan.wallets.find((w) => w.name === 'bob');
    expect(bob?.hotkeys[0]?.permissions).toEqual({ status: 'too-open', mode: 0o644 });
    expect(scan.wallets.map((w) => w.name)).toEqual(['alice', 'bob', 'carol']);
    // The changed wallets are read whole; nothing else is opened.
    expect(opened.sort()).toEqual(
      [
        'alice/coldkeypub.txt',
        'alice/hotkeys/default',
        'alice/hotkeys/second',
        'alice/hotkeys/watch',
        'bob/coldkeypub.txt',
        'bob/hotkeys/default',
        'carol/hotkeys/default',
      ].sort(),
    );
    // And that run saved what it found: the next one opens nothing.
    expect(await run()).toEqual(scan);
    expect(opened).toEqual([]);
  });

  it('remembers wallet and hotkey names that are not UTF-8', async () => {
    await run();
    await run();
    expect(opened).toEqual([]);
    const text = await fs.readFile(savedFile(), 'utf8');
    const memos = memosFromText(text, path.sep, { rootKey: cacheKey(Buffer.from(root)), app });
    const memo = memos?.find(([walletKey]) => walletKey.endsWith('caf\xe9'));
    expect(memo?.[1].files).toEqual(['n\xfcl']);
  });

  it('is for one wallets folder: another folder starts from nothing', async () => {
    await run();
    const previous = root;
    root = await tempDir();
    try {
      execFileSync('cp', ['-a', `${previous}/.`, root]);
      await run();
      expect(opened).toHaveLength(7);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
      root = previous;
    }
  });

  it('is for the app version that saved it: another version reads the files', async () => {
    await run();
    app = '1.0.1';
    expect(await run()).toEqual(await fresh());
    expect(opened).toHaveLength(7);
    // And saves for itself.
    await run();
    expect(opened).toEqual([]);
  });

  it.each([
    ['not JSON, quoting nothing of it', 'my db password is hunter2', 'not valid JSON'],
    ['another version', JSON.stringify({ version: 99, root: 'x', wallets: [] }), null],
    ['too large', null, 'larger than'],
  ])('is ignored when it is %s, and the scan reads the files', async (_what, content, logged) => {
    await fs.mkdir(data, { recursive: true });
    await fs.writeFile(savedFile(), content ?? '');
    // A sparse file past the 64 MiB cap.
    if (content === null) await fs.truncate(savedFile(), 65 * 1024 * 1024);
    expect(await run()).toEqual(await fresh());
    expect(opened).toHaveLength(7);
    const log = logLines.join('\n');
    if (logged) expect(log).toContain(`saved wallet scan ${SAVED_SCAN_FILES.main} not used: ${logged}`);
    expect(log).not.toContain('hunter2');
  });

  it('never waits on a FIFO planted in its place', async () => {
    execFileSync('mkfifo', [savedFile()]);
    expect(await run()).toEqual(await fresh());
    expect(logLines.join('\n')).toContain('not used: not a regular file');
  });

  it('uses the records that are whole and reads the wallets of those that are not', async () => {
    await run();
    const file = JSON.parse(await fs.readFile(savedFile(), 'utf8')) as { wallets: unknown[][] };
    const at = (name: string) => file.wallets.findIndex((w) => w[0] === name);
    (file.wallets[at('alice')] ?? [])[5] = [1, 2, 3]; // stamps that do not fit the files
    (file.wallets[at('bob')] ?? [])[6] = { id: 'bob' }; // an entry that is not one
    await fs.writeFile(savedFile(), JSON.stringify(file));
    expect(await run()).toEqual(await fresh());
    expect(opened.map((p) => p.split(path.sep)[0]).sort()).toEqual(['alice', 'alice', 'alice', 'alice', 'bob', 'bob']);
  });

  type Entry = { id: string; coldkey: unknown; hotkeys: Array<Record<string, unknown>> } & Record<string, unknown>;
  it.each<[string, (entry: Entry) => void]>([
    ['a hotkey that is null', (e) => (e.hotkeys[0] = null as unknown as Record<string, unknown>)],
    ['no coldkey object', (e) => (e.coldkey = null)],
    ['another wallet’s id', (e) => (e.id = 'alice')],
    ['a hotkey status the app does not know', (e) => ((e.hotkeys[0] ?? {}).status = 'fine')],
    ['a mode that is not one', (e) => ((e.hotkeys[0] ?? {}).permissions = { status: 'private', mode: 4096 })],
    ['one hotkey too few', (e) => e.hotkeys.pop()],
  ])('never shows nor fails on a saved entry with %s: that wallet is read again', async (_what, damage) => {
    await run();
    const file = JSON.parse(await fs.readFile(savedFile(), 'utf8')) as { wallets: unknown[][] };
    const bob = file.wallets.find((w) => w[0] === 'bob') ?? [];
    damage(bob[6] as Entry);
    await fs.writeFile(savedFile(), JSON.stringify(file));
    expect(await run()).toEqual(await fresh());
    expect(opened.sort()).toEqual(['bob/coldkeypub.txt', 'bob/hotkeys/default']);
  });

  it('drops fields a saved entry should not have, still using it', async () => {
    await run();
    const file = JSON.parse(await fs.readFile(savedFile(), 'utf8')) as { wallets: unknown[][] };
    const entry = (file.wallets.find((w) => w[0] === 'bob') ?? [])[6] as Entry;
    entry.note = '<img src=x>';
    (entry.hotkeys[0] ?? {}).note = 'x';
    await fs.writeFile(savedFile(), JSON.stringify(file));
    expect(await run()).toEqual(await fresh());
    expect(opened).toEqual([]);
  });

  it('saves what a scan left, even when a seed check (which keeps no memos) follows before the save', async () => {
    opened = [];
    const scans = createWalletScans(() => root, createDiscoveryCache({ now: later }), {
      savedScan: { dir: data, app },
      fs: counting,
      saveDelayMs: 60_000,
    });
    await scans.list();
    await scans.list({ verifySeeds: true });
    await scans.flushSave();
    const saved = memosFromText(await fs.readFile(savedFile(), 'utf8'), path.sep, {
      rootKey: cacheKey(Buffer.from(root)),
      app,
    });
    expect(saved).toHaveLength(3);
  });

  it('keeps a wallet whose coldkeypub.txt is a dangling link, without saving it again at every scan', async () => {
    await fs.rm(path.join(root, 'bob/coldkeypub.txt'));
    await fs.symlink(path.join(root, 'nowhere'), path.join(root, 'bob/coldkeypub.txt'));
    await run();
    const { ino } = await fs.stat(savedFile());
    const scan = await run();
    expect(scan.wallets.find((w) => w.name === 'bob')?.coldkey.status).toBe('missing');
    expect(opened).toEqual([]);
    expect((await fs.stat(savedFile())).ino).toBe(ino);
  });
});

describe('savedScanText', () => {
  it('leaves out memos of wallets outside the folder', async () => {
    const cache = createDiscoveryCache({ now: later });
    await discoverWallets(root, { cache }, { helper: false });
    const memos = cache.savedMemos();
    expect(memos).toHaveLength(3);
    const parent = { rootKey: cacheKey(Buffer.from(path.dirname(root))), app };
    const { wallets, text } = savedScanText(memos, parent, path.sep);
    expect(wallets).toBe(0);
    expect(memosFromText(text, path.sep, parent)).toEqual([]);
    expect(savedScanText(memos, { rootKey: cacheKey(Buffer.from(root)), app }, path.sep).wallets).toBe(3);
  });
});
