import { errnoCode } from '../fs/errno';
import { pushStamp } from '../fs/file-stamp';
import { bytesEqual } from '../signer/bytes';
import type { DerivePublicKey } from '../signer/sr25519';
import { cacheKey, type ScanCache, type ColdkeyFacts, type FileFacts, type HotkeyFacts } from './discovery-cache';
import { describeFsError } from './fs-messages';
import { MAX_KEYFILE_BYTES, parseColdkeyPubContent, parseHotkeyContent } from './keyfile';
import { hotkeyCandidates, WALLET_NAMES, type HotkeyCandidate } from './list-entries';
import { naturalSort, type NamedEntry } from './names';
import { describePermissions } from './permissions';
import type { ColdkeyInfo, FolderStatus, HotkeyEntry, WalletEntry } from '../../shared/wallets';
import { listingText, memoHolds, type MemoDraft } from './wallet-memo';
import { joinPath, type FileStamp, type ListedEntry, type Slicer, type StatResult, type WalletFs } from './wallet-fs';

/** Shared by every wallet of one scan. `derive` is set only when `verifySeeds` was asked for. */
export interface ScanContext {
  fs: WalletFs;
  /** The work is synchronous; the scan pauses for the event loop whenever a slice is used up. */
  slicer: Slicer;
  derive: DerivePublicKey | null;
  platform: NodeJS.Platform;
  /** This scan's use of the caller's rescan cache; null without one. */
  cache: ScanCache | null;
}

const { COLDKEYPUB, COLDKEY, HOTKEYS } = WALLET_NAMES;
/** Joined last, it leaves a path ending in the separator (a memo's `hotkeysKey`). */
const EMPTY = Buffer.alloc(0);
const KIB = MAX_KEYFILE_BYTES / 1024;

type Known<F extends FileFacts> = { facts: F; mode: number; stamp: FileStamp };

/**
 * Facts an earlier scan read from this same file (unchanged stamp), or null. Only paths already in
 * the cache are stat'ed, so a cold scan makes no extra call; a failed stat is a miss, and the read
 * that follows reports the problem exactly as an uncached scan would.
 */
function cachedFacts<K extends FileFacts['kind']>(
  ctx: ScanContext,
  target: Buffer,
  key: string,
  kind: K,
  known?: StatResult,
): Known<Extract<FileFacts, { kind: K }>> | null {
  const cache = ctx.cache;
  if (!cache?.has(key)) return null;
  let stat = known;
  if (!stat) {
    try {
      stat = ctx.fs.stat(target);
    } catch {
      return null;
    }
  }
  const facts = cache.get(key, kind, stat.stamp);
  return facts ? { facts, mode: stat.mode, stamp: stat.stamp } : null;
}

/** The facts, a message when it cannot be read, or null when there is no coldkeypub.txt. */
function readColdkeyFacts(ctx: ScanContext, target: Buffer, key: string): Known<ColdkeyFacts> | string | null {
  let read;
  try {
    read = ctx.fs.readCapped(target, MAX_KEYFILE_BYTES);
  } catch (error) {
    // Missing (a dangling link too) is a status of its own, as a listing without it would give.
    if (errnoCode(error) === 'ENOENT') return null;
    return `coldkeypub.txt: ${describeFsError(error)}`;
  }
  if (read.kind === 'not-a-file') return 'coldkeypub.txt is not a regular file.';
  let facts: ColdkeyFacts;
  if (read.kind === 'too-large') {
    facts = { kind: 'coldkey', status: 'too-large', message: `coldkeypub.txt is larger than ${KIB} KiB.`, ss58: null };
  } else {
    const parsed = parseColdkeyPubContent(read.bytes);
    read.bytes.fill(0);
    facts =
      parsed.status === 'ok'
        ? { kind: 'coldkey', status: 'ok', ss58: parsed.ss58 }
        : { kind: 'coldkey', ...parsed, ss58: null };
  }
  ctx.cache?.put(key, read.stamp, facts);
  return { facts, mode: read.mode, stamp: read.stamp };
}

function readColdkey(ctx: ScanContext, walletDir: Buffer, hasPrivate: boolean, draft: MemoDraft | null): ColdkeyInfo {
  const target = joinPath(walletDir, COLDKEYPUB);
  // One key string per file: it is as long as the path, and a scan makes 20,000 of them.
  const key = ctx.cache ? cacheKey(target) : '';
  const known = cachedFacts(ctx, target, key, 'coldkey') ?? readColdkeyFacts(ctx, target, key);
  if (draft) {
    if (typeof known === 'string') draft.usable = false;
    else if (known) draft.coldkeypub = { key, stamp: known.stamp };
  }
  if (known === null)
    return {
      status: 'missing',
      ss58: null,
      hasPrivateColdkey: hasPrivate,
      message: 'No coldkeypub.txt; hotkeys can still be used.',
    };
  if (typeof known === 'string')
    return { status: 'unreadable', ss58: null, hasPrivateColdkey: hasPrivate, message: known };
  const { status, message, ss58 } = known.facts;
  return { status, ...(message === undefined ? {} : { message }), ss58, hasPrivateColdkey: hasPrivate };
}

