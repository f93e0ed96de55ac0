import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { createDiscoveryCache, type DiscoveryCache } from './discovery-cache';
import { makeKey, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';
import type { WalletEntry, WalletsScan } from '../../shared/wallets';
import { createWalletFs, type WalletFs } from './wallet-fs';

let key: TestKey;
let other: TestKey;
let root: string;
let previousSink: LogSink | undefined;
let opened = 0;

const real = createWalletFs();
const counting: WalletFs = {
  ...real,
  readCapped: (target, cap) => {
    opened++;
    return real.readCapped(target, cap);
  },
};

// The files are written just before each scan; a clock 10 s ahead lets the cache trust them.
const later = () => Date.now() + 10_000;

async function rescan(cache: DiscoveryCache, verifySeeds = false): Promise<WalletsScan> {
  opened = 0;
  return discoverWallets(root, { cache, verifySeeds }, { fs: counting });
}

const wallet = (scan: WalletsScan): WalletEntry | undefined => scan.wallets.find((w) => w.id === 'm');
const file = (rel: string) => path.join(root, 'm', rel);

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
    ['m/coldkeypub.txt', publicJson(other)],
    ['m/hotkeys/a', hk],
    ['m/hotkeys/b', hk],
    ['m/hotkeys/c', JSON.stringify({ ...key.json, secretSeed: other.json.secretSeed })],
    ['elsewhere', hk],
  ]);
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('a wallet remembered whole between scans', () => {
  it('comes back as the very entry of the last scan, with no file opened', async () => {
    const cache = createDiscoveryCache({ now: later });
    const first = await rescan(cache);
    expect(opened).toBe(4);
    expect(cache.wallets).toBe(1);
    const second = await rescan(cache);
    expect(opened).toBe(0);
    expect(wallet(second)).toBe(wallet(first));
    expect(second).toEqual(await discoverWallets(root));
  });

  const changes: Array<[string, () => Promise<void>]> = [
    [
      'a hotkey rewritten at the same size',
      async () => {
        const rewritten = JSON.stringify({ ...key.json, publicKey: other.json.publicKey });
        expect(rewritten.length).toBe(JSON.stringify(key.json).length);
        await fs.writeFile(file('hotkeys/a'), rewritten);
      },
    ],
    ['a hotkey chmodded', () => fs.chmod(file('hotkeys/a'), 0o644)],
    ['a hotkey added', () => fs.writeFile(file('hotkeys/d'), JSON.stringify(other.json), { mode: 0o600 })],
    ['a hotkey deleted', () => fs.rm(file('hotkeys/b'))],
    ['a hotkey renamed', () => fs.rename(file('hotkeys/b'), file('hotkeys/renamed'))],
    [
      'a hotkey replaced by a link to the same content',
      async () => {
        await fs.rename(file('hotkeys/a'), path.join(root, 'a-target'));
        await fs.symlink(path.join(root, 'a-target'), file('hotkeys/a'));
      },
    ],
    ['a lone public copy added', () => fs.writeFile(file('hotkeys/dpub.txt'), publicJson(other))],
    ['a hidden file added', () => fs.writeFile(file('hotkeys/.swap'), 'x')],
    ['a folder added among the hotkeys', () => fs.mkdir(file('hotkeys/sub'))],
    ['a coldkey file added', () => fs.writeFile(file('coldkey'), '$NACL')],
    ['coldkeypub.txt rewritten', () => fs.writeFile(file('coldkeypub.txt'), publicJson(key))],
    ['coldkeypub.txt deleted', () => fs.rm(file('coldkeypub.txt'))],
    [
      'the hotkeys folder replaced by a file',
      async () => {
        await fs.rm(file('hotkeys'), { recursive: true });
        await fs.writeFile(file('hotkeys'), 'x');
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
    await fs.chmod(file('hotkeys/a'), 0o644);
    const second = await rescan(cache);
    expect(opened).toBe(1);
    const third = await rescan(cache);
    expect(opened).toBe(0);
    expect(wallet(third)).toBe(wallet(second));
  });

  it('is not used for a seed check, and survives one', async () => {
    const cache = createDiscoveryCache({ now: later });
    const plain = await rescan(cache);
    expect(wallet(plain)?.hotkeys.find((h) => h.id === 'c')?.status).toBe('ok');
    const verified = await rescan(cache, true);
    expect(verified.seedsVerified).toBe(true);
    expect(wallet(verified)?.hotkeys.find((h) => h.id === 'c')?.status).toBe('seed-mismatch');
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
