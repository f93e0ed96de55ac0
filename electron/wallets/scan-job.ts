import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cacheKey, createDiscoveryCache, type DiscoveryCache } from './discovery-cache';
import { entryFromBytes } from './names';
import { saveScanPart, savedScanText, type SaveTarget } from './saved-scan';
import { scanWallet, type ScanContext } from './scan-wallet';
import { createWalletFs, type Slicer, type WalletFs } from './wallet-fs';
import type { WalletEntry } from '../../shared/wallets';

/**
 * One job of the wallet scan helper thread: parallel-scan.ts starts the thread and shares scans
 * with it, scan-worker.ts runs the jobs. The main thread takes wallets from the front of the list
 * and the helper from the back, through one shared counter, so neither waits for the other and a
 * helper that is late (still starting) or gone simply leaves more to the main thread. Taking from
 * the back keeps the helper's share about the same from scan to scan, so its own rescan cache
 * (kept between jobs) covers it and a rescan's share is stats there too.
 *
 * The helper runs the same `scanWallet` as the main thread and sends back what a scan result
 * holds (no seed ever leaves it: parsing wipes seeds as it goes). The facts of the files it read
 * stay in its own cache and do not cross: sending them to fill the main thread's cache as well
 * cost both threads about a sixth of a fresh app's first scan, while a rescan the helper shares
 * reads its share from its own cache. What the main thread reads again instead: in a shared
 * rescan, the wallets of the helper's last share that now fall to it (the two meet at a slightly
 * different place each time); in a rescan the helper cannot join, all of the helper's share.
 */

/** Below this many wallets the helper's start and hand-over cost more than it saves. */
export const MIN_WALLETS_FOR_HELPER = 32;
/** Claims from both ends share one Int32 (front count low, back count high), so this many at most. */
export const MAX_SHARED_WALLETS = 0x7fff;

/** Shared Int32 slots: the claims, and whether the helper joined (`runScanJob`, `finish`). */
const CLAIMS = 0;
export const HELPER = 1;
export const OPEN = 0;
const JOINED = 1;
export const CLOSED = 2;

export interface ScanJob {
  id: number;
  root: Uint8Array;
  /** Wallet folder names, in claim order. */
  names: Uint8Array[];
  shared: SharedArrayBuffer;
  platform: NodeJS.Platform;
  /** For tests: the helper sleeps this long after each claim, so a test can stop it mid-wallet. */
  pauseMs?: number;
  /** Where to save the memos of the wallets this thread scanned, for the next run (saved-scan.ts). */
  save?: SaveTarget;
}

/** Index into `names` → that wallet's entry. */
export type JobResult = Array<[number, WalletEntry]>;

/**
 * A batch as sent: `[at, serial, entry]`, or `[at, serial]` for an entry sent before under that
 * serial. An unchanged wallet (its memo held in the helper, wallet-memo.ts) is the very object sent
 * last time, so a rescan's share crosses as numbers instead of being written and parsed again.
 */
type WireResult = Array<[number, number, WalletEntry] | [number, number]>;

/**
 * The main thread's side of the serials: what the last job sent (`previous`) and what this job has
 * sent so far (`current`, which replaces it once the job ends).
 */
export interface ReceivedEntries {
  previous: Map<number, WalletEntry>;
  current: Map<number, WalletEntry>;
}

export const newReceivedEntries = (): ReceivedEntries => ({ previous: new Map(), current: new Map() });

/**
 * A batch's JSON back into its wallets (on the main thread, or in tests). A serial the main thread
 * no longer holds is left out: like a wallet the helper claimed but never returned, the main
 * thread then scans it itself.
 */
export function unpackBatch(json: string, received: ReceivedEntries): JobResult {
  const out: JobResult = [];
  for (const item of JSON.parse(json) as WireResult) {
    const entry = item.length === 3 ? item[2] : received.previous.get(item[1]);
    if (!entry) continue;
    received.current.set(item[1], entry);
    out.push([item[0], entry]);
  }
  return out;
}

/** After a job's last batch: its serials are what the next job may refer to (an empty job keeps the old ones). */
export function endReceived(received: ReceivedEntries): void {
  if (received.current.size > 0) received.previous = received.current;
  received.current = new Map();
}

