import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { createDiscoveryCache } from './discovery-cache';
import { helperRunning, prepareScanHelper, stopScanHelper } from './parallel-scan';
import {
  MIN_WALLETS_FOR_HELPER,
  endReceived,
  newReceivedEntries,
  runScanJob,
  unpackBatch,
  type JobBatch,
  type JobResult,
} from './scan-job';
import { makeKey, openingFs, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';
import type { WalletsScan } from '../../shared/wallets';
import { createWalletFs, type WalletFs } from './wallet-fs';
import { SAVED_SCAN_FILES } from './saved-scan';
import { createWalletScans } from './wallet-scans';

const WALLETS = MIN_WALLETS_FOR_HELPER + 8;
let root: string;
let key: TestKey;
let alone: WalletsScan;
let previousSink: LogSink | undefined;
const logLines: string[] = [];

/** Every kind of hotkey status in each wallet, so the helper's entries are compared on all of them. */
beforeAll(async () => {
  previousSink = setLogSink((line) => logLines.push(line));
  key = await makeKey();
  root = await tempDir();
  const hk = JSON.stringify(key.json);
  const files: Array<[string | Buffer, string | Buffer]> = [];
  for (let w = 0; w < WALLETS; w++) {
    files.push(
      [`w${w}/coldkeypub.txt`, publicJson(key)],
      [`w${w}/hotkeys/ok`, hk],
      [`w${w}/hotkeys/watchpub.txt`, publicJson(key)],
      [`w${w}/hotkeys/enc`, '$NACL\x00\x01'],
      [`w${w}/hotkeys/broken`, '{"ss58Address": "5G'],
      [Buffer.from(`w${w}/hotkeys/f\xffo`, 'latin1'), hk],
    );
  }
  files.push(['coldkey-only/coldkeypub.txt', publicJson(key)]);
  await writeTree(root, files);
  // Rescan caches, the helper's own included, skip files changed in the last 2 s (RACY_MS).
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  alone = await discoverWallets(root, {}, { helper: false });
});

afterAll(async () => {
  if (previousSink) setLogSink(previousSink);
  await fs.rm(root, { recursive: true, force: true });
});

/** Key files a scan opens, counted. */
function countingFs(): { fs: WalletFs; opened: () => number } {
  let opened = 0;
  return { fs: openingFs(() => opened++), opened: () => opened };
}

/** Key files per wallet of the tree above: coldkeypub.txt and five hotkey files. */
const FILES_PER_WALLET = 6;

const helpedCount = (lines: string[]) => Number(/(\d+) wallets by the helper thread/.exec(lines.join('\n'))?.[1] ?? 0);

async function job(
  shared: SharedArrayBuffer,
  cache = createDiscoveryCache(),
  fs = createWalletFs(),
  received = newReceivedEntries(),
): Promise<{ batches: JobBatch[]; wallets: JobResult }> {
  const names = alone.wallets.map((w) => Buffer.from(w.id.startsWith('hex:') ? w.id.slice(4) : w.id, 'utf8'));
  const batches: JobBatch[] = [];
  await runScanJob(
    { id: 7, root: Buffer.from(root), names, shared, platform: process.platform },
    (b) => batches.push(b),
    cache,
    fs,
  );
  const wallets = batches.flatMap((batch) => unpackBatch(batch.json, received));
  endReceived(received);
  return { batches, wallets };
}

describe('a first scan shared with the helper thread', () => {
  it('gives exactly the result of the main thread alone, with the helper thread doing part of it', async () => {
    expect(alone.wallets).toHaveLength(WALLETS + 1);
    expect(await prepareScanHelper()).toBe(true);
    logLines.length = 0;
    // The main thread waits for the helper to join and pauses before every wallet, so the helper
    // is sure to claim some of these few small ones.
    expect(await discoverWallets(root, {}, { sliceMs: 0, helper: 'wait' })).toEqual(alone);
    expect(helpedCount(logLines)).toBeGreaterThan(0);
  });

  it("caches the main thread's share of a first scan; the helper's share stays in the helper", async () => {
    await stopScanHelper(); // a new helper, whose own cache is empty too: the app's first scan
    const later = () => Date.now() + 10_000;
    const helped = createDiscoveryCache({ now: later });
    const single = createDiscoveryCache({ now: later });
    logLines.length = 0;
    await discoverWallets(root, { cache: helped }, { sliceMs: 0, helper: 'wait' });
    const byHelper = helpedCount(logLines);
    expect(byHelper).toBeGreaterThan(0);
    await discoverWallets(root, { cache: single }, { helper: false });
    expect(helped.size).toBe(single.size - byHelper * FILES_PER_WALLET);
    expect(single.facts()).toEqual(expect.arrayContaining(helped.facts()));
    // A rescan the helper cannot join (a test fs keeps it out) opens exactly the helper's share.
    const counting = countingFs();
    expect(await discoverWallets(root, { cache: helped }, { fs: counting.fs })).toEqual(alone);
    expect(counting.opened()).toBe(byHelper * FILES_PER_WALLET);
    // Which it now holds: the next such rescan opens nothing.
    const again = countingFs();
    expect(await discoverWallets(root, { cache: helped }, { fs: again.fs })).toEqual(alone);
    expect(again.opened()).toBe(0);
  });

  it("shares rescans too, each side's files stat'ed from its own cache, none dropped from the main one", async () => {
    await stopScanHelper(); // as in the app: the main cache and the helper's start empty together
    const cache = createDiscoveryCache();
    logLines.length = 0;
    await discoverWallets(root, { cache }, { sliceMs: 0, helper: 'wait' });
    const first = helpedCount(logLines);
    const size = cache.size;
    logLines.length = 0;
    expect(await discoverWallets(root, { cache }, { sliceMs: 0, helper: 'wait' })).toEqual(alone);
    const second = helpedCount(logLines);
    expect(second).toBeGreaterThan(0);
    expect(cache.size).toBeGreaterThanOrEqual(size); // the helper's wallets did not drop main-cached files
    // The main thread alone now opens exactly the wallets the helper scanned both times (both
    // shares are taken from the back, so that is the smaller of the two).
    const counting = countingFs();
    expect(await discoverWallets(root, { cache }, { fs: counting.fs })).toEqual(alone);
    expect(counting.opened()).toBe(Math.min(first, second) * FILES_PER_WALLET);
  });

  it("keeps its own cache between jobs: an unchanged share is read once, then only stat'ed", async () => {
    const kept = createDiscoveryCache();
    const received = newReceivedEntries();
    const counting = countingFs();
    const first = await job(new SharedArrayBuffer(8), kept, counting.fs, received);
    expect(counting.opened()).toBe(alone.wallets.length * FILES_PER_WALLET - FILES_PER_WALLET + 1);
    const again = countingFs();
    const second = await job(new SharedArrayBuffer(8), kept, again.fs, received);
    expect(second.wallets).toEqual(first.wallets);
    expect(again.opened()).toBe(0); // every file a cache hit
    // Unchanged wallets cross as the serials they were first sent under, not as entries again.
    // (Only a wallet with a hotkeys folder is remembered whole.)
    expect(second.batches.map((b) => b.json).join('')).not.toContain('"hotkeysFolder":"ok"');
    expect(first.batches.map((b) => b.json).join('')).toContain('"hotkeysFolder":"ok"');
  });

  it('leaves out a wallet sent by a serial the main thread no longer holds, for the main thread to scan', async () => {
    const kept = createDiscoveryCache();
    const first = await job(new SharedArrayBuffer(8), kept);
    expect(first.wallets.length).toBeGreaterThan(1);
    // A receiver that never saw the first job (as after a restart of the main side's records).
    const second = await job(new SharedArrayBuffer(8), kept, createWalletFs(), newReceivedEntries());
    // Only the wallet with no hotkeys folder (never remembered whole) comes as an entry again.
    expect(second.wallets.map(([, wallet]) => wallet.id)).toEqual(['coldkey-only']);
  });

  it('runs the same scan in the helper: entries by claim index, without seeds', async () => {
    const { batches, wallets } = await job(new SharedArrayBuffer(8));
    expect(batches.at(-1)?.done).toBe(true);
    expect(wallets.map(([at]) => at).sort((a, b) => a - b)).toEqual(alone.wallets.map((_, i) => i));
    for (const [at, wallet] of wallets) expect(wallet).toEqual(alone.wallets[at]);
    const text = batches.map((b) => b.json).join('\n');
    for (const secret of [key.json.secretSeed, key.json.privateKey, key.json.secretPhrase])
      expect(text).not.toContain((secret ?? '').slice(2));
  });

  it('loses no wallet when the helper thread dies in the middle of a scan', async () => {
    logLines.length = 0;
    // The helper sleeps 50 ms inside each wallet it claims, so it is stopped holding one.
    const scanning = discoverWallets(root, {}, { sliceMs: 0, helper: 'wait', helperPauseMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stopScanHelper();
    expect(await scanning).toEqual(alone);
    expect(logLines.join('\n')).toContain('wallet scan helper stopped');
    expect(await prepareScanHelper()).toBe(true); // and a new one starts for the next scan
  });

  it('claims nothing once the main thread has finished without it', async () => {
    const shared = new SharedArrayBuffer(8);
    Atomics.store(new Int32Array(shared), 1, 2); // the main thread closed the job
    const { batches, wallets } = await job(shared);
    expect(batches).toHaveLength(1);
    expect(wallets).toEqual([]);
  });

  it('leaves the wallets the main thread claimed to it', async () => {
    const shared = new SharedArrayBuffer(8);
    Atomics.store(new Int32Array(shared), 0, WALLETS - 3); // the main thread took all but the last four
    const { wallets } = await job(shared);
    // The helper takes from the back.
    expect(wallets.map(([at]) => at)).toEqual([WALLETS, WALLETS - 1, WALLETS - 2, WALLETS - 3]);
  });

  it('saves its share of a scan for the next run; a fresh app adopts both shares, then folds them into one', async () => {
    await stopScanHelper();
    const data = await tempDir('chutes-data-');
    try {
      const later = () => Date.now() + 10_000;
      const first = createWalletScans(() => root, createDiscoveryCache({ now: later }), {
        savedScan: { dir: data, app: '1.0.0' },
        sliceMs: 0,
        helper: 'wait',
      });
      logLines.length = 0;
      expect(await first.list()).toEqual(alone);
      const byHelper = helpedCount(logLines);
      expect(byHelper).toBeGreaterThan(0);
      await first.flushSave();
      // The helper writes its part after its last batch, on its own time.
      const helperFile = path.join(data, SAVED_SCAN_FILES.helper);
      await expect
        .poll(() =>
          fs.stat(helperFile).then(
            () => true,
            () => false,
          ),
        )
        .toBe(true);

      // A fresh app: a new cache, and a test fs (which also keeps the helper out) counting opens.
      const counting = countingFs();
      const next = createWalletScans(() => root, createDiscoveryCache({ now: later }), {
        savedScan: { dir: data, app: '1.0.0' },
        fs: counting.fs,
      });
      logLines.length = 0;
      expect(await next.list()).toEqual(alone);
      // Only coldkey-only/coldkeypub.txt: a wallet without a hotkeys folder is never remembered whole.
      expect(counting.opened()).toBe(1);
      expect(logLines.join('\n')).toContain(`wallet scan: ${WALLETS} wallets remembered from the last run`);
      await next.flushSave();
      await expect(fs.stat(helperFile)).rejects.toThrow(/ENOENT/);
      // A fresh app as it really starts (no test fs, no helper yet): the stats go on this thread
      // alone, and no helper thread is started to read its share in full.
      await stopScanHelper();
      const third = createWalletScans(() => root, createDiscoveryCache({ now: later }), {
        savedScan: { dir: data, app: '1.0.0' },
      });
      logLines.length = 0;
      expect(await third.list()).toEqual(alone);
      expect(logLines.join('\n')).toContain('wallet discovery: ');
      expect(helpedCount(logLines)).toBe(0);
      expect(helperRunning()).toBe(false);
      const main = JSON.parse(await fs.readFile(path.join(data, SAVED_SCAN_FILES.main), 'utf8')) as {
        wallets: unknown[];
      };
      expect(main.wallets).toHaveLength(WALLETS);
    } finally {
      await fs.rm(data, { recursive: true, force: true });
    }
  });
});