const UNKNOWN = (): HotkeyEntry['permissions'] => ({ status: 'unknown', mode: null });

// Built field by field, not with spreads: this runs for every hotkey file of a scan.
function hotkeyEntry(
  c: HotkeyCandidate,
  status: HotkeyEntry['status'],
  message: string | undefined,
  facts?: { ss58: string | null; hasSeed: boolean; permissions: HotkeyEntry['permissions'] },
): HotkeyEntry {
  const entry: HotkeyEntry = {
    id: c.id,
    name: c.display,
    fileName: c.name,
    ss58: facts ? facts.ss58 : null,
    hasSeed: facts ? facts.hasSeed : false,
    permissions: facts ? facts.permissions : UNKNOWN(),
    status,
  };
  if (message !== undefined) entry.message = message;
  return entry;
}

/** Parse and (when asked) check the seed, then wipe: nothing seed-derived leaves but a boolean. */
function hotkeyFacts(bytes: Buffer, derive: DerivePublicKey | null): HotkeyFacts {
  const parsed = parseHotkeyContent(bytes);
  bytes.fill(0);
  let seedMatches: boolean | null = null;
  try {
    if (parsed.status === 'ok' && parsed.seed && parsed.publicKey && derive)
      seedMatches = bytesEqual(derive(parsed.seed), parsed.publicKey);
  } finally {
    parsed.seed?.fill(0);
  }
  const facts: HotkeyFacts = {
    kind: 'hotkey',
    status: parsed.status,
    ss58: parsed.ss58,
    hasSeed: parsed.seed !== null,
    // An encrypted file holds no plain-text secret, so loose bits on it are not a problem.
    holdsSecret: parsed.status === 'encrypted' ? false : parsed.holdsSecret,
    seedMatches,
  };
  if (parsed.message !== undefined) facts.message = parsed.message;
  return facts;
}

type Unreadable = { status: 'unreadable'; message: string };

function readHotkeyFacts(ctx: ScanContext, target: Buffer, key: string): Known<HotkeyFacts> | Unreadable {
  let read;
  try {
    read = ctx.fs.readCapped(target, MAX_KEYFILE_BYTES);
  } catch (error) {
    return { status: 'unreadable', message: describeFsError(error) };
  }
  if (read.kind === 'not-a-file') return { status: 'unreadable', message: 'Not a regular file.' };
  const facts: HotkeyFacts =
    read.kind === 'too-large'
      ? {
          kind: 'hotkey',
          status: 'too-large',
          message: `Larger than ${KIB} KiB; not a hotkey file.`,
          ss58: null,
          hasSeed: false,
          holdsSecret: null,
          seedMatches: null,
        }
      : hotkeyFacts(read.bytes, ctx.derive);
  ctx.cache?.put(key, read.stamp, facts);
  return { facts, mode: read.mode, stamp: read.stamp };
}

function readHotkey(ctx: ScanContext, dir: Buffer, c: HotkeyCandidate, draft: MemoDraft | null): HotkeyEntry {
  if (c.error !== undefined) {
    if (draft) draft.usable = false;
    return hotkeyEntry(c, 'unreadable', c.error);
  }
  const target = joinPath(dir, c.bytes);
  const key = ctx.cache ? cacheKey(target) : '';
  let known: Known<HotkeyFacts> | Unreadable | null = ctx.cache
    ? cachedFacts(ctx, target, key, 'hotkey', c.stat)
    : null;
  // Cached by a scan without verifySeeds: the seed must be read again to be derived.
  if (known && ctx.derive && known.facts.status === 'ok' && known.facts.hasSeed && known.facts.seedMatches === null)
    known = null;
  known ??= readHotkeyFacts(ctx, target, key);
  if (!('facts' in known)) {
    if (draft) draft.usable = false;
    return hotkeyEntry(c, known.status, known.message);
  }
  const { facts, mode } = known;
  if (draft) {
    draft.files.push(key.slice(draft.hotkeysKey.length));
    pushStamp(draft.stamps, known.stamp);
  }
  let { status, message } = facts;
  if (ctx.derive && facts.seedMatches === false) {
    status = 'seed-mismatch';
    message = "secretSeed does not derive the file's ss58Address; regenerate the file with btcli.";
  }
  if (status === 'public-only' && c.publicFile)
    message = 'Public key only (a pub.txt copy): it holds no seed, so it cannot sign.';
  return hotkeyEntry(c, status, message, {
    ss58: facts.ss58,
    hasSeed: facts.hasSeed,
    // The mode comes from this scan's stat or fstat, so a chmod always shows.
    permissions: describePermissions(mode, facts.holdsSecret, ctx.platform),
  });
}

