import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppFailure } from '../../shared/errors';
import { log } from '../log';
import { describeFsError } from './fs-messages';
import { entryFromBytes, naturalSort, plainNameFromId, type NamedEntry } from './names';
import { isHidden, resolveKinds } from './list-entries';
import { folderStatus, scanWallet, type ScanContext } from './scan-wallet';
import { bytesEqual } from '../signer/bytes';
import { loadPublicKeyDeriver } from '../signer/sr25519';
import { cacheKey, type CacheScan, type DiscoveryCache } from './discovery-cache';
import { helperRunning, shareScan } from './parallel-scan';
import { savedScanPath, type SaveTarget } from './saved-scan';
import type { DiscoverOptions, HotkeyEntry, WalletEntry, WalletsScan } from '../../shared/wallets';
import { createSlicer, createWalletFs, joinPath, type WalletFs } from './wallet-fs';

/** Test and platform seams; not part of what the renderer can ask for. */
export interface DiscoverSeams {
  fs?: WalletFs;
  platform?: NodeJS.Platform;
  /** Longest stretch of synchronous work before the event loop gets a turn (default 8 ms). */
  sliceMs?: number;
  /**
   * Share the scan with the helper thread (parallel-scan.ts) when it is big enough; default true.
   * 'wait' (tests): the main thread starts only once the helper has claimed its first wallet.
   */
  helper?: boolean | 'wait';
  /** For tests: the helper sleeps this long after each claim (see ScanJob.pauseMs). */
  helperPauseMs?: number;
}

/** What the main process may add to the renderer's options. */
export interface DiscoverCallOptions extends DiscoverOptions {
  /**
   * Reuse what earlier scans read from files whose stat is unchanged; keep one per process
   * (`createDiscoveryCache()`). Results are the same with or without it.
   */
  cache?: DiscoveryCache;
  /**
   * The data folder and app version: the scan helper saves the memos of the wallets it scanned
   * there for the next run (saved-scan.ts); the main thread's own are saved by wallet-scans.ts.
   */
  savedScan?: { dir: string; app: string };
}

const FOLDER_MESSAGES = {
  missing: 'The wallets folder does not exist.',
  'not-a-directory': 'The wallets path is a file, not a folder.',
} as const;

async function context(opts: DiscoverCallOptions, seams: DiscoverSeams, cache: CacheScan | null): Promise<ScanContext> {
  return {
    fs: seams.fs ?? createWalletFs(),
    slicer: createSlicer(seams.sliceMs),
    derive: opts.verifySeeds ? await loadPublicKeyDeriver() : null,
    platform: seams.platform ?? process.platform,
    cache,
  };
}

type WalletSlot = { named: NamedEntry; error?: string };

/** Wallets are sub-folders (symlinks followed, as btcli does); dot-entries are skipped. */
function listWallets(ctx: ScanContext, root: Buffer): WalletSlot[] {
  const listed = ctx.fs.list(root).filter((e) => !isHidden(e.bytes));
  const kinds = resolveKinds(ctx, root, listed);
  const slots: WalletSlot[] = [];
  for (const [i, e] of listed.entries()) {
    const resolved = kinds[i];
    if (resolved && 'error' in resolved) slots.push({ named: entryFromBytes(e.bytes), error: resolved.error });
    else if (resolved?.kind === 'dir') slots.push({ named: entryFromBytes(e.bytes) });
  }
  return slots;
}

function brokenWallet(slot: WalletSlot, message: string): WalletEntry {
  return {
    id: slot.named.id,
    name: slot.named.name,
    status: 'unreadable',
    message,
    coldkey: { status: 'unreadable', ss58: null, hasPrivateColdkey: false, message },
    hotkeysFolder: 'unreadable',
    hotkeys: [],
  };
}

/** Counts only: names and paths stay out of the log. */
function logSummary(wallets: WalletEntry[], helped: number, ms: number, opts: DiscoverOptions): void {
  const hotkeys = wallets.reduce((n, w) => n + w.hotkeys.length, 0);
  const problems = wallets.reduce(
    (n, w) => n + w.hotkeys.filter((h) => h.status !== 'ok' && h.status !== 'public-only').length,
    0,
  );
  const verified = opts.verifySeeds ? ', seeds verified' : '';
  const helper = helped > 0 ? `, ${helped} wallets by the helper thread` : '';
  log.info(
    `wallet discovery: ${wallets.length} wallets, ${hotkeys} hotkeys, ${problems} not usable; ${Math.round(ms)} ms${verified}${helper}`,
  );
}

/**
 * List every wallet and hotkey under `walletsPath` without modifying anything. Never throws for
 * filesystem trouble: the folder, each wallet and each hotkey carry their own status. Results
 * hold no seeds; only `hasSeed` says whether one is there.
 */
