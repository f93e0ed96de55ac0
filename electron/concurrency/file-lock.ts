import { randomBytes } from 'node:crypto';
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { NO_HARD_LINKS } from '../fs/atomic-write';
import { fsFailure, isSystemError } from '../fs/fs-errors';
import { readTextFileCapped } from '../fs/read-capped';
import { ownerAlive, ownStartTicks } from './process-identity';
import { createSerialQueue, type SerialQueue } from './serial-queue';

/**
 * A lock between processes on one data folder (the desktop window and the web host share it by
 * design): an `O_EXCL` lock file holding its owner's pid, start and a random token. A lock whose
 * owner is gone (crash, SIGKILL) is taken over; a live owner is waited for, up to a bound, then
 * the caller gets a typed `data-busy` failure. Not re-entrant: never take the same lock inside it.
 */
export interface FileLockOptions {
  /** How long to wait for a live owner; default 20 s (a holder may be waiting on the keychain, bounded at 15 s). */
  timeoutMs?: number;
  /** What is locked, for the failure message ("your profiles"). */
  what?: string;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 20_000;
/** A lock file with no readable owner older than this was left by a crash between create and write. */
const UNREADABLE_STALE_MS = 2_000;
/**
 * Every holder's work is bounded (a keychain call at 15 s, a wait at 20 s), so a lock file this old
 * was left behind whoever it names: a crash whose pid a later process got, or a host since renamed
 * (macOS renames with the network), would otherwise hold it for good.
 */
export const HELD_MAX_MS = 10 * 60_000;
const FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (process.platform === 'win32' ? 0 : constants.O_NOFOLLOW);

interface Owner {
  pid: number;
  start: string | null;
  host: string;
  token: string;
}

const host = os.hostname();
const ownLocks = new Map<string, string>(); // lock path → our token
/** Tokens of this process's lock attempts, from before their file exists until it is gone. */
const ourTokens = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A process.exit (e.g. a SIGTERM handler) while holding a lock must not leave it for the takeover path.
  process.on('exit', () => {
    for (const [lockPath, token] of ownLocks) {
      try {
        if (parseOwner(readFileSync(lockPath, 'utf8'))?.token === token) unlinkSync(lockPath);
      } catch {
        // gone already
      }
    }
  });
}

function parseOwner(text: string): Owner | null {
  try {
    const v = JSON.parse(text) as Partial<Owner>;
    if (typeof v.pid !== 'number' || typeof v.token !== 'string' || typeof v.host !== 'string') return null;
    return { pid: v.pid, start: typeof v.start === 'string' ? v.start : null, host: v.host, token: v.token };
  } catch {
    return null;
  }
}

const errno = (error: unknown): string | undefined => (error as { code?: string }).code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Create the lock file with our identity, or return false if it exists. The identity is written to
 * a file of this attempt's own first and linked into place, so the lock file never exists without
 * it: a holder slowed between creating and writing (a thread pool busy with keychain calls, a
 * suspend) is not taken for a crash. Filesystems without hard links create and write in place.
 */
