import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { NONBLOCKING_READ_FLAGS } from '../fs/read-capped';

/**
 * The filesystem seam for discovery. Paths are Buffers so names that are not valid UTF-8 still
 * open. Tests wrap `nodeWalletFs` to inject EACCES and the like, because they run as root where
 * chmod 000 does not stop reads.
 */
export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface ListedEntry {
  bytes: Buffer;
  kind: EntryKind;
}

/**
 * What a rescan compares to trust an earlier read of the same path: any rewrite changes mtime and
 * ctime, chmod changes ctime and mode, and a replacement (rename over, new symlink target) changes
 * dev/ino.
 */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Full st_mode, type bits included. */
  mode: number;
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
  list(dir: Buffer): Promise<ListedEntry[]>;
  /** Follows symlinks, as btcli's isfile/isdir do. */
  stat(target: Buffer): Promise<StatResult>;
  /** Read a regular file of at most `cap` bytes; never reads more than `cap + 1` bytes. */
  readCapped(target: Buffer, cap: number): Promise<CappedRead>;
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (entry.isSymbolicLink()) return 'symlink';
  return 'other';
}

export const stampOf = (st: fs.Stats): FileStamp => ({
  dev: st.dev,
  ino: st.ino,
  size: st.size,
  mtimeMs: st.mtimeMs,
  ctimeMs: st.ctimeMs,
  mode: st.mode,
});

const statResult = (st: fs.Stats): StatResult => ({ kind: kindOf(st), mode: st.mode & 0o777, stamp: stampOf(st) });

// A FIFO swapped in after the listing must not park a thread forever: the same flags as every on-request read.
const READ_FLAGS = NONBLOCKING_READ_FLAGS;

export type Alloc = (size: number) => Buffer;

/**
 * Zeroed buffers carved from 256 KiB slabs and never handed out twice: one ArrayBuffer per file
 * made garbage collection the biggest cost of a 20,000-file scan. Not Node's allocUnsafe pool,
 * whose memory is reused for unrelated data; callers wipe each buffer after parsing it.
 */
export function createSlabAllocator(slabSize = 256 * 1024): Alloc {
  let slab = Buffer.alloc(0);
  let used = 0;
  return (size) => {
    if (size > slabSize / 4) return Buffer.alloc(size);
    if (used + size > slab.length) {
      slab = Buffer.alloc(slabSize);
      used = 0;
    }
    used += size;
    return slab.subarray(used - size, used);
  };
}

/** The capped read as a generator over the primitives, so both engines share one implementation. */
type Step = { op: 'fstat' } | { op: 'read'; buf: Buffer; offset: number };
function* cappedRead(cap: number, alloc: Alloc): Generator<Step, CappedRead, fs.Stats | number> {
  const st = (yield { op: 'fstat' }) as fs.Stats;
  const mode = st.mode & 0o777;
  if (!st.isFile()) return { kind: 'not-a-file' };
  // The stamp of the file actually opened (not of a path stat before it), so a cache keyed by it
  // can never pair new content with an old stamp.
  const stamp = stampOf(st);
  if (st.size > cap) return { kind: 'too-large', mode, stamp };
  let buf = alloc(st.size + 1);
  let total = 0;
  for (;;) {
    // Ask for one byte more than fstat promised, so a file that grew (or lies, like /proc) is
    // noticed; getting exactly the promised size back is EOF, which saves a second read() per file.
    const n = (yield { op: 'read', buf, offset: total }) as number;
    if (n === 0) break;
    total += n;
    if (total < buf.length) {
      if (total === st.size) break;
      continue;
    }
    if (total > cap) {
      buf.fill(0);
      return { kind: 'too-large', mode, stamp };
    }
    const bigger = alloc(Math.min(buf.length * 2, cap + 1));
    buf.copy(bigger);
    buf.fill(0);
    buf = bigger;
  }
  return { kind: 'content', bytes: buf.subarray(0, total), mode, stamp };
}

const toListed = (entries: fs.Dirent<Buffer>[]): ListedEntry[] =>
  entries.map((e) => ({ bytes: e.name, kind: kindOf(e) }));

