import path from 'node:path';
import fs from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoCode } from '../fs/errno';
import { NONBLOCKING_READ_FLAGS } from '../fs/read-capped';
import { pushStamp, STAMP_FIELDS, type FileStamp } from '../fs/file-stamp';
import { describeError, log } from '../log';
import { describeFsError } from './fs-messages';
import type { WalletEntry } from '../../shared/wallets';
import { cacheKey, type WalletMemo } from './discovery-cache';
import { WALLET_NAMES } from './list-entries';
import { entryFromBytes } from './names';
import { savedEntryOf } from './saved-entry';

/**
 * The wallet memos of the last run, saved in the data folder so that a fresh app's first scan
 * costs a stat per key file instead of open + read + parse (the rescan's cost, wallet-memo.ts).
 * A saved memo is trusted exactly as far as one kept in memory: it is used only while every file
 * it rests on still has the stamp it had when it was read, so a file changed while the app was
 * closed is read again. It holds what the wallet list shows (names, addresses, statuses, modes)
 * and file stamps; no seed, no file contents. Any trouble reading it means starting without it.
 *
 * Each thread saves the memos it holds: the main thread `wallet-scan.json`, the scan helper
 * (scan-job.ts) `wallet-scan-helper.json`, for the wallets it scanned. A fresh app adopts both.
 */
export const SAVED_SCAN_FILES = { main: 'wallet-scan.json', helper: 'wallet-scan-helper.json' } as const;
export type SavedScanPart = keyof typeof SAVED_SCAN_FILES;

const VERSION = 1;

/**
 * What a saved file is for: the wallets folder (a `cacheKey`) and the app version that saved it.
 * Another version may word a status differently or find what this one did not, so its memos are
 * never used: a new version starts by reading the files.
 */
export interface SavedScanFor {
  rootKey: string;
  app: string;
}

/** Where a thread saves its part, and for which app version. */
export interface SaveTarget {
  file: string;
  app: string;
}
/** A folder of 1,000 wallets x 20 hotkeys saves about 5 MB; anything past this is not ours to parse. */
export const MAX_SAVED_SCAN_BYTES = 64 * 1024 * 1024;

/**
 * A memo as saved: wallet folder name and hotkey file names as cache-key text (latin1, so any
 * bytes survive), with the paths rebuilt from the folder on loading; stamps flat, as memos hold them.
 */
type SavedWallet = [
  name: string,
  hasPrivate: boolean,
  coldkeypub: number[] | null,
  listing: string,
  files: string[],
  stamps: number[],
  entry: WalletEntry,
];

interface SavedFile {
  version: number;
  app: string;
  root: string;
  wallets: SavedWallet[];
}

const stampAt = ([dev, ino, size, mtimeMs, ctimeMs, mode]: number[]): FileStamp => ({
  dev: dev ?? NaN,
  ino: ino ?? NaN,
  size: size ?? NaN,
  mtimeMs: mtimeMs ?? NaN,
  ctimeMs: ctimeMs ?? NaN,
  mode: mode ?? NaN,
});

/** Paths inside a wallet folder, as cache keys (`cacheKey` of the joined path bytes). */
function walletPaths(rootKey: string, sep: string, name: string) {
  const wallet = rootKey + sep + name;
  return {
    wallet,
    coldkeypub: wallet + sep + cacheKey(WALLET_NAMES.COLDKEYPUB),
    hotkeysKey: wallet + sep + cacheKey(WALLET_NAMES.HOTKEYS) + sep,
  };
}

/** The memos of wallets directly under `rootKey`, as the text of a saved file, and how many it holds. */
export function savedScanText(
  memos: Iterable<[string, WalletMemo]>,
  { rootKey, app }: SavedScanFor,
  sep: string,
): { text: string; wallets: number } {
  const wallets: SavedWallet[] = [];
  const prefix = rootKey + sep;
  for (const [key, memo] of memos) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (name.length === 0 || name.includes(sep)) continue;
    const paths = walletPaths(rootKey, sep, name);
    // Only what loading rebuilds the same way: anything else is left for the next run to read.
    if (memo.coldkeypub && memo.coldkeypub.key !== paths.coldkeypub) continue;
    if (memo.hotkeysKey !== paths.hotkeysKey || memo.stamps.length !== memo.files.length * STAMP_FIELDS) continue;
    const cold: number[] | null = memo.coldkeypub ? [] : null;
    if (cold && memo.coldkeypub) pushStamp(cold, memo.coldkeypub.stamp);
    wallets.push([name, memo.hasPrivate, cold, memo.listing, memo.files, memo.stamps, memo.entry]);
  }
  const file: SavedFile = { version: VERSION, app, root: rootKey, wallets };
  return { text: JSON.stringify(file), wallets: wallets.length };
}

