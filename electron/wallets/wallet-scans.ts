import { describeError, log } from '../log';
import type { WalletsScan } from '../../shared/wallets';
import { discoverWallets, type DiscoverSeams } from './discover';
import type { DiscoveryCache } from './discovery-cache';

/**
 * The wallet scans `listWallets` answers from, one per process.
 *
 * A plain scan (no seed check) that is still running is shared: a request arriving meanwhile gets
 * its answer rather than starting a second scan beside it, which on a big folder would only make
 * both slower. The answer is then as fresh as a scan that began a moment before the request, the
 * same as any scan of a folder that changes while it is read. It is not shared once the app
 * itself has changed a wallet file since it began (`changed()`): after "Make private (0600)" the
 * list must show the new mode.
 *
 * The app starts one at launch (`scanAtLaunch`) while its window or page loads: the first screen
 * lists the wallets, and by the time it asks, the scan is done (its rescan then only stats files)
 * or under way (it is shared). Actions that check a hotkey before using it (import, register, link)
 * scan for themselves with `discoverWallets`: they act on what is there now.
 */
export interface WalletScans {
  list(opts?: { verifySeeds?: boolean | undefined }): Promise<WalletsScan>;
  /** The app changed a wallet file: a scan already running may have read it before. */
  changed(): void;
  scanAtLaunch(): void;
}

/** Test seams: discovery's own, and (for tests that decide when a scan ends) discovery itself. */
export interface WalletScansSeams extends DiscoverSeams {
  discover?: typeof discoverWallets;
}

export function createWalletScans(
  walletsPath: string,
  cache: DiscoveryCache,
  { discover = discoverWallets, ...seams }: WalletScansSeams = {},
): WalletScans {
  let generation = 0;
  let running: { generation: number; scan: Promise<WalletsScan> } | null = null;

  const scan = (verifySeeds: boolean) => discover(walletsPath, { verifySeeds, cache }, seams);

  const list: WalletScans['list'] = ({ verifySeeds = false } = {}) => {
    if (verifySeeds) return scan(true);
    if (running?.generation === generation) return running.scan;
    const mine = { generation, scan: scan(false) };
    running = mine;
    const done = () => {
      if (running === mine) running = null;
    };
    mine.scan.then(done, done);
    return mine.scan;
  };

  return {
    list,
    changed: () => {
      generation++;
    },
    scanAtLaunch: () => {
      // Nobody waits for this one; a failure is the next request's to report.
      list().catch((error: unknown) => log.warn(`wallet scan at launch failed: ${describeError(error)}`));
    },
  };
}
