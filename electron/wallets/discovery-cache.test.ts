import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { createDiscoveryCache, type DiscoveryCache } from './discovery-cache';
import { makeKey, openingFs, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';
import type { HotkeyEntry, WalletEntry, WalletsScan } from '../../shared/wallets';
import { createWalletFs, type WalletFs } from './wallet-fs';

let key: TestKey;
let other: TestKey;
let root: string;
let previousSink: LogSink | undefined;
/** File names (last path component) each scan opened, in order; a name with nothing there is not counted. */
let opened: string[];

const real = createWalletFs();
const counting = openingFs((target) => opened.push(path.basename(target)));

// Files here are written moments before each scan; a clock 10 s ahead makes them old enough to
// cache (see RACY_MS). One test below uses the real clock to check that rule itself.
const later = () => Date.now() + 10_000;

async function rescan(cache: DiscoveryCache, verifySeeds = false): Promise<WalletsScan> {
  opened = [];
  return discoverWallets(root, { cache, verifySeeds }, { fs: counting });
}

const hotkeys = (scan: WalletsScan): HotkeyEntry[] => scan.wallets.find((w) => w.id === 'w')?.hotkeys ?? [];
const hotkey = (scan: WalletsScan, id: string) => hotkeys(scan).find((h) => h.id === id);
const file = (rel: string) => path.join(root, 'w', rel);

beforeAll(async () => {
  [key, other] = await Promise.all([makeKey(), makeKey()]);
  previousSink = setLogSink(() => undefined);
  return () => {
    if (previousSink) setLogSink(previousSink);
  };
});

beforeEach(async () => {
  root = await tempDir();
  const hk = JSON.stringify(key.json);
  await writeTree(root, [
    ['w/coldkeypub.txt', publicJson(other)],
    ['w/hotkeys/rewritten', hk],
    ['w/hotkeys/chmodded', hk],
    ['w/hotkeys/replaced', hk],
    ['w/hotkeys/deleted', hk],
    ['w/hotkeys/unchanged', hk],
    ['w/hotkeys/swapped-seed', JSON.stringify({ ...key.json, secretSeed: other.json.secretSeed })],
    ['targets/one', hk],
    ['targets/two', JSON.stringify(other.json)],
  ]);
  await fs.symlink(path.join(root, 'targets/one'), file('hotkeys/linked'));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('discovery rescan cache', () => {
  it('gives the uncached result, and a rescan of unchanged files opens none of them', async () => {
    const cache = createDiscoveryCache({ now: later });
    const fresh = await discoverWallets(root);
    expect(await rescan(cache)).toEqual(fresh);
    expect(opened).toHaveLength(8);
    expect(await rescan(cache)).toEqual(fresh);
    expect(opened).toEqual([]);
  });

  it('re-reads exactly the files that were rewritten, chmodded, replaced, retargeted or added', async () => {
    const cache = createDiscoveryCache({ now: later });
    const first = await rescan(cache);
    expect(hotkey(first, 'rewritten')).toMatchObject({ status: 'ok', ss58: key.ss58 });

    // Same size, new content and mtime: another key's publicKey is the same length.
    const rewritten = JSON.stringify({ ...key.json, publicKey: other.json.publicKey });
    expect(rewritten.length).toBe(JSON.stringify(key.json).length);
    await fs.writeFile(file('hotkeys/rewritten'), rewritten);
    await fs.utimes(file('hotkeys/rewritten'), new Date(), new Date(Date.now() + 5_000));
    await fs.chmod(file('hotkeys/chmodded'), 0o644);
    // A new inode renamed over the old name, as editors and btcli's atomic writes do.
    await fs.writeFile(file('hotkeys/.tmp'), JSON.stringify(other.json), { mode: 0o600 });
    await fs.rename(file('hotkeys/.tmp'), file('hotkeys/replaced'));
    await fs.rm(file('hotkeys/deleted'));
    await fs.writeFile(file('hotkeys/added'), JSON.stringify(key.json), { mode: 0o600 });
    await fs.rm(file('hotkeys/linked'));
    await fs.symlink(path.join(root, 'targets/two'), file('hotkeys/linked'));

    const second = await rescan(cache);
    expect(opened.sort()).toEqual(['added', 'chmodded', 'linked', 'replaced', 'rewritten']);
    expect(second).toEqual(await discoverWallets(root));
    expect(hotkey(second, 'rewritten')).toMatchObject({ status: 'seed-mismatch' });
    expect(hotkey(second, 'chmodded')?.permissions).toEqual({ status: 'too-open', mode: 0o644 });
    expect(hotkey(second, 'replaced')?.ss58).toBe(other.ss58);
    expect(hotkey(second, 'linked')?.ss58).toBe(other.ss58);
    expect(hotkey(second, 'added')).toMatchObject({ status: 'ok', ss58: key.ss58 });
    expect(hotkey(second, 'deleted')).toBeUndefined();
    // Bounded by the latest scan: the deleted file's entry is gone.
    expect(cache.size).toBe(8);
  });

  it('drops a removed wallet, and everything once the folder is gone', async () => {
    const cache = createDiscoveryCache({ now: later });
    await rescan(cache);
    expect(cache.size).toBe(8);
    await fs.rm(path.join(root, 'w'), { recursive: true });
    expect((await rescan(cache)).wallets.map((w) => w.id)).toEqual(['targets']);
    expect(cache.size).toBe(0);
    await fs.rm(root, { recursive: true });
    expect((await rescan(cache)).status).toBe('missing');
    expect(cache.size).toBe(0);
  });

  it('re-reads seed files for verifySeeds when only an unverified scan cached them', async () => {
    const cache = createDiscoveryCache({ now: later });
    expect(hotkey(await rescan(cache), 'swapped-seed')?.status).toBe('ok');
    const verified = await rescan(cache, true);
    expect(opened).toHaveLength(7); // every hotkey holds a seed; coldkeypub.txt does not
    expect(verified).toEqual(await discoverWallets(root, { verifySeeds: true }));
    expect(hotkey(verified, 'swapped-seed')?.status).toBe('seed-mismatch');
    expect(await rescan(cache, true)).toEqual(verified);
    expect(opened).toEqual([]);
    // Without verifySeeds the verdict is not shown, exactly as an uncached scan would say.
    expect(hotkey(await rescan(cache), 'swapped-seed')?.status).toBe('ok');
    expect(opened).toEqual([]);
  });

  it('holds no seed material, only what the scan result shows', async () => {
    const cache = createDiscoveryCache({ now: later });
    await rescan(cache, true);
    const held = JSON.stringify(cache.facts());
    for (const secret of [key.json.secretSeed, key.json.privateKey, key.json.secretPhrase, other.json.secretSeed]) {
      expect(held).not.toContain(secret?.slice(2));
    }
    // Strings, booleans and nulls only: no byte arrays that could be a seed under another name.
    for (const value of cache.facts().flatMap((facts): unknown[] => Object.values(facts))) {
      expect(value === null || typeof value === 'string' || typeof value === 'boolean').toBe(true);
    }
  });

  it('does not trust files changed within the timestamp granularity of the read', async () => {
    const cache = createDiscoveryCache(); // the real clock: every file here was just written
    await rescan(cache);
    await rescan(cache);
    expect(opened).toHaveLength(8);
    expect(cache.size).toBe(0);
  });
});

describe('a wallet remembered whole between scans', () => {
  const mfile = (rel: string) => path.join(root, 'm', rel);
  const wallet = (scan: WalletsScan): WalletEntry | undefined => scan.wallets.find((w) => w.id === 'm');
  // Beside the folder above (whose link keeps its wallet from being remembered whole): one of plain files.
  beforeEach(async () => {
    const hk = JSON.stringify(key.json);
    await writeTree(root, [
      ['m/coldkeypub.txt', publicJson(other)],
      ['m/hotkeys/ma', hk],
      ['m/hotkeys/mb', hk],
      ['m/hotkeys/mc', JSON.stringify({ ...key.json, secretSeed: other.json.secretSeed })],
    ]);
  });

  it('comes back as the very entry of the last scan, with no file opened', async () => {
    const cache = createDiscoveryCache({ now: later });
    const first = await rescan(cache);
    expect(opened).toContain('ma');
    expect(cache.wallets).toBe(1);
    const second = await rescan(cache);
    expect(opened).toEqual([]);
    expect(wallet(second)).toBe(wallet(first));
    expect(second).toEqual(await discoverWallets(root));
  });

  const changes: Array<[string, () => Promise<void>]> = [
    [
      'a hotkey rewritten at the same size',
      async () => {
        const rewritten = JSON.stringify({ ...key.json, publicKey: other.json.publicKey });
        expect(rewritten.length).toBe(JSON.stringify(key.json).length);
        await fs.writeFile(mfile('hotkeys/ma'), rewritten);
      },
    ],
    ['a hotkey chmodded', () => fs.chmod(mfile('hotkeys/ma'), 0o644)],
    ['a hotkey added', () => fs.writeFile(mfile('hotkeys/md'), JSON.stringify(other.json), { mode: 0o600 })],
    ['a hotkey deleted', () => fs.rm(mfile('hotkeys/mb'))],
    ['a hotkey renamed', () => fs.rename(mfile('hotkeys/mb'), mfile('hotkeys/mrenamed'))],
    [
      'a hotkey replaced by a link to the same content',
      async () => {
        await fs.rename(mfile('hotkeys/ma'), path.join(root, 'ma-target'));
        await fs.symlink(path.join(root, 'ma-target'), mfile('hotkeys/ma'));
      },
    ],
    ['a lone public copy added', () => fs.writeFile(mfile('hotkeys/mdpub.txt'), publicJson(other))],
    ['a hidden file added', () => fs.writeFile(mfile('hotkeys/.swap'), 'x')],
    ['a folder added among the hotkeys', () => fs.mkdir(mfile('hotkeys/sub'))],
    ['a coldkey file added', () => fs.writeFile(mfile('coldkey'), '$NACL')],
    ['coldkeypub.txt rewritten', () => fs.writeFile(mfile('coldkeypub.txt'), publicJson(key))],
    ['coldkeypub.txt deleted', () => fs.rm(mfile('coldkeypub.txt'))],
    [
      'the hotkeys folder replaced by a file',
      async () => {
        await fs.rm(mfile('hotkeys'), { recursive: true });
        await fs.writeFile(mfile('hotkeys'), 'x');
      },
    ],
  ];

  it.each(changes)('is scanned again after %s, giving what an uncached scan gives', async (_, change) => {
    const cache = createDiscoveryCache({ now: later });
    const first = await rescan(cache);
    await change();
    const second = await rescan(cache);
    expect(second).toEqual(await discoverWallets(root));
    // Scanned anew, not reused (a link, a hidden file or a folder leaves the entry itself as it was).
    expect(wallet(second)).not.toBe(wallet(first));
  });

  it('is remembered again once scanned after a change', async () => {
    const cache = createDiscoveryCache({ now: later });
    await rescan(cache);
    await fs.chmod(mfile('hotkeys/ma'), 0o644);
    const second = await rescan(cache);
    expect(opened).toEqual(['ma']);
    const third = await rescan(cache);
    expect(opened).toEqual([]);
    expect(wallet(third)).toBe(wallet(second));
  });

  it('is not used for a seed check, and survives one', async () => {
    const cache = createDiscoveryCache({ now: later });
    const plain = await rescan(cache);
    expect(wallet(plain)?.hotkeys.find((h) => h.id === 'mc')?.status).toBe('ok');
    const verified = await rescan(cache, true);
    expect(verified.seedsVerified).toBe(true);
    expect(wallet(verified)?.hotkeys.find((h) => h.id === 'mc')?.status).toBe('seed-mismatch');
    expect(await rescan(cache)).toEqual(plain);
  });

  it('is not kept for files changed within the timestamp granularity', async () => {
    const cache = createDiscoveryCache();
    await rescan(cache);
    expect(cache.wallets).toBe(0);
  });

  it('is dropped with its wallet', async () => {
    const cache = createDiscoveryCache({ now: later });
    await rescan(cache);
    expect(cache.wallets).toBe(1);
    await fs.rm(path.join(root, 'm'), { recursive: true });
    await rescan(cache);
    expect(cache.wallets).toBe(0);
  });

  it('is checked without holding the event loop longer than a slice, even for one big wallet', async () => {
    await writeTree(
      root,
      Array.from({ length: 300 }, (_, i): [string, string] => [`many/hotkeys/hk${i}`, '{}']),
    );
    const cache = createDiscoveryCache({ now: later });
    await discoverWallets(root, { cache }, { sliceMs: 5 });
    let stats = 0;
    const slow: WalletFs = {
      ...real,
      // Each stat takes ~1 ms, so checking 300 of them overruns a 5 ms slice many times over.
      stat: (target) => {
        stats++;
        const until = performance.now() + 1;
        while (performance.now() < until);
        return real.stat(target);
      },
    };
    let turns = 0;
    const interval = setInterval(() => turns++, 1);
    const again = await discoverWallets(root, { cache }, { fs: slow, sliceMs: 5 });
    clearInterval(interval);
    expect(again.wallets.find((w) => w.id === 'many')?.hotkeys).toHaveLength(300);
    expect(stats).toBeGreaterThanOrEqual(300);
    expect(turns).toBeGreaterThan(20);
  });
});