const isNumbers = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) && (length === undefined || v.length === length) && v.every((n) => typeof n === 'number');

function memoOf(saved: unknown, rootKey: string, sep: string): [string, WalletMemo] | null {
  if (!Array.isArray(saved) || saved.length !== 7) return null;
  const [name, hasPrivate, cold, listing, files, stamps, entry] = saved as unknown[];
  if (typeof name !== 'string' || name.length === 0 || name.includes(sep)) return null;
  if (typeof hasPrivate !== 'boolean' || typeof listing !== 'string') return null;
  if (cold !== null && !isNumbers(cold, STAMP_FIELDS)) return null;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f.length > 0 && !f.includes(sep)))
    return null;
  if (!isNumbers(stamps, files.length * STAMP_FIELDS)) return null;
  const checked = savedEntryOf(entry, entryFromBytes(Buffer.from(name, 'latin1')), files.length);
  if (!checked) return null;
  const paths = walletPaths(rootKey, sep, name);
  const memo: WalletMemo = {
    hasPrivate,
    coldkeypub: cold ? { key: paths.coldkeypub, stamp: stampAt(cold) } : null,
    listing,
    hotkeysKey: paths.hotkeysKey,
    files: files as string[],
    stamps,
    entry: checked,
  };
  return [paths.wallet, memo];
}

/** A saved file's memos, or null when it is not ours, or for another folder or app version. */
export function memosFromText(
  text: string,
  sep: string,
  { rootKey, app }: SavedScanFor,
): Array<[string, WalletMemo]> | null {
  const file = JSON.parse(text) as Partial<SavedFile> | null;
  if (file?.version !== VERSION || file.app !== app || file.root !== rootKey || !Array.isArray(file.wallets))
    return null;
  const memos: Array<[string, WalletMemo]> = [];
  for (const saved of file.wallets) {
    const memo = memoOf(saved, rootKey, sep);
    if (memo) memos.push(memo);
  }
  return memos;
}

export const savedScanPath = (dataDir: string, part: SavedScanPart): string =>
  path.join(dataDir, SAVED_SCAN_FILES[part]);

/**
 * The file's text, or null when there is none. Synchronous, as discovery's own reads are: the
 * first scan waits for it anyway, and on a busy start an async read queued behind the other
 * startup file work for several times its own cost. Opened without blocking and checked through
 * the same handle to be a regular file (read-capped.ts): a FIFO planted here is refused.
 */
function readSavedText(file: string): string | null | { problem: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, NONBLOCKING_READ_FLAGS);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not a regular file' };
    if (stat.size > MAX_SAVED_SCAN_BYTES) return { problem: `larger than ${MAX_SAVED_SCAN_BYTES} bytes` };
    const bytes = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < bytes.length) {
      const n = fs.readSync(fd, bytes, length, bytes.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return bytes.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One part's memos, or null when there is none (the first run, or one that never finished a scan)
 * or it cannot be used: that is logged, never thrown.
 */
export function loadSavedPart(file: string, forScan: SavedScanFor, sep = path.sep): Array<[string, WalletMemo]> | null {
  const notUsed = (why: string) => {
    log.warn(`saved wallet scan ${path.basename(file)} not used: ${why}`);
    return null;
  };
  try {
    const text = readSavedText(file);
    if (text === null) return null;
    if (typeof text !== 'string') return notUsed(text.problem);
    return memosFromText(text, sep, forScan);
  } catch (error) {
    // JSON.parse's message quotes the text; the log says only what was wrong.
    return notUsed(error instanceof SyntaxError ? 'not valid JSON' : describeFsError(error));
  }
}

/** Write one part; a failure is logged (the next run simply scans without it). */
export async function saveScanPart(file: string, text: string): Promise<void> {
  if (text.length > MAX_SAVED_SCAN_BYTES) return;
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    log.warn(`wallet scan not saved: ${describeError(error)}`);
  }
}
