import { rm } from 'node:fs/promises';
import path from 'node:path';
import { log } from '../log';
import type { WalletsScan } from '../../shared/wallets';
import { cacheKey, type DiscoveryCache } from './discovery-cache';
import { loadSavedPart, saveScanPart, savedScanPath, savedScanText } from './saved-scan';

/**
 * The main thread's side of the saved scan (saved-scan.ts) for one process's wallet scans: the
 * first scan of a folder adopts what the last run saved, and a scan that changed the memos has
 * them saved a little later (coalesced, so a burst of rescans writes once).
 */
export interface ScanSaver {
  /** Once per folder: the saved memos into the cache. */
  adopt(folder: string): void;
  /** After a scan: save the memos if it changed them. */
  scanned(scan: WalletsScan): void;
  /** For tests: run a pending save now and wait for it. */
  flush(): Promise<void>;
}

export function createScanSaver(dataDir: string, app: string, cache: DiscoveryCache, delayMs: number): ScanSaver {
  /** The folder whose saved memos were adopted (once per folder, so a later one's are read when it is chosen). */
  let adopted: string | null = null;
  let pending: { timer: NodeJS.Timeout; save: () => void } | null = null;
  let writing = Promise.resolve();
  /** The helper's part was adopted: save even if the scan changed nothing, to fold it into the main part. */
  let merge = false;

  /**
   * What this scan left, taken now (a later seed check drops every memo, and the helper's share
   * changes with each scan); written out when the delay is up.
   */
  const saveOf = (scan: WalletsScan) => {
    const memos = cache.savedMemos();
    // The helper had no share in this scan, so this thread's memos are all there is: its file
    // (from an earlier run) would only be parsed for nothing.
    const helperStale = cache.lastHelped === 0;
    return () => {
      const { text } = savedScanText(memos, { rootKey: cacheKey(Buffer.from(scan.walletsPath)), app }, path.sep);
      writing = writing.then(async () => {
        await saveScanPart(savedScanPath(dataDir, 'main'), text);
        if (helperStale) await rm(savedScanPath(dataDir, 'helper'), { force: true }).catch(() => undefined);
      });
    };
  };

  const runPending = () => {
    if (!pending) return;
    const { save } = pending;
    clearTimeout(pending.timer);
    pending = null;
    save();
  };

  return {
    adopt: (folder) => {
      if (adopted === folder) return;
      adopted = folder;
      // Both parts: with (nearly) every wallet remembered here, the scan goes without the helper
      // thread, whose start and hand-over would cost more than the stats it could take over.
      const started = performance.now();
      const rootKey = cacheKey(Buffer.from(folder));
      let remembered = 0;
      for (const part of ['main', 'helper'] as const) {
        const memos = loadSavedPart(savedScanPath(dataDir, part), { rootKey, app });
        if (!memos) continue;
        cache.adoptMemos(memos);
        remembered += memos.length;
        // Saved once as one part, the next run reads one file and no wallet twice.
        if (part === 'helper' && memos.length > 0) merge = true;
      }
      if (remembered > 0)
        log.info(
          `wallet scan: ${remembered} wallets remembered from the last run (${Math.round(performance.now() - started)} ms)`,
        );
    },
    scanned: (scan) => {
      if (scan.status !== 'ok' || !(cache.memosChanged || merge)) return;
      merge = false;
      if (pending) clearTimeout(pending.timer);
      const timer = setTimeout(runPending, delayMs);
      timer.unref();
      pending = { timer, save: saveOf(scan) };
    },
    flush: async () => {
      runPending();
      await writing;
    },
  };
}