/**
 * Results go in batches as JSON text while the helper works: copying a string and JSON.parse cost
 * about a third of structured-cloning the same objects, and batches overlap the hand-over with
 * the scanning, so the main thread's wait after its own last wallet is one small batch.
 */
export interface JobBatch {
  id: number;
  done: boolean;
  /** The batch's wallets as JSON (read them with `unpackBatch`). */
  json: string;
}

const BATCH_MS = 15;

/** How many wallets the helper has claimed so far (tests wait for its first). */
export const helperClaims = (slots: Int32Array): number => Atomics.load(slots, CLAIMS) >>> 16;

/** The next index from the front (main thread) or the back (helper), or -1 once the two meet. */
export function claim(slots: Int32Array, n: number, from: 'front' | 'back'): number {
  for (;;) {
    const claims = Atomics.load(slots, CLAIMS);
    const front = claims & 0xffff;
    const back = claims >>> 16;
    if (front + back >= n) return -1;
    const next = from === 'front' ? claims + 1 : claims + 0x10000;
    if (Atomics.compareExchange(slots, CLAIMS, claims, next) === claims) return from === 'front' ? front : n - 1 - back;
  }
}

/** In the helper thread: the serial each entry went out under (see `WireResult`). */
const sentSerials = new WeakMap<WalletEntry, number>();
let serials = 0;

/** In the helper thread: what its jobs read from one wallets folder, kept between jobs. */
let helperCache: { rootKey: string; cache: DiscoveryCache } | null = null;

function helperCacheFor(rootKey: string): DiscoveryCache {
  if (helperCache?.rootKey !== rootKey) helperCache = { rootKey, cache: createDiscoveryCache() };
  return helperCache.cache;
}

/** In the helper thread: the save in progress, if any (`runScanJob`). */
let saving = Promise.resolve();

const neverDue: Slicer = { due: () => false, pause: () => Promise.resolve() };

/**
 * In the helper thread: claim wallets from the back until none are left, unless the main thread
 * already finished. `cache` and `fs` are seams for tests; the thread keeps one cache per folder.
 */
export async function runScanJob(
  job: ScanJob,
  post: (batch: JobBatch) => void,
  cache: DiscoveryCache = helperCacheFor(cacheKey(Buffer.from(job.root))),
  fs: WalletFs = createWalletFs(),
): Promise<void> {
  const slots = new Int32Array(job.shared);
  let batch: WireResult = [];
  const send = (done: boolean) => {
    post({ id: job.id, done, json: JSON.stringify(batch) });
    batch = [];
  };
  if (Atomics.compareExchange(slots, HELPER, OPEN, JOINED) !== OPEN) {
    send(true);
    return;
  }
  const own = cache.beginScan();
  const ctx: ScanContext = { fs, slicer: neverDue, derive: null, platform: job.platform, cache: own };
  const root = Buffer.from(job.root);
  const n = job.names.length;
  let sent = performance.now();
  for (let at = claim(slots, n, 'back'); at >= 0; at = claim(slots, n, 'back')) {
    const name = job.names[at] ?? new Uint8Array(0);
    if (job.pauseMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, job.pauseMs);
    const entry = await scanWallet(ctx, root, entryFromBytes(Buffer.from(name)));
    const serial = sentSerials.get(entry);
    if (serial !== undefined) batch.push([at, serial]);
    else {
      sentSerials.set(entry, ++serials);
      batch.push([at, serials, entry]);
    }
    if (performance.now() - sent >= BATCH_MS) {
      send(false);
      sent = performance.now();
    }
  }
  own.finish();
  send(true);
  // After the last batch, so the main thread never waits for it; one save at a time, in order.
  if (job.save !== undefined && cache.memosChanged) {
    const { text } = savedScanText(cache.savedMemos(), { rootKey: cacheKey(root), app: job.save.app }, path.sep);
    const file = job.save.file;
    saving = saving.then(() => saveScanPart(file, text));
  }
}

/** The helper's first message, once its script has loaded. */
export const READY = 'ready';
