import path from 'node:path';
import { describeError, log } from '../log';
import type { WalletsScan } from '../../shared/wallets';
import { discoverWallets, type DiscoverSeams } from './discover';
import type { DiscoveryCache } from './discovery-cache';
import { createScanSaver } from './scan-saver';

/**
 * The wallet scans `listWallets` answers from, one per process.
 *
 * The app starts one at launch (`scanAtLaunch`) while its window or page loads, because the first
 * screen lists the wallets. A plain `listWallets` (no seed check) that arrives while that scan
 * still runs gets its answer instead of starting a second scan beside it, which on a big folder
 * would only make both slower; one that arrives after it scans again, and the rescan only stats
 * the files the launch scan read. Only the launch scan is shared: a later request (Rescan after
 * editing the folder by hand) always reads the folder itself, and the launch scan stops being
 * shared once the app has changed a wallet file (`changed()`: after "Make private (0600)" the list
 * must show the new mode). Actions that check a hotkey before using it (import, register, link)
 * scan for themselves with `discoverWallets`: they act on what is there now.
 */
export interface WalletScans {
  list(opts?: { verifySeeds?: boolean | undefined }): Promise<WalletsScan>;
  /** The app changed a wallet file, or the folder: the launch scan may have read the old one. */
  changed(): void;
  scanAtLaunch(): void;
  /** Write a save still waiting for its delay now, and wait for it (tests). */
  flushSave(): Promise<void>;
}

/** Test seams: discovery's own, and (for tests that decide when a scan ends) discovery itself. */
export interface WalletScansSeams extends DiscoverSeams {
  discover?: typeof discoverWallets;
  /** How long after a scan its memos are saved (default 1 s: off the path of the answer and of a quick rescan). */
  saveDelayMs?: number;
}

export interface WalletScansOptions extends WalletScansSeams {
  /**
   * The data folder and the app's version: the first scan adopts the memos the last run of this
   * version saved there, and scans save theirs (saved-scan.ts). Without it nothing is saved.
   */
  savedScan?: { dir: string; app: string };
}

export function createWalletScans(
  /** Asked at each scan: the folder can be changed while the app runs (wallets-folder.ts). */
  walletsPath: () => string,
  cache: DiscoveryCache,
  { discover = discoverWallets, savedScan, saveDelayMs = 1000, ...seams }: WalletScansOptions = {},
): WalletScans {
  /** The launch scan while it runs and nothing the app did has made it stale. */
  let atLaunch: Promise<WalletsScan> | null = null;
  const saved = savedScan && createScanSaver(savedScan.dir, savedScan.app, cache, saveDelayMs);

  const scan = async (verifySeeds: boolean) => {
    const folder = path.resolve(walletsPath());
    saved?.adopt(folder);
    const result = await discover(folder, { verifySeeds, cache, ...(savedScan ? { savedScan } : {}) }, seams);
    // A seed check keeps no memos (scan-wallet.ts), so its end drops them all: nothing to save.
    if (!verifySeeds) saved?.scanned(result);
    return result;
  };

  return {
    list: ({ verifySeeds = false } = {}) => (!verifySeeds && atLaunch) || scan(verifySeeds),
    changed: () => {
      atLaunch = null;
    },
    flushSave: () => saved?.flush() ?? Promise.resolve(),
    scanAtLaunch: () => {
      const mine = scan(false);
      atLaunch = mine;
      const over = () => {
        if (atLaunch === mine) atLaunch = null;
      };
      // Nobody waits for this one: a failure is logged, and the next request scans again.
      mine.then(over, (error: unknown) => {
        over();
        log.warn(`wallet scan at launch failed: ${describeError(error)}`);
      });
    },
  };
}