export async function discoverWallets(
  walletsPath: string,
  opts: DiscoverCallOptions = {},
  seams: DiscoverSeams = {},
): Promise<WalletsScan> {
  const started = performance.now();
  const resolved = path.resolve(walletsPath);
  // A test's own fs must see every call, and seed checks stay where the sr25519 code is loaded.
  const share = seams.fs !== undefined || opts.verifySeeds ? false : (seams.helper ?? true);
  const cache = opts.cache?.beginScan() ?? null;
  const ctx = await context(opts, seams, cache);
  const scan = { walletsPath: resolved, seedsVerified: ctx.derive !== null };
  const root = Buffer.from(resolved);
  let slots: WalletSlot[];
  try {
    slots = listWallets(ctx, root);
  } catch (error) {
    const status = folderStatus(error);
    const message =
      status === 'unreadable'
        ? `The wallets folder cannot be read: ${describeFsError(error)}`
        : FOLDER_MESSAGES[status];
    cache?.finish();
    return { ...scan, status, message, wallets: [] };
  }
  const helperSave = opts.savedScan && {
    file: savedScanPath(opts.savedScan.dir, 'helper'),
    app: opts.savedScan.app,
  };
  const { wallets, helped } = await scanAll(ctx, root, slots, share, { pauseMs: seams.helperPauseMs, helperSave });
  // The helper's wallets were not looked at here: what earlier scans cached of them stays.
  cache?.finish({
    rootKey: cacheKey(root),
    separator: path.sep,
    wallets: new Set(helped.map((named) => cacheKey(named.bytes))),
  });
  logSummary(wallets, helped.length, performance.now() - started, opts);
  return { ...scan, status: 'ok', wallets: naturalSort(wallets) };
}

async function scanAll(
  ctx: ScanContext,
  root: Buffer,
  slots: WalletSlot[],
  share: boolean | 'wait',
  helperJob: { pauseMs?: number | undefined; helperSave?: SaveTarget | undefined },
): Promise<{ wallets: WalletEntry[]; helped: NamedEntry[] }> {
  const out = slots.map((slot) => (slot.error !== undefined ? brokenWallet(slot, slot.error) : undefined));
  const todo = slots.flatMap((slot, i) => (slot.error === undefined ? [{ i, named: slot.named }] : []));
  const scanOne = async (at: number) => {
    const item = todo[at];
    if (!item) return;
    if (ctx.slicer.due()) await ctx.slicer.pause();
    out[item.i] = await scanWallet(ctx, root, item.named);
  };
  const names = todo.map((t) => t.named.bytes);
  // A helper already running holds its share's memos; a fresh app's would have to read its share in full.
  const alone = !helperRunning() && mostRemembered(ctx, root, names);
  const shared = share && !alone ? shareScan(root, names, ctx.platform, helperJob) : null;
  const helped: NamedEntry[] = [];
  if (shared) {
    if (share === 'wait') await shared.joined();
    for (let at = shared.claim(); at >= 0; at = shared.claim()) await scanOne(at);
    for (const [at, wallet] of (await shared.finish()) ?? []) {
      const item = todo[at];
      if (!item) continue;
      out[item.i] = wallet;
      helped.push(item.named);
    }
  }
  // Everything without a helper; with one, whatever it claimed but did not return (it failed).
  for (const [at, item] of todo.entries()) if (!out[item.i]) await scanOne(at);
  return { wallets: out.filter((wallet): wallet is WalletEntry => wallet !== undefined), helped };
}

const REMEMBERED_ALONE = 0.9;

/**
 * Whether this thread's cache holds memos for (nearly) all of these wallets, as a fresh app with
 * its last run's scan saved does: checking a memo costs a stat per file, less than starting the
 * helper thread, which would read its share in full and hand it over.
 */
function mostRemembered(ctx: ScanContext, root: Buffer, names: Buffer[]): boolean {
  const cache = ctx.cache;
  if (!cache || ctx.derive) return false;
  const rootKey = cacheKey(root) + path.sep;
  let remembered = 0;
  for (const name of names) if (cache.hasWallet(rootKey + cacheKey(name))) remembered++;
  return remembered >= names.length * REMEMBERED_ALONE;
}

export interface LocatedHotkey {
  /** Exact path bytes (names may not be valid UTF-8). */
  path: Buffer;
  entry: HotkeyEntry;
}

/**
 * Turn ids sent back by the renderer into a file path, allowing only plain names that a fresh
 * listing of that wallet still shows as a hotkey: no `/`, no `..`, nothing the scan skipped.
 */
export async function locateHotkey(
  walletsPath: string,
  walletId: string,
  hotkeyId: string,
  seams: DiscoverSeams = {},
): Promise<LocatedHotkey> {
  const walletBytes = plainNameFromId(walletId, seams.platform);
  const hotkeyBytes = plainNameFromId(hotkeyId, seams.platform);
  if (!walletBytes || !hotkeyBytes) throw new AppFailure('invalid-input', 'That is not a wallet or hotkey name.');
  const ctx = await context({}, seams, null);
  const root = Buffer.from(path.resolve(walletsPath));
  let slots: WalletSlot[];
  try {
    slots = listWallets(ctx, root);
  } catch {
    throw new AppFailure('not-found', 'The wallets folder cannot be read.');
  }
  const slot = slots.find((s) => s.error === undefined && bytesEqual(s.named.bytes, walletBytes));
  if (!slot) throw new AppFailure('not-found', 'That wallet is no longer in the wallets folder.');
  const wallet = await scanWallet(ctx, root, slot.named);
  const entry = wallet.hotkeys.find((h) => h.id === hotkeyId);
  if (!entry) throw new AppFailure('not-found', 'That hotkey is no longer in the wallet.');
  return { path: joinPath(root, walletBytes, Buffer.from('hotkeys'), hotkeyBytes), entry };
}
