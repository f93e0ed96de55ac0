import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { errnoCode } from '../fs/errno';
import { stampOf, type FileStamp } from '../fs/file-stamp';
import { NONBLOCKING_READ_FLAGS } from '../fs/read-capped';

/**
 * The filesystem seam for wallet files. Paths are Buffers so names that are not valid UTF-8 still
 * open. Tests wrap `createWalletFs()` to inject EACCES and the like, because they run as root where
 * chmod 000 does not stop reads.
 *
 * Synchronous on purpose: key files are a few hundred bytes, and for 20,000 of them a thread-pool
 * hop per call cost about six times the reads themselves. Discovery keeps the event loop turning
 * by pausing between short slices (`createSlicer`). The price: one syscall that hangs (a dead
 * network mount) blocks the main process until the kernel gives up.
 */
export type { FileStamp };

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface ListedEntry {
  bytes: Buffer;
  kind: EntryKind;
}

export interface StatResult {
  kind: EntryKind;
  /** Permission bits, `st_mode & 0o777`. */
  mode: number;
  stamp: FileStamp;
}

export type CappedRead =
  | { kind: 'content'; bytes: Buffer; mode: number; stamp: FileStamp }
  | { kind: 'too-large'; mode: number; stamp: FileStamp }
  | { kind: 'not-a-file' };

export interface WalletFs {
  list(dir: Buffer): ListedEntry[];
  /**
   * The same listing as one string, each entry's kind letter and name (latin1, so bytes map 1:1)
   * split by `/`: what a wallet memo compares (`listingText`), without a Buffer per name.
   */
  listText(dir: Buffer): string;
  /**
   * Whether any entry (a dangling link too: not followed) is at `target`; false when there is
   * none (ENOENT, ENOTDIR), throws for anything else (EACCES, ELOOP, EIO).
   */
  exists(target: Buffer): boolean;
  /** Follows symlinks, as btcli's isfile/isdir do. A string is a path already in the platform's encoding. */
  stat(target: Buffer | string): StatResult;
  /**
   * Read a regular file of at most `cap` bytes; never reads more than `cap + 1` bytes. The content
   * is a view of this instance's private buffer, valid until its next `readCapped`: the caller
   * parses it and then zeroes it (`bytes.fill(0)`), so no key file outlives its parse in memory.
   */
  readCapped(target: Buffer, cap: number): CappedRead;
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (entry.isSymbolicLink()) return 'symlink';
  return 'other';
}

const statResult = (st: fs.Stats): StatResult => ({ kind: kindOf(st), mode: st.mode & 0o777, stamp: stampOf(st) });

/** Read into `buf` from its start until EOF, the promised `size`, or the buffer is full. */
function readInto(fd: number, buf: Buffer, size: number): number {
  let total = 0;
  while (total < buf.length) {
    const n = fs.readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) break;
    total += n;
    // The buffer holds one byte more than the cap, so asking for all of it notices a file that grew
    // (or lies about its size, like /proc); a short read of exactly the promised size is EOF, which
    // saves the second read() per file.
    if (total === size) break;
  }
  return total;
}

/** One letter per entry kind in a listing's text (`listText`, wallet-memo.ts). */
export const KIND_LETTER = { file: 'f', dir: 'd', symlink: 'l', other: 'o' } as const;

export function createWalletFs(): WalletFs {
  // Its own memory (not Node's shared pool, whose memory is reused for unrelated data); every
  // caller zeroes the bytes it was given, and an over-cap read is zeroed here.
  let scratch = Buffer.alloc(0);
  return {
    list: (dir) =>
      fs.readdirSync(dir, { encoding: 'buffer', withFileTypes: true }).map((e) => ({ bytes: e.name, kind: kindOf(e) })),
    listText: (dir) => {
      let text = '';
      for (const e of fs.readdirSync(dir, { encoding: 'latin1', withFileTypes: true }))
        text += (text === '' ? '' : '/') + KIND_LETTER[kindOf(e)] + e.name;
      return text;
    },
    exists: (target) => {
      try {
        // throwIfNoEntry: no Error is built for the common "not there" (building one costs more than the call).
        return fs.lstatSync(target, { throwIfNoEntry: false }) !== undefined;
      } catch (error) {
        // A file where a folder on the way should be: nothing at the path either.
        if (errnoCode(error) === 'ENOTDIR') return false;
        throw error;
      }
    },
    stat: (target) => statResult(fs.statSync(target)),
    readCapped: (target, cap) => {
      // Non-blocking: a FIFO swapped in after the listing must not park the process.
      const fd = fs.openSync(target, NONBLOCKING_READ_FLAGS);
      try {
        const st = fs.fstatSync(fd);
        if (!st.isFile()) return { kind: 'not-a-file' };
        const mode = st.mode & 0o777;
        // The stamp of the file actually opened (not of a path stat before it), so a cache keyed by
        // it can never pair new content with an old stamp.
        const stamp = stampOf(st);
        if (st.size > cap) return { kind: 'too-large', mode, stamp };
        if (scratch.length < cap + 1) scratch = Buffer.alloc(cap + 1);
        const buf = scratch.subarray(0, cap + 1);
        const total = readInto(fd, buf, st.size);
        if (total > cap) {
          buf.fill(0);
          return { kind: 'too-large', mode, stamp };
        }
        return { kind: 'content', bytes: buf.subarray(0, total), mode, stamp };
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/**
 * Synchronous work in slices of at most `budgetMs`: `due()` is cheap enough to ask after every
 * file, and `pause()` lets the event loop run (IPC, timers, other requests) before the next slice.
 */
export interface Slicer {
  due(): boolean;
  pause(): Promise<void>;
}

export function createSlicer(budgetMs = 8): Slicer {
  let sliceStart = performance.now();
  return {
    due: () => performance.now() - sliceStart >= budgetMs,
    pause: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          sliceStart = performance.now();
          resolve();
        }),
      ),
  };
}

/** Join Buffer path segments with the platform separator. */
const SEP = Buffer.from(process.platform === 'win32' ? '\\' : '/');

export function joinPath(base: Buffer, ...parts: Buffer[]): Buffer {
  const chunks: Buffer[] = [base];
  for (const part of parts) chunks.push(SEP, part);
  return Buffer.concat(chunks);
}