// Callback fs rather than fs.promises/FileHandle: less overhead per call at 20k files.
const cb = <T>(call: (done: (error: Error | null, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));

/** libuv thread-pool I/O: the main thread never waits on the disk, but every call costs a thread hop. */
export const nodeWalletFs: WalletFs = {
  list: async (dir) => toListed(await fs.promises.readdir(dir, { encoding: 'buffer', withFileTypes: true })),
  stat: async (target) => statResult(await cb<fs.Stats>((done) => fs.stat(target, done))),
  readCapped: async (target, cap) => {
    const fd = await cb<number>((done) => fs.open(target, READ_FLAGS, done));
    try {
      const steps = cappedRead(cap, (size) => Buffer.alloc(size));
      let next = steps.next(0);
      while (!next.done) {
        const step = next.value;
        next = steps.next(
          step.op === 'fstat'
            ? await cb<fs.Stats>((done) => fs.fstat(fd, done))
            : await cb<number>((done) => fs.read(fd, step.buf, step.offset, step.buf.length - step.offset, null, done)),
        );
      }
      return next.value;
    } finally {
      await new Promise<void>((resolve) => fs.close(fd, () => resolve()));
    }
  },
};

/**
 * Synchronous syscalls in slices of at most `budgetMs`, yielding to the event loop (setImmediate)
 * between slices. Several times faster than thread-pool I/O for thousands of tiny files (no thread
 * hop per call), while IPC and timers still run every few milliseconds. The price: one syscall that
 * hangs (a dead network mount) blocks the main process; use `nodeWalletFs` (io: 'async') there.
 */
export function createSlicedSyncFs(budgetMs = 8): WalletFs {
  const alloc = createSlabAllocator();
  let sliceStart = performance.now();
  let pause: Promise<void> | null = null;
  // One pause is shared by every caller that finds the slice used up; after it they all proceed,
  // so a slice may overrun by at most one call per in-flight task (the limiter bounds those).
  const turn = async () => {
    if (performance.now() - sliceStart < budgetMs) return;
    pause ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        pause = null;
        sliceStart = performance.now();
        resolve();
      }),
    );
    await pause;
  };
  return {
    list: async (dir) => {
      await turn();
      return toListed(fs.readdirSync(dir, { encoding: 'buffer', withFileTypes: true }));
    },
    stat: async (target) => {
      await turn();
      return statResult(fs.statSync(target));
    },
    readCapped: async (target, cap) => {
      await turn();
      const fd = fs.openSync(target, READ_FLAGS);
      try {
        const steps = cappedRead(cap, alloc);
        let next = steps.next(0);
        while (!next.done) {
          const step = next.value;
          next = steps.next(
            step.op === 'fstat'
              ? fs.fstatSync(fd)
              : fs.readSync(fd, step.buf, step.offset, step.buf.length - step.offset, null),
          );
        }
        return next.value;
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

const noop = (): void => undefined;

/** At most `size` tasks in flight; a slot is held only for one filesystem call, never nested. */
export function createLimiter(size: number): Limiter {
  let active = 0;
  // A queue with a moving head: Array#shift is O(n), and 20,000 waiters made it quadratic.
  let waiting: Array<() => void> = [];
  let head = 0;
  // A released slot is handed straight to the next waiter, so a newcomer cannot slip in between.
  const release = () => {
    const next = waiting[head];
    if (!next) {
      active--;
      return;
    }
    waiting[head++] = noop;
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    } else if (head > 1024 && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
    next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * `fn` over `items` with at most `size` calls running, results in input order. For work that
 * fans out further (a wallet's files): starting it all at once keeps every pending promise alive
 * across garbage collections, which costs more than the work itself.
 */
export async function mapBounded<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  return out;
}

/** Join Buffer path segments with the platform separator. */
const SEP = Buffer.from(process.platform === 'win32' ? '\\' : '/');

export function joinPath(base: Buffer, ...parts: Buffer[]): Buffer {
  const chunks: Buffer[] = [base];
  for (const part of parts) chunks.push(SEP, part);
  return Buffer.concat(chunks);
}
