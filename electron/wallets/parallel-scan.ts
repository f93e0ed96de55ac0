import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeError, log } from '../log';
import {
  CLOSED,
  HELPER,
  MAX_SHARED_WALLETS,
  MIN_WALLETS_FOR_HELPER,
  OPEN,
  READY,
  claim,
  endReceived,
  helperClaims,
  newReceivedEntries,
  unpackBatch,
} from './scan-job';
import type { JobBatch, JobResult, ReceivedEntries, ScanJob } from './scan-job';
import type { SaveTarget } from './saved-scan';

/** The main thread's side of the wallet scan helper thread: starting it, and sharing scans with it (scan-job.ts). */

/** The helper thread: the built script next to the main bundle, or the source file through tsx (tests, bench). */
function createWorker(): Worker | null {
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const built = path.join(dir, 'scan-worker.js');
    if (fs.existsSync(built)) return new Worker(built);
  }
  const source = path.join(__dirname, 'scan-worker.ts');
  if (!fs.existsSync(source)) return null;
  // Only when running from source, where tsx is installed; spelled out so no bundle names it as a dependency.
  const tsx = ['tsx', 'cjs', 'api'].join('/');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true });
}

interface Job {
  result: JobResult;
  /** Called with the whole result when the last batch arrived, or with what came when the helper failed. */
  settle: (result: JobResult) => void;
}

interface Helper {
  worker: Worker;
  pending: Map<number, Job>;
  /** The entries its jobs sent, for the wallets it sends again by serial. */
  received: ReceivedEntries;
  /** True once the thread has loaded its script; false if it failed first. */
  ready: Promise<boolean>;
}

/** undefined: not started yet; null: could not start or died (the main thread scans alone). */
let helper: Helper | null | undefined;
let jobs = 0;

function startHelper(): Helper | null {
  try {
    const worker = createWorker();
    if (!worker) return null;
    let markReady: (ready: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => (markReady = resolve));
    const started: Helper = { worker, pending: new Map(), received: newReceivedEntries(), ready };
    const fail = (why: string) => {
      markReady(false);
      if (helper === started) helper = null;
      for (const job of started.pending.values()) job.settle(job.result);
      started.pending.clear();
      log.warn(`wallet scan helper stopped (${why}); scanning on the main thread`);
    };
    worker.on('message', (batch: JobBatch | typeof READY) => {
      if (batch === READY) {
        // Held until now so that a caller awaiting `ready` keeps the process alive meanwhile.
        if (started.pending.size === 0) worker.unref();
        return markReady(true);
      }
      const job = started.pending.get(batch.id);
      if (!job) return;
      for (const wallet of unpackBatch(batch.json, started.received)) job.result.push(wallet);
      if (!batch.done) return;
      endReceived(started.received);
      job.settle(job.result);
      started.pending.delete(batch.id);
      if (started.pending.size === 0) worker.unref();
    });
    worker.on('error', (error) => fail(describeError(error)));
    worker.on('exit', (code) => fail(`exit ${code}`));
    return started;
  } catch (error) {
    log.warn(`wallet scan helper could not start (${describeError(error)}); scanning on the main thread`);
    return null;
  }
}

/**
 * Start the helper thread if it is not running (the first big scan does; a scan never waits for
 * it): true once it has loaded its script, false if it cannot start.
 */
export function prepareScanHelper(): Promise<boolean> {
  if (helper === undefined) helper = startHelper();
  return helper?.ready ?? Promise.resolve(false);
}

/**
 * Whether this process has a helper thread (started, or starting): one that ran a job keeps its
 * share's memos, so a rescan shares with it; a fresh app's has none yet.
 */
export const helperRunning = (): boolean => helper !== undefined && helper !== null;

/** Stop the helper thread; the next big first scan starts a new one. Jobs in flight keep what they got. */
export async function stopScanHelper(): Promise<void> {
  const current = helper;
  if (!current) return;
  await current.worker.terminate();
  if (helper === current || helper === null) helper = undefined;
}

export interface SharedScan {
  /** The next wallet index for the main thread, or -1 when all are claimed. */
  claim(): number;
  /**
   * After the main thread's last claim: the helper's wallets, or none when it never joined (its
   * late start is not waited for); wallets it claimed but did not return (it failed) are the
   * caller's to scan.
   */
  finish(): Promise<JobResult | null>;
  /**
   * For tests: resolves once the helper has claimed its first wallet (or the job ended), so it
   * has a share however the two threads are scheduled.
   */
  joined(): Promise<void>;
}

/** Share a scan of `names` with the helper thread; null when there is no helper to share with. */
export function shareScan(
  root: Buffer,
  names: Buffer[],
  platform: NodeJS.Platform,
  { pauseMs, helperSave }: { pauseMs?: number | undefined; helperSave?: SaveTarget | undefined } = {},
): SharedScan | null {
  // On one core the two threads would only take turns.
  if (names.length < MIN_WALLETS_FOR_HELPER || names.length > MAX_SHARED_WALLETS) return null;
  if (os.availableParallelism() < 2) return null;
  void prepareScanHelper();
  const current = helper;
  // One job at a time: a second scan running meanwhile goes alone rather than queue behind it.
  if (!current || current.pending.size > 0) return null;
  const shared = new SharedArrayBuffer(8);
  const slots = new Int32Array(shared);
  const id = ++jobs;
  let settled = false;
  const done = new Promise<JobResult>((settle) => current.pending.set(id, { result: [], settle })).finally(
    () => (settled = true),
  );
  current.worker.ref();
  const job: ScanJob = {
    id,
    root,
    names,
    shared,
    platform,
    ...(pauseMs ? { pauseMs } : {}),
    ...(helperSave === undefined ? {} : { save: helperSave }),
  };
  current.worker.postMessage(job);
  return {
    claim: () => claim(slots, names.length, 'front'),
    finish: async () => {
      // A helper that has not joined by now is never waited for: it will find nothing to claim.
      if (Atomics.compareExchange(slots, HELPER, OPEN, CLOSED) === OPEN) return null;
      return done;
    },
    joined: async () => {
      while (!settled && helperClaims(slots) === 0) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
