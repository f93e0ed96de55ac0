import { errnoCode } from '../fs/errno';
import { bytesEqual } from '../signer/bytes';
import type { DerivePublicKey } from '../signer/sr25519';
import { cacheKey, type CacheScan, type ColdkeyFacts, type FileFacts, type HotkeyFacts } from './discovery-cache';
import { describeFsError } from './fs-messages';
import { MAX_KEYFILE_BYTES, parseColdkeyPubContent, parseHotkeyContent } from './keyfile';
import { entryFromBytes, naturalSort, type NamedEntry } from './names';
import { describePermissions } from './permissions';
import type { ColdkeyInfo, FolderStatus, HotkeyEntry, WalletEntry } from '../../shared/wallets';
import { joinPath, type EntryKind, type Limiter, type ListedEntry, type StatResult, type WalletFs } from './wallet-fs';

/** Shared by every wallet of one scan. `derive` is set only when `verifySeeds` was asked for. */
export interface ScanContext {
  fs: WalletFs;
  limit: Limiter;
  /** Wallets scanned at once (each fans out to its files through `limit`). */
  walletsInFlight: number;
  derive: DerivePublicKey | null;
  platform: NodeJS.Platform;
  /** This scan's use of the caller's rescan cache; null without one. */
  cache: CacheScan | null;
}

const COLDKEYPUB = Buffer.from('coldkeypub.txt');
const COLDKEY = Buffer.from('coldkey');
const HOTKEYS = Buffer.from('hotkeys');
const PUB_SUFFIX = 'pub.txt';
const KIB = MAX_KEYFILE_BYTES / 1024;

export const isHidden = (bytes: Buffer): boolean => bytes[0] === 0x2e;

/** An entry's real kind; `stat` is kept when one was needed, so a rescan need not stat it again. */
export type Resolved = { kind: EntryKind; stat?: StatResult } | { error: string };

/**
 * Resolve what an entry really is. Symlinks and DT_UNKNOWN entries (some network filesystems)
 * need a stat; a failure is returned, not thrown, so one bad link never aborts the walk.
 */
async function resolveKind(ctx: ScanContext, target: Buffer, kind: EntryKind): Promise<Resolved> {
  try {
    const stat = await ctx.limit(() => ctx.fs.stat(target));
    return { kind: stat.kind, stat };
  } catch (error) {
    return { error: describeFsError(error, kind === 'symlink') };
  }
}

/** Kinds for a listing, in order. Only symlinks and unknown entries cost a stat and an await. */
export async function resolveKinds(ctx: ScanContext, dir: Buffer, listed: ListedEntry[]): Promise<Resolved[]> {
  const direct = (kind: EntryKind) => kind === 'file' || kind === 'dir';
  if (listed.every((e) => direct(e.kind))) return listed.map((e) => ({ kind: e.kind }));
  return Promise.all(
    listed.map((e) =>
      direct(e.kind) ? Promise.resolve({ kind: e.kind }) : resolveKind(ctx, joinPath(dir, e.bytes), e.kind),
    ),
  );
}

type Known<F extends FileFacts> = { facts: F; mode: number };

/**
 * Facts an earlier scan read from this same file (unchanged stamp), or null. Only paths already in
 * the cache are stat'ed, so a cold scan makes no extra call; a failed stat is a miss, and the read
 * that follows reports the problem exactly as an uncached scan would.
 */
async function cachedFacts<K extends FileFacts['kind']>(
  ctx: ScanContext,
  target: Buffer,
  kind: K,
  known?: StatResult,
): Promise<Known<Extract<FileFacts, { kind: K }>> | null> {
  const cache = ctx.cache;
  const key = cache ? cacheKey(target) : '';
  if (!cache?.has(key)) return null;
  let stat = known;
  if (!stat) {
    try {
      stat = await ctx.limit(() => ctx.fs.stat(target));
    } catch {
      return null;
    }
  }
  const facts = cache.get(key, kind, stat.stamp);
  return facts ? { facts, mode: stat.mode } : null;
}