async function tryCreate(lockPath: string, token: string): Promise<boolean> {
  const owner = JSON.stringify({ pid: process.pid, start: ownStartTicks(), host, token } satisfies Owner);
  const draft = `${lockPath}.${token}`;
  let handle;
  try {
    handle = await open(draft, FLAGS, 0o600);
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error;
    await mkdir(path.dirname(lockPath), { recursive: true, mode: 0o700 });
    return tryCreate(lockPath, token);
  }
  try {
    try {
      await handle.writeFile(owner);
    } finally {
      await handle.close();
    }
    await link(draft, lockPath);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.includes(errno(error) ?? '')) throw error;
    return createInPlace(lockPath, owner);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Without hard links: exclusive create, then write (an empty file meanwhile reads as being written). */
async function createInPlace(lockPath: string, owner: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, FLAGS, 0o600);
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(owner);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(lockPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/** `live` with no owner: just created, its identity not yet written. */
type Seen = { kind: 'gone' } | { kind: 'live'; owner: Owner | null } | { kind: 'stale'; raw: string };

async function inspect(lockPath: string): Promise<Seen> {
  let raw: string;
  let mtimeMs: number;
  try {
    [raw, { mtimeMs }] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
  } catch (error) {
    if (errno(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  const owner = parseOwner(raw);
  if (!owner)
    return Date.now() - mtimeMs > UNREADABLE_STALE_MS ? { kind: 'stale', raw } : { kind: 'live', owner: null };
  if (Date.now() - mtimeMs > HELD_MAX_MS) return { kind: 'stale', raw };
  // Our pid with a token this process never made: an earlier process that had our pid left it.
  if (owner.host === host && owner.pid === process.pid && !ourTokens.has(owner.token)) return { kind: 'stale', raw };
  // Another machine's process (a network folder) cannot be checked from here: treat it as live.
  if (owner.host !== host || ownerAlive(owner.pid, owner.start)) return { kind: 'live', owner };
  return { kind: 'stale', raw };
}

/**
 * Remove a dead owner's lock. Deciders take turns through a second O_EXCL file and re-read the
 * lock inside it, so one waiter can never delete a lock another waiter has just created.
 */
async function takeOver(lockPath: string, staleRaw: string): Promise<void> {
  const gate = `${lockPath}.takeover`;
  if (!(await tryCreate(gate, randomBytes(8).toString('hex')))) {
    const seen = await inspect(gate);
    if (seen.kind === 'stale') await unlink(gate).catch(() => undefined);
    return;
  }
  try {
    const now = await readFile(lockPath, 'utf8').catch(() => null);
    if (now === staleRaw) await unlink(lockPath);
  } finally {
    await unlink(gate).catch(() => undefined);
  }
}

/** The lock file itself could not be made (a read-only or full data folder): nothing was changed. */
function lockFileFailure(error: unknown, lockPath: string, what: string): AppFailure {
  const { code, message, reason } = fsFailure(error, lockPath, 'write').appError;
  return new AppFailure(
    code,
    `${message} It guards ${what} between app processes, so nothing was changed.`,
    { hint: `Make sure you can write to ${path.dirname(lockPath)} (and that its disk has room), then try again.` },
    reason,
  );
}

function busy(lockPath: string, owner: Owner | null, what: string, waitedMs: number): AppFailure {
  return new AppFailure(
    'conflict',
    `Another Chutes Desktop process${owner ? ` (pid ${owner.pid})` : ''} has been changing ${what} for over ${Math.round(waitedMs / 1000)} s, so nothing was changed. Try again in a moment.`,
    { hint: `If no other Chutes Desktop window or web host is running, delete ${lockPath} and try again.` },
    'data-busy',
  );
}

async function acquire(lockPath: string, token: string, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  let delay = 2;
  for (;;) {
    if (await tryCreate(lockPath, token)) return;
    const seen = await inspect(lockPath);
    if (seen.kind === 'gone') continue;
    if (seen.kind === 'stale') {
      await takeOver(lockPath, seen.raw);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw busy(lockPath, seen.owner, what, waited);
    // Jittered backoff so two waiters do not wake in step; capped so a short hold is not overslept.
    await sleep(Math.min(delay, timeoutMs - waited) * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 50);
  }
}

/** Lock paths whose leftover drafts this process has already looked for. */
const swept = new Set<string>();

/**
 * Whether a draft file was left by an attempt that died between creating and removing it: its
 * owner was read and is gone, or it is older than any attempt lives. One not yet written may be a
 * live attempt slowed down (a thread pool busy with keychain calls), so it stays until then. Only a
 * regular file is read, without blocking; anything unexpected keeps the file.
 */
async function abandonedDraft(draft: string): Promise<boolean> {
  try {
    const info = await lstat(draft);
    if (!info.isFile()) return false;
    if (Date.now() - info.mtimeMs > HELD_MAX_MS) return true;
    const owner = parseOwner((await readTextFileCapped(draft, 4096)).text);
    if (!owner || owner.host !== host) return false;
    // Our pid with a token this process never made: an earlier process that had our pid left it.
    if (owner.pid === process.pid) return !ourTokens.has(owner.token);
    return !ownerAlive(owner.pid, owner.start);
  } catch {
    return false;
  }
}

/**
 * Remove the owner drafts (`<lock>.<token>`, `<lock>.takeover.<token>`) of attempts that died
 * between creating and removing them (a crash, SIGKILL): left alone they would pile up in the
 * data folder. Done once per process and lock, while holding it; never fails the caller's job.
 */
async function sweepDrafts(lockPath: string): Promise<void> {
  if (swept.has(lockPath)) return;
  swept.add(lockPath);
  const base = path.basename(lockPath);
  const names = await readdir(path.dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(`${base}.`) || !/^(?:takeover\.)?[0-9a-f]{16,24}$/.test(name.slice(base.length + 1))) continue;
    const draft = path.join(path.dirname(lockPath), name);
    if (await abandonedDraft(draft)) await unlink(draft).catch(() => undefined);
  }
}

async function release(lockPath: string, token: string): Promise<void> {
  ownLocks.delete(lockPath);
  const raw = await readFile(lockPath, 'utf8').catch(() => null);
  if (raw !== null && parseOwner(raw)?.token === token) await unlink(lockPath).catch(() => undefined);
}

// One queue per lock file: this process's callers wait in line without touching the file.
const queues = new Map<string, SerialQueue>();

/** Run `job` holding the lock file `lockPath` (created with its folder if missing). */
export function withFileLock<T>(lockPath: string, job: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const key = path.resolve(lockPath);
  let queue = queues.get(key);
  if (!queue) {
    queue = createSerialQueue();
    queues.set(key, queue);
  }
  return queue(async () => {
    const token = randomBytes(12).toString('hex');
    ourTokens.add(token);
    try {
      const what = options.what ?? path.basename(key);
      await acquire(key, token, options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, what).catch((error: unknown) => {
        throw isSystemError(error) ? lockFileFailure(error, key, what) : error;
      });
      installExitHook();
      ownLocks.set(key, token);
      try {
        await sweepDrafts(key);
        return await job();
      } finally {
        await release(key, token);
      }
    } finally {
      ourTokens.delete(token);
    }
  });
}

/** `<dir>/<name>.lock`: the one naming of lock files in the data folder. */
export const lockPathFor = (dir: string, name: string): string =>
  path.join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
