import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  promises as fs,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { ACTIVITY_BODY_FAILURES, activityServer, type ActivityEntry, type ActivityPage } from '../../shared/activity';
import { AppFailure } from '../../shared/errors';
import { lockPathFor, withFileLock } from '../concurrency/file-lock';
import { describeFsError, shownPath } from '../fs/fs-errors';
import { describeError, log } from '../log';
import { readPage } from './activity-read';

export type { ActivityEntry, ActivityPage };

export interface ActivityLog {
  /** Never throws: a full disk must not fail the call being recorded. */
  append(entry: ActivityEntry): Promise<void>;
  /**
   * Newest (by start time) first; at most `limit` (capped at 1,000); `before` = ISO time, exclusive;
   * with what the page leaves out: older entries, an unreadable older file, calls not recorded.
   */
  read(opts?: ListOptions): Promise<ActivityPage>;
}

export interface ListOptions {
  limit?: number;
  before?: string;
}

/** Why entries were not written, in words for the Activity panel. */
class NotRecorded extends Error {}

export const ACTIVITY_FILE = 'activity.jsonl';
export const MAX_LIST = 1000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** How long the file stays open after the last entry. */
const HOLD_MS = 2000;
const APPEND_FLAGS =
  process.platform === 'win32'
    ? constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT
    : constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK | constants.O_NOCTTY;

/** Rebuild an entry field by field, so nothing but the declared public facts is ever written. */
function clean(entry: ActivityEntry): ActivityEntry {
  const out: ActivityEntry = {
    time: entry.time,
    method: entry.method.toUpperCase(),
    path: entry.path.split('?')[0] ?? '',
    auth: entry.auth,
    durationMs: Math.max(0, Math.round(entry.durationMs)),
  };
  const server = entry.server ? activityServer(entry.server) : null;
  if (server) out.server = server;
  if (entry.hotkey) out.hotkey = entry.hotkey;
  if (entry.purpose) out.purpose = entry.purpose;
  if (entry.bodySha256 && /^[0-9a-f]{64}$/.test(entry.bodySha256)) out.bodySha256 = entry.bodySha256;
  if (entry.status !== undefined) out.status = entry.status;
  if (entry.bodyFailure && ACTIVITY_BODY_FAILURES.includes(entry.bodyFailure)) out.bodyFailure = entry.bodyFailure;
  if (entry.failure) out.failure = entry.failure;
  return out;
}