async function readColdkeyFacts(ctx: ScanContext, target: Buffer): Promise<ColdkeyFacts | string> {
  let read;
  try {
    read = await ctx.limit(() => ctx.fs.readCapped(target, MAX_KEYFILE_BYTES));
  } catch (error) {
    return `coldkeypub.txt: ${describeFsError(error)}`;
  }
  if (read.kind === 'not-a-file') return 'coldkeypub.txt is not a regular file.';
  let facts: ColdkeyFacts;
  if (read.kind === 'too-large') {
    facts = { kind: 'coldkey', status: 'too-large', message: `coldkeypub.txt is larger than ${KIB} KiB.`, ss58: null };
  } else {
    const parsed = parseColdkeyPubContent(read.bytes);
    facts =
      parsed.status === 'ok'
        ? { kind: 'coldkey', status: 'ok', ss58: parsed.ss58 }
        : { kind: 'coldkey', ...parsed, ss58: null };
  }
  ctx.cache?.put(cacheKey(target), read.stamp, facts);
  return facts;
}

async function readColdkey(
  ctx: ScanContext,
  walletDir: Buffer,
  present: boolean,
  hasPrivate: boolean,
): Promise<ColdkeyInfo> {
  if (!present)
    return {
      status: 'missing',
      ss58: null,
      hasPrivateColdkey: hasPrivate,
      message: 'No coldkeypub.txt; hotkeys can still be used.',
    };
  const target = joinPath(walletDir, COLDKEYPUB);
  const facts = (await cachedFacts(ctx, target, 'coldkey'))?.facts ?? (await readColdkeyFacts(ctx, target));
  if (typeof facts === 'string')
    return { status: 'unreadable', ss58: null, hasPrivateColdkey: hasPrivate, message: facts };
  const { status, message, ss58 } = facts;
  return { status, ...(message === undefined ? {} : { message }), ss58, hasPrivateColdkey: hasPrivate };
}

interface HotkeyCandidate extends NamedEntry {
  /** Display name: `X` for a lone `Xpub.txt`. */
  display: string;
  publicFile: boolean;
  error?: string;
  /** From resolving a symlink: the target's stat, reused to check the cache. */
  stat?: StatResult;
}

function hotkeyEntry(c: HotkeyCandidate, fields: Partial<HotkeyEntry> & Pick<HotkeyEntry, 'status'>): HotkeyEntry {
  return {
    id: c.id,
    name: c.display,
    fileName: c.name,
    ss58: null,
    hasSeed: false,
    permissions: { status: 'unknown', mode: null },
    ...fields,
  };
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
  return {
    kind: 'hotkey',
    status: parsed.status,
    ...(parsed.message === undefined ? {} : { message: parsed.message }),
    ss58: parsed.ss58,
    hasSeed: parsed.seed !== null,
    // An encrypted file holds no plain-text secret, so loose bits on it are not a problem.
    holdsSecret: parsed.status === 'encrypted' ? false : parsed.holdsSecret,
    seedMatches,
  };
}

type Unreadable = { status: 'unreadable'; message: string };

