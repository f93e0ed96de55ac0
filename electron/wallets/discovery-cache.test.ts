import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { createDiscoveryCache, type DiscoveryCache } from './discovery-cache';
import { makeKey, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';
import type { HotkeyEntry, WalletsScan } from '../../shared/wallets';
import { createWalletFs, type WalletFs } from './wallet-fs';

let key: TestKey;
let other: TestKey;
let root: string;
let previousSink: LogSink | undefined;
/** File names (last path component) each scan opened, in order; a name with nothing there is not counted. */
let opened: string[];

const real = createWalletFs();
const counting: WalletFs = {
  ...real,
  readCapped: (target, cap) => {
    const read = real.readCapped(target, cap);
    opened.push(path.basename(target.toString('latin1')));
    return read;
  },
};

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
