import { describeFsError } from './fs-messages';
import { MAX_KEYFILE_BYTES, parseColdkeyPubContent, parseHotkeyContent } from './keyfile';
import { entryFromBytes, naturalSort, type NamedEntry } from './names';
import { describePermissions } from './permissions';
import { bytesEqual } from './ss58';
import type { ColdkeyInfo, FolderStatus, HotkeyEntry, WalletEntry } from '../../shared/wallets';
import { errnoCode, joinPath, type EntryKind, type Limiter, type WalletFs } from './wallet-fs';

/** Shared by every wallet of one scan. `derive` is set only when `verifySeeds` was asked for. */
export interface ScanContext {
  fs: WalletFs;
  limit: Limiter;
  derive: ((seed: Uint8Array) => Uint8Array) | null;
  platform: NodeJS.Platform;
}

const COLDKEYPUB = Buffer.from('coldkeypub.txt');
const COLDKEY = Buffer.from('coldkey');
const HOTKEYS = Buffer.from('hotkeys');
const PUB_SUFFIX = 'pub.txt';
const KIB = MAX_KEYFILE_BYTES / 1024;

export const isHidden = (bytes: Buffer): boolean => bytes[0] === 0x2e;

/**
 * Resolve what an entry really is. Symlinks and DT_UNKNOWN entries (some network filesystems)
 * need a stat; a failure is returned, not thrown, so one bad link never aborts the walk.
 */
export async function resolveKind(ctx: ScanContext, target: Buffer, kind: EntryKind): Promise<EntryKind | { error: string }> {
  if (kind === 'file' || kind === 'dir') return kind;
  try {
    return (await ctx.limit(() => ctx.fs.stat(target))).kind;
  } catch (error) {
    return { error: describeFsError(error, kind === 'symlink') };
  }
}

async function readColdkey(ctx: ScanContext, walletDir: Buffer, present: boolean, hasPrivate: boolean): Promise<ColdkeyInfo> {
  const info = { ss58: null, hasPrivateColdkey: hasPrivate };
  if (!present) return { ...info, status: 'missing', message: 'No coldkeypub.txt; hotkeys can still be used.' };
  try {
    const read = await ctx.limit(() => ctx.fs.readCapped(joinPath(walletDir, COLDKEYPUB), MAX_KEYFILE_BYTES));
    if (read.kind === 'not-a-file') return { ...info, status: 'unreadable', message: 'coldkeypub.txt is not a regular file.' };
    if (read.kind === 'too-large') return { ...info, status: 'too-large', message: `coldkeypub.txt is larger than ${KIB} KiB.` };
    const parsed = parseColdkeyPubContent(read.bytes);
    return parsed.status === 'ok' ? { ...info, status: 'ok', ss58: parsed.ss58 } : { ...info, ...parsed };
  } catch (error) {
    return { ...info, status: 'unreadable', message: `coldkeypub.txt: ${describeFsError(error)}` };
  }
}

interface HotkeyCandidate extends NamedEntry {
  /** Display name: `X` for a lone `Xpub.txt`. */
  display: string;
  publicFile: boolean;
  error?: string;
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

async function readHotkey(ctx: ScanContext, dir: Buffer, c: HotkeyCandidate): Promise<HotkeyEntry> {
  if (c.error !== undefined) return hotkeyEntry(c, { status: 'unreadable', message: c.error });
  let read;
  try {
    read = await ctx.limit(() => ctx.fs.readCapped(joinPath(dir, c.bytes), MAX_KEYFILE_BYTES));
  } catch (error) {
    return hotkeyEntry(c, { status: 'unreadable', message: describeFsError(error) });
  }
  if (read.kind === 'not-a-file') return hotkeyEntry(c, { status: 'unreadable', message: 'Not a regular file.' });
  const unknownPerms = describePermissions(read.mode, null, ctx.platform);
  if (read.kind === 'too-large') {
    return hotkeyEntry(c, { status: 'too-large', message: `Larger than ${KIB} KiB; not a hotkey file.`, permissions: unknownPerms });
  }
  const parsed = parseHotkeyContent(read.bytes);
  read.bytes.fill(0);
  let { status, message } = parsed;
  if (status === 'ok' && parsed.seed && parsed.publicKey && ctx.derive && !bytesEqual(ctx.derive(parsed.seed), parsed.publicKey)) {
    status = 'seed-mismatch';
    message = "secretSeed does not derive the file's ss58Address.";
  }
  parsed.seed?.fill(0);
  if (status === 'public-only' && c.publicFile) message = 'Public hotkey file only (hotkeypub); it cannot sign.';
  return hotkeyEntry(c, {
    status,
    ...(message === undefined ? {} : { message }),
    ss58: parsed.ss58,
    hasSeed: parsed.seed !== null,
    permissions: describePermissions(read.mode, status === 'encrypted' ? false : parsed.holdsSecret, ctx.platform),
  });
}

/** btcli semantics: regular files only; `Xpub.txt` is hidden when `X` exists, else shown as `X`. */
async function listHotkeys(ctx: ScanContext, dir: Buffer): Promise<HotkeyCandidate[]> {
  const listed = (await ctx.limit(() => ctx.fs.list(dir))).filter((e) => !isHidden(e.bytes));
  const resolved = await Promise.all(listed.map(async (e) => ({ e, kind: await resolveKind(ctx, joinPath(dir, e.bytes), e.kind) })));
  const files = resolved.filter(({ kind }) => typeof kind === 'object' || kind === 'file');
  // latin1 maps bytes 1:1, so pairing works for names that are not valid UTF-8 too.
  const keys = new Set(files.map(({ e }) => e.bytes.toString('latin1')));
  const out: HotkeyCandidate[] = [];
  for (const { e, kind } of files) {
    const entry = entryFromBytes(e.bytes);
    const key = e.bytes.toString('latin1');
    const base = key.endsWith(PUB_SUFFIX) ? key.slice(0, -PUB_SUFFIX.length) : '';
    if (base !== '' && keys.has(base)) continue;
    const publicFile = base !== '';
    const display = publicFile ? Buffer.from(base, 'latin1').toString('utf8') : entry.name;
    out.push({ ...entry, display, publicFile, ...(typeof kind === 'object' ? { error: kind.error } : {}) });
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
