import fs from 'node:fs';
import path from 'node:path';
import { errnoCode } from './fs/errno';
import { setLogLocation, setLogSink, type LogSink } from './log';

/** Past this size the file becomes `.1` (replacing the older one) and a new one starts. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export const logFilePath = (dataDir: string): string => path.join(dataDir, 'chutes-desktop.log');

/** A rotation lock older than this was left by a process killed while rotating (a rename takes microseconds). */
const ROTATION_LOCK_STALE_MS = 10_000;

export const rotationLockPath = (file: string): string => `${file}.rotating`;

/**
 * True when another process holds the rotation lock now. A lock left by a crash (or dated in the
 * future by a clock set back) is removed, best effort, and does not count: a lock file that cannot
 * go away must not stop rotation for good.
 */
function rotationHeldElsewhere(lock: string): boolean {
  const held = fs.statSync(lock, { throwIfNoEntry: false });
  if (!held) return false;
  if (Math.abs(Date.now() - held.mtimeMs) <= ROTATION_LOCK_STALE_MS) return true;
  try {
    fs.unlinkSync(lock);
  } catch {
    // A folder of that name, say: rotate without the lock.
  }
  return false;
}

/**
 * Rotate when the file has grown past the limit. Best effort, never in the way of the line being
 * written: a rename that fails (a viewer holding the file on Windows, a folder named `.1`) leaves
 * the file as it is, and the line is appended anyway.
 *
 * Two processes (the window and the web host) may both see the file large. Without a lock both
 * could rename, the second moving the first one's fresh one-line file over the `.1` it had just
 * made. So one rotates under an `O_EXCL` lock file and checks the size again there; one that finds
 * the lock taken leaves the rotation to its holder.
 */
function rotateIfLarge(file: string): void {
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size <= MAX_LOG_BYTES) return;
    const lock = rotationLockPath(file);
    let fd: number | null = null;
    try {
      fd = fs.openSync(lock, 'wx', 0o600);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST' && rotationHeldElsewhere(lock)) return;
      // Otherwise (stale, or no lock file can be made here) the rotation goes ahead without one.
    }
    try {
      const now = fs.statSync(file, { throwIfNoEntry: false });
      if (now?.isFile() && now.size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
    } finally {
      if (fd !== null) {
        fs.closeSync(fd);
        fs.unlinkSync(lock);
      }
    }
  } catch {
    // As above.
  }
}

/**
 * The log also goes to a file in the data folder: an app started from a desktop menu has no
 * terminal, and "details are in the log" must name a place the user can open — so the file is
 * named only while lines reach it. The window and the web host append to the same file (O_APPEND
 * keeps their lines whole). Lines are scrubbed by log.ts before they get here. A log that cannot
 * be written never fails the call that logged; stderr still gets every line.
 */
export function logToFile(dataDir: string): LogSink {
  const file = logFilePath(dataDir);
  const append = (line: string): boolean => {
    try {
      rotateIfLarge(file);
      fs.appendFileSync(file, line, { mode: 0o600 });
      return true;
    } catch {
      return false;
    }
  };
  let writable = false;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writable = append('');
    // A log made by an older version or by hand with a looser mode: only this user reads it now.
    if (writable && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } catch {
    // As below: stderr only.
  }
  const previous = setLogSink((line) => {
    process.stderr.write(`${line}\n`);
    const ok = append(`${line}\n`);
    if (ok !== writable) {
      writable = ok;
      setLogLocation(ok ? file : null);
    }
  });
  setLogLocation(writable ? file : null);
  return previous;
}