/** A short write (a nearly full disk) must not leave half a line for the next entry to run into. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) {
    const n = writeSync(fd, bytes, done);
    if (n <= 0) throw new Error('the activity log accepted no more bytes');
    done += n;
  }
}

/** Append-only JSON-lines log in `dir`, mode 0600, rotated to `<file>.1` past `maxBytes`. */
export function createActivityLog(dir: string, opts: { maxBytes?: number } = {}): ActivityLog {
  const file = path.join(dir, ACTIVITY_FILE);
  const rotated = `${file}.1`;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // Appends are chained so concurrent calls never interleave a rotation with a write.
  let queue: Promise<void> = Promise.resolve();
  /** Lines appended but not written yet: a burst of requests is written with one open/write/close. */
  let unwritten: string[] = [];

  const lockPath = lockPathFor(dir, ACTIVITY_FILE);
  const currentSize = () =>
    fs.stat(file).then(
      (s) => s.size,
      () => 0,
    );

  /**
   * Appends need no lock (O_APPEND lines land whole), but rotation is a read-modify-write: two
   * processes rotating at once would rename a fresh file over the one just rotated. Under the
   * lock, rotate only if the file is still over the limit.
   */
  async function rotate(lineLength: number): Promise<void> {
    await withFileLock(
      lockPath,
      async () => {
        const size = await currentSize();
        if (size > 0 && size + lineLength > maxBytes) {
          await fs.rename(file, rotated).catch((error: unknown) => {
            throw new NotRecorded(
              `${shownPath(file)} is full, and moving it to ${path.basename(rotated)} failed: ${describeFsError(error)}`,
            );
          });
        }
      },
      { what: 'the activity log', timeoutMs: 2_000 },
    );
  }

  let dirReady = false;

  /** Open for append, creating the folder once per process (again only if it vanished). */
  function openLog(): number {
    if (!dirReady) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      dirReady = true;
    }
    try {
      // O_NONBLOCK: a FIFO put in the file's place must not hold every signed call until a reader comes.
      return openSync(file, APPEND_FLAGS, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      dirReady = false;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      dirReady = true;
      return openSync(file, APPEND_FLAGS, 0o600);
    }
  }

  /**
   * The log file kept open between writes, so an entry costs a stat and a write rather than
   * open + fstat + write + close. Let go after a quiet spell, and whenever the path no longer
   * names the file held (the other process on this data folder rotated it, or someone removed it).
   */
  let held: { fd: number; dev: number; ino: number } | null = null;
  const release = () => {
    if (!held) return;
    const { fd } = held;
    held = null;
    try {
      closeSync(fd);
    } catch {
      // already gone; nothing to keep
    }
  };
  /** Started by the first entry, not when the log is created (at launch). */
  let idle: NodeJS.Timeout | null = null;

  /** The held file and its current stat (size, mode), checked to still be at the path and regular. */
  function current(): { fd: number; st: Stats } {
    const onDisk = statSync(file, { throwIfNoEntry: false });
    if (held && (!onDisk || onDisk.ino !== held.ino || onDisk.dev !== held.dev)) release();
    if (held && onDisk) return { fd: held.fd, st: onDisk };
    const fd = openLog();
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new NotRecorded(`${shownPath(file)} is not a regular file`);
      held = { fd, dev: st.dev, ino: st.ino };
      return { fd, st };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Append `lines` unless the file must be rotated first (then nothing is written). */
  function appendNow(lines: string, mayRotate: boolean): 'written' | 'rotate' {
    try {
      const { fd, st } = current();
      if (mayRotate && st.size > 0 && st.size + lines.length > maxBytes) return 'rotate';
      writeAll(fd, Buffer.from(lines, 'utf8'));
      // The mode only applies on creation; tighten a file someone else created.
      if ((st.mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
      if (idle) idle.refresh();
      else idle = setTimeout(release, HOLD_MS).unref();
      return 'written';
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * Synchronous, on purpose: this runs after every signed request, and a few hundred bytes
   * appended to a local file take microseconds, where four thread-pool round trips (open, fstat,
   * write, close) each woke the event loop and queued in front of the next request's own file
   * reads (measured: a 50-line .env import 10% faster). Only a rotation waits for the lock.
   */
  async function write(lines: string): Promise<void> {
    if (appendNow(lines, true) === 'written') return;
    release();
    await rotate(lines.length);
    appendNow(lines, false);
  }

  /** Calls lost since this process started: the panel must not claim a record it does not have. */
  let notRecorded: ActivityPage['notRecorded'] = null;
  function lost(count: number, error: unknown): void {
    const why =
      error instanceof NotRecorded
        ? error.message
        : error instanceof AppFailure
          ? error.appError.message
          : `${shownPath(file)} could not be written: ${describeFsError(error)}`;
    notRecorded = {
      count: (notRecorded?.count ?? 0) + count,
      since: notRecorded?.since ?? new Date().toISOString(),
      why,
    };
    log.warn(`activity log write failed: ${describeError(error)}`);
  }

  const read = async ({ limit = 100, before }: ListOptions = {}): Promise<ActivityPage> => {
    await queue;
    const cap = Math.max(0, Math.min(limit, MAX_LIST));
    return readPage({ rotated, file, limit: cap, before }, notRecorded);
  };

  return {
    append(entry) {
      unwritten.push(`${JSON.stringify(clean(entry))}\n`);
      queue = queue.then(() => {
        if (unwritten.length === 0) return; // an earlier link of the chain wrote this line already
        const lines = unwritten.join('');
        const count = unwritten.length;
        unwritten = [];
        return write(lines).catch((error: unknown) => lost(count, error));
      });
      return queue;
    },
    read,
  };
}