export function folderStatus(error: unknown): Exclude<FolderStatus, 'ok'> {
  const code = errnoCode(error);
  return code === 'ENOENT' ? 'missing' : code === 'ENOTDIR' ? 'not-a-directory' : 'unreadable';
}

/** Why `dir` is not a folder to scan any more, or null when it still is one. */
function folderProblem(ctx: ScanContext, dir: Buffer): string | null {
  try {
    return ctx.fs.stat(dir).kind === 'dir' ? null : 'Not a folder any more.';
  } catch (error) {
    return describeFsError(error);
  }
}

const plainEntry = (e: ListedEntry) => e.kind === 'file' || e.kind === 'dir';

/** One wallet folder. Never throws: every failure becomes a status on the wallet or a hotkey. */
export async function scanWallet(ctx: ScanContext, root: Buffer, named: NamedEntry): Promise<WalletEntry> {
  const walletDir = joinPath(root, named.bytes);
  // Whole-wallet memos only where the file facts are cached, and never for a seed check.
  const memoKey = ctx.cache && !ctx.derive ? cacheKey(walletDir) : null;
  if (ctx.cache && memoKey !== null) {
    const memo = ctx.cache.wallet(memoKey);
    if (memo && (await memoHolds(ctx, walletDir, memo))) {
      ctx.cache.reuse(memoKey, memo);
      return memo.entry;
    }
  }
  const draft: MemoDraft | null =
    memoKey === null
      ? null
      : {
          usable: true,
          coldkeypub: null,
          hotkeysKey: cacheKey(joinPath(walletDir, HOTKEYS, EMPTY)),
          files: [],
          stamps: [],
        };
  const base = { id: named.id, name: named.name, hotkeys: [] as HotkeyEntry[] };
  const unreadable = (message: string): WalletEntry => ({
    ...base,
    status: 'unreadable',
    message,
    coldkey: { status: 'unreadable', ss58: null, hasPrivateColdkey: false, message },
    hotkeysFolder: 'unreadable',
  });
  // The three names a wallet is made of are looked up by name, as btcli does, not found in a
  // listing of the folder: a listing per wallet cost as much as reading its coldkeypub.txt.
  let hasPrivate: boolean;
  try {
    hasPrivate = ctx.fs.exists(joinPath(walletDir, COLDKEY));
  } catch (error) {
    return unreadable(describeFsError(error));
  }
  const coldkey = readColdkey(ctx, walletDir, hasPrivate, draft);
  const hotkeysDir = joinPath(walletDir, HOTKEYS);
  let hotkeysFolder: FolderStatus;
  let hotkeys: HotkeyEntry[] = [];
  let candidates: HotkeyCandidate[] = [];
  let listing: ListedEntry[] = [];
  try {
    listing = ctx.fs.list(hotkeysDir);
    candidates = hotkeyCandidates(ctx, hotkeysDir, listing);
    hotkeysFolder = 'ok';
  } catch (error) {
    // ENOENT (none, or a dangling link) → missing; ENOTDIR → a file in its place.
    hotkeysFolder = folderStatus(error);
  }
  if (!hasPrivate && coldkey.status === 'missing' && hotkeysFolder === 'missing') {
    // Nothing by any of the three names: an empty wallet, or the folder went (or became a file)
    // since the wallets folder was listed — only a look at the folder itself tells them apart.
    const gone = folderProblem(ctx, walletDir);
    if (gone !== null) return unreadable(gone);
  }
  for (const c of candidates) {
    // A wallet with thousands of hotkeys must not hold the event loop for its whole scan.
    if (ctx.slicer.due()) await ctx.slicer.pause();
    hotkeys.push(readHotkey(ctx, hotkeysDir, c, draft));
  }
  hotkeys = naturalSort(hotkeys);
  const entry: WalletEntry = { ...base, status: 'ok', coldkey, hotkeysFolder, hotkeys };
  // Only plain files and folders in hotkeys/: a link or an odd entry is looked at anew each scan.
  if (ctx.cache && memoKey !== null && draft?.usable && hotkeysFolder === 'ok' && listing.every(plainEntry))
    ctx.cache.putWallet(memoKey, {
      hasPrivate,
      coldkeypub: draft.coldkeypub,
      listing: listingText(listing),
      hotkeysKey: draft.hotkeysKey,
      files: draft.files,
      stamps: draft.stamps,
      entry,
    });
  return entry;
}