async function readHotkeyFacts(ctx: ScanContext, target: Buffer): Promise<Known<HotkeyFacts> | Unreadable> {
  let read;
  try {
    read = await ctx.limit(() => ctx.fs.readCapped(target, MAX_KEYFILE_BYTES));
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
  ctx.cache?.put(cacheKey(target), read.stamp, facts);
  return { facts, mode: read.mode };
}

async function readHotkey(ctx: ScanContext, dir: Buffer, c: HotkeyCandidate): Promise<HotkeyEntry> {
  if (c.error !== undefined) return hotkeyEntry(c, { status: 'unreadable', message: c.error });
  const target = joinPath(dir, c.bytes);
  // No await on a cold scan: a promise per file is measurable at 20,000 files.
  let known: Known<HotkeyFacts> | Unreadable | null = ctx.cache
    ? await cachedFacts(ctx, target, 'hotkey', c.stat)
    : null;
  // Cached by a scan without verifySeeds: the seed must be read again to be derived.
  if (known && ctx.derive && known.facts.status === 'ok' && known.facts.hasSeed && known.facts.seedMatches === null)
    known = null;
  known ??= await readHotkeyFacts(ctx, target);
  if (!('facts' in known)) return hotkeyEntry(c, known);
  const { facts, mode } = known;
  let { status, message } = facts;
  if (ctx.derive && facts.seedMatches === false) {
    status = 'seed-mismatch';
    message = "secretSeed does not derive the file's ss58Address.";
  }
  if (status === 'public-only' && c.publicFile) message = 'Public hotkey file only (hotkeypub); it cannot sign.';
  return hotkeyEntry(c, {
    status,
    ...(message === undefined ? {} : { message }),
    ss58: facts.ss58,
    hasSeed: facts.hasSeed,
    // The mode comes from this scan's stat or fstat, so a chmod always shows.
    permissions: describePermissions(mode, facts.holdsSecret, ctx.platform),
  });
}

/** btcli semantics: regular files only; `Xpub.txt` is hidden when `X` exists, else shown as `X`. */
async function listHotkeys(ctx: ScanContext, dir: Buffer): Promise<HotkeyCandidate[]> {
  const listed = (await ctx.limit(() => ctx.fs.list(dir))).filter((e) => !isHidden(e.bytes));
  const kinds = await resolveKinds(ctx, dir, listed);
  // latin1 maps bytes 1:1, so pairing works for names that are not valid UTF-8 too.
  const files: Array<{ e: ListedEntry; kind: Resolved; key: string }> = [];
  for (const [i, e] of listed.entries()) {
    const kind = kinds[i];
    if (kind && ('error' in kind || kind.kind === 'file')) files.push({ e, kind, key: e.bytes.toString('latin1') });
  }
  const keys = new Set(files.map((f) => f.key));
  const out: HotkeyCandidate[] = [];
  for (const { e, kind, key } of files) {
    const base = key.endsWith(PUB_SUFFIX) ? key.slice(0, -PUB_SUFFIX.length) : '';
    if (base !== '' && keys.has(base)) continue;
    const entry = entryFromBytes(e.bytes);
    const publicFile = base !== '';
    const candidate: HotkeyCandidate = {
      ...entry,
      display: publicFile ? Buffer.from(base, 'latin1').toString('utf8') : entry.name,
      publicFile,
    };
    if ('error' in kind) candidate.error = kind.error;
    else if (kind.stat) candidate.stat = kind.stat;
    out.push(candidate);
  }
  return out;
}

export function folderStatus(error: unknown): Exclude<FolderStatus, 'ok'> {
  const code = errnoCode(error);
  return code === 'ENOENT' ? 'missing' : code === 'ENOTDIR' ? 'not-a-directory' : 'unreadable';
}

/** One wallet folder. Never throws: every failure becomes a status on the wallet or a hotkey. */
export async function scanWallet(ctx: ScanContext, root: Buffer, named: NamedEntry): Promise<WalletEntry> {
  const walletDir = joinPath(root, named.bytes);
  const base = { id: named.id, name: named.name, hotkeys: [] as HotkeyEntry[] };
  const unreadable = (message: string): WalletEntry => ({
    ...base,
    status: 'unreadable',
    message,
    coldkey: { status: 'unreadable', ss58: null, hasPrivateColdkey: false, message },
    hotkeysFolder: 'unreadable',
  });
  let entries;
  try {
    entries = await ctx.limit(() => ctx.fs.list(walletDir));
  } catch (error) {
    return unreadable(describeFsError(error));
  }
  const find = (name: Buffer) => entries.find((e) => bytesEqual(e.bytes, name));
  const hotkeysEntry = find(HOTKEYS);
  const hotkeysDir = joinPath(walletDir, HOTKEYS);
  const coldkeyPromise = readColdkey(ctx, walletDir, find(COLDKEYPUB) !== undefined, find(COLDKEY) !== undefined);
  let hotkeysFolder: FolderStatus = 'missing';
  let hotkeys: HotkeyEntry[] = [];
  if (hotkeysEntry) {
    try {
      const candidates = await listHotkeys(ctx, hotkeysDir);
      hotkeys = naturalSort(await Promise.all(candidates.map((c) => readHotkey(ctx, hotkeysDir, c))));
      hotkeysFolder = 'ok';
    } catch (error) {
      hotkeysFolder = folderStatus(error);
    }
  }
  return { ...base, status: 'ok', coldkey: await coldkeyPromise, hotkeysFolder, hotkeys };
}
