import { describeFsError } from './fs-messages';
import { entryFromBytes, type NamedEntry } from './names';
import type { ScanContext } from './scan-wallet';
import { joinPath, type EntryKind, type ListedEntry, type StatResult } from './wallet-fs';

/** Listing folders for a scan: what each entry really is, and which files of `hotkeys/` are hotkeys. */

/** What a wallet folder is made of, looked up by name as btcli does. */
export const WALLET_NAMES = {
  COLDKEY: Buffer.from('coldkey'),
  COLDKEYPUB: Buffer.from('coldkeypub.txt'),
  HOTKEYS: Buffer.from('hotkeys'),
} as const;

export const isHidden = (bytes: Buffer): boolean => bytes[0] === 0x2e;

/** An entry's real kind; `stat` is kept when one was needed, so a rescan need not stat it again. */
export type Resolved = { kind: EntryKind; stat?: StatResult } | { error: string };

/**
 * Resolve what an entry really is. Symlinks and DT_UNKNOWN entries (some network filesystems)
 * need a stat; a failure is returned, not thrown, so one bad link never aborts the walk.
 */
function resolveKind(ctx: ScanContext, target: Buffer, kind: EntryKind): Resolved {
  try {
    const stat = ctx.fs.stat(target);
    return { kind: stat.kind, stat };
  } catch (error) {
    return { error: describeFsError(error, kind === 'symlink') };
  }
}

const FILE: Resolved = { kind: 'file' };
const DIR: Resolved = { kind: 'dir' };

/** Kinds for a listing, in order. Only symlinks and unknown entries cost a stat. */
export function resolveKinds(ctx: ScanContext, dir: Buffer, listed: ListedEntry[]): Resolved[] {
  return listed.map((e) =>
    e.kind === 'file' ? FILE : e.kind === 'dir' ? DIR : resolveKind(ctx, joinPath(dir, e.bytes), e.kind),
  );
}

export interface HotkeyCandidate extends NamedEntry {
  /** Display name: `X` for a lone `Xpub.txt`. */
  display: string;
  publicFile: boolean;
  error?: string;
  /** From resolving a symlink: the target's stat, reused to check the cache. */
  stat?: StatResult;
}

const PUB_SUFFIX = 'pub.txt';
const PUB = Buffer.from(PUB_SUFFIX, 'latin1');
const endsWithPub = (bytes: Buffer): boolean =>
  bytes.length > PUB.length && bytes.compare(PUB, 0, PUB.length, bytes.length - PUB.length) === 0;

/**
 * The hotkeys in a listing of `dir` (every entry, as `ctx.fs.list` gave it), with btcli's
 * semantics: regular files only; `Xpub.txt` is hidden when `X` exists, else shown as `X`.
 */
export function hotkeyCandidates(ctx: ScanContext, dir: Buffer, all: ListedEntry[]): HotkeyCandidate[] {
  const listed = all.filter((e) => !isHidden(e.bytes));
  const kinds = resolveKinds(ctx, dir, listed);
  const files: Array<{ e: ListedEntry; kind: Resolved }> = [];
  let anyPub = false;
  for (const [i, e] of listed.entries()) {
    const kind = kinds[i];
    if (!kind || !('error' in kind || kind.kind === 'file')) continue;
    files.push({ e, kind });
    anyPub ||= endsWithPub(e.bytes);
  }
  // latin1 maps bytes 1:1, so pairing works for names that are not valid UTF-8 too.
  const names = anyPub ? new Set(files.map((f) => f.e.bytes.toString('latin1'))) : null;
  const out: HotkeyCandidate[] = [];
  for (const { e, kind } of files) {
    const base = names && endsWithPub(e.bytes) ? e.bytes.subarray(0, e.bytes.length - PUB.length) : null;
    if (base && names?.has(base.toString('latin1'))) continue;
    const entry = entryFromBytes(e.bytes);
    const candidate: HotkeyCandidate = {
      bytes: entry.bytes,
      id: entry.id,
      name: entry.name,
      display: base ? entryFromBytes(base).name : entry.name,
      publicFile: base !== null,
    };
    if ('error' in kind) candidate.error = kind.error;
    else if (kind.stat) candidate.stat = kind.stat;
    out.push(candidate);
  }
  return out;
}
