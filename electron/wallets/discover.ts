import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppFailure } from '../../shared/errors';
import { log } from '../log';
import { describeFsError } from './fs-messages';
import { entryFromBytes, naturalSort, plainNameFromId, type NamedEntry } from './names';
import { folderStatus, isHidden, resolveKinds, scanWallet, type ScanContext } from './scan-wallet';
import { bytesEqual } from '../signer/bytes';
import { loadPublicKeyDeriver } from '../signer/sr25519';
import type { DiscoveryCache } from './discovery-cache';
import type { DiscoverOptions, HotkeyEntry, WalletEntry, WalletsScan } from '../../shared/wallets';
import {
  createLimiter,
  createSlicedSyncFs,
  joinPath,
  mapBounded,
  nodeWalletFs,
  type Limiter,
  type WalletFs,
} from './wallet-fs';

/** Test and platform seams; not part of what the renderer can ask for. */
export interface DiscoverSeams {
  fs?: WalletFs;
  platform?: NodeJS.Platform;
}

/** What the main process may add to the renderer's options. */
export interface DiscoverCallOptions extends DiscoverOptions {
  /**
   * Reuse what earlier scans read from files whose stat is unchanged; keep one per process
   * (`createDiscoveryCache()`). Results are the same with or without it.
   */
  cache?: DiscoveryCache;
}

const DEFAULT_CONCURRENCY = 48;

const runNow: Limiter = (task) => task();

/**
 * Wallets scanned at once. A wallet queues ~20 reads on the limiter, so a few keep its slots busy;
 * starting all 1,000 at once held 20,000 pending reads alive through every GC, and collection
 * took about a quarter of a scan. Raised with `concurrency` so large limits still fill.
 */
const walletsInFlight = (concurrency: number): number => Math.max(8, Math.ceil(concurrency / 6));

const FOLDER_MESSAGES = {
  missing: 'The wallets folder does not exist.',
  'not-a-directory': 'The wallets path is a file, not a folder.',
} as const;

async function context(opts: DiscoverCallOptions, seams: DiscoverSeams): Promise<ScanContext> {
  const concurrency = Math.max(1, Math.min(256, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY)));
  const sliced = seams.fs === undefined && opts.io !== 'async';
  return {
    fs: seams.fs ?? (sliced ? createSlicedSyncFs() : nodeWalletFs),
    // Sliced-sync calls run one at a time on this thread, so a limiter would only add a promise
    // and a queue hop to each of 20,000 calls; concurrency bounds the thread pool's work only.
    limit: sliced ? runNow : createLimiter(concurrency),
    walletsInFlight: walletsInFlight(concurrency),
    derive: opts.verifySeeds ? await loadPublicKeyDeriver() : null,
    platform: seams.platform ?? process.platform,
    cache: opts.cache?.beginScan() ?? null,
  };
}

type WalletSlot = { named: NamedEntry; error?: string };

/** Wallets are sub-folders (symlinks followed, as btcli does); dot-entries are skipped. */
async function listWallets(ctx: ScanContext, root: Buffer): Promise<WalletSlot[]> {
  const listed = (await ctx.limit(() => ctx.fs.list(root))).filter((e) => !isHidden(e.bytes));
  const kinds = await resolveKinds(ctx, root, listed);
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
function logSummary(wallets: WalletEntry[], ms: number, opts: DiscoverOptions): void {
  const hotkeys = wallets.reduce((n, w) => n + w.hotkeys.length, 0);
  const problems = wallets.reduce(
    (n, w) => n + w.hotkeys.filter((h) => h.status !== 'ok' && h.status !== 'public-only').length,
    0,
  );
  const io = opts.io ?? 'sliced-sync';
  log.info(
    `wallet discovery: ${wallets.length} wallets, ${hotkeys} hotkeys, ${problems} not usable; ${Math.round(ms)} ms (${io})`,
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
  const ctx = await context(opts, seams);
  const scan = { walletsPath: resolved, seedsVerified: ctx.derive !== null };
  const root = Buffer.from(resolved);
  let slots: WalletSlot[];
  try {
    slots = await listWallets(ctx, root);
  } catch (error) {
    const status = folderStatus(error);
    const message =
      status === 'unreadable'
        ? `The wallets folder cannot be read: ${describeFsError(error)}`
        : FOLDER_MESSAGES[status];
    ctx.cache?.finish();
    return { ...scan, status, message, wallets: [] };
  }
  const wallets = await mapBounded(slots, ctx.walletsInFlight, (slot) =>
    slot.error !== undefined ? Promise.resolve(brokenWallet(slot, slot.error)) : scanWallet(ctx, root, slot.named),
  );
  ctx.cache?.finish();
  logSummary(wallets, performance.now() - started, opts);
  return { ...scan, status: 'ok', wallets: naturalSort(wallets) };
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
  const ctx = await context({}, seams);
  const root = Buffer.from(path.resolve(walletsPath));
  let slots: WalletSlot[];
  try {
    slots = await listWallets(ctx, root);
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
