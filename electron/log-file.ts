import fs from 'node:fs';
import path from 'node:path';
import { errnoCode } from './fs/errno';
import { setLogLocation, setLogSink, type LogSink } from './log';

/** Past this size the file becomes `.1` (replacing the older one) and a new one starts. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * With rotation failing, the file still takes lines up to this size (a rename can fail for a
 * moment, on Windows while a viewer has the file open); past it, none: a log must not fill the disk.
 */
export const MAX_UNROTATED_LOG_BYTES = 2 * MAX_LOG_BYTES;

/** As electron/fs/read-capped.ts's NONBLOCKING_READ_FLAGS, for appending; Windows has neither flag. */
const APPEND_FLAGS =
  process.platform === 'win32'
    ? fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT
    : fs.constants.O_WRONLY |
      fs.constants.O_APPEND |
      fs.constants.O_CREAT |
      fs.constants.O_NONBLOCK |
      fs.constants.O_NOCTTY;

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
 * the file as it is, and the line is appended anyway, up to `MAX_UNROTATED_LOG_BYTES`.
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

/** A short write (a nearly full disk) is finished, not left as half a line for the next to run into. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) {
    const n = fs.writeSync(fd, bytes, done);
    if (n <= 0) throw new Error('the log file accepted no more bytes');
    done += n;
  }
}

const MIB = 1024 * 1024;

/**
 * Append `line` (empty: only create the file) and say why not when it did not get there. Opened
 * without blocking and checked through the same handle: a FIFO (or a symlink to one) put in the
 * file's place must not freeze the app at launch waiting for a reader, nor get the lines.
 */
function appendLine(file: string, line: string, tightenMode: boolean): string | null {
  rotateIfLarge(file);
  let fd: number;
  try {
    fd = fs.openSync(file, APPEND_FLAGS, 0o600);
  } catch (error) {
    return `it cannot be opened (${errnoCode(error) ?? 'unknown error'})`;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return 'it is not a regular file';
    if (st.size > MAX_UNROTATED_LOG_BYTES)
      return `it is over ${MAX_UNROTATED_LOG_BYTES / MIB} MiB and could not be moved to ${file}.1 (is that a folder, or open in another program?)`;
    // A log made by an older version or by hand with a looser mode: only this user reads it now.
    if (tightenMode && (st.mode & 0o077) !== 0) fs.fchmodSync(fd, 0o600);
    if (line) writeAll(fd, Buffer.from(line, 'utf8'));
    return null;
  } catch (error) {
    return `it cannot be written (${errnoCode(error) ?? 'unknown error'})`;
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Nothing left to do with it.
    }
  }
}

/**
 * The log also goes to a file in the data folder: an app started from a desktop menu has no
 * terminal, and "details are in the log" must name a place the user can open — so the file is
 * named only while lines reach it. The window and the web host append to the same file (O_APPEND
 * keeps their lines whole). Lines are scrubbed by log.ts before they get here. A log that cannot
 * be written never fails the call that logged; stderr still gets every line, and one warning says
 * why the file does not (again only if the reason changes).
 */
export function logToFile(dataDir: string): LogSink {
  const file = logFilePath(dataDir);
  const warn = (why: string) =>
    process.stderr.write(
      `${new Date().toISOString()} warn The log file ${file} gets no lines because ${why}; they go to this output only.\n`,
    );
  let missed: string | null;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    missed = appendLine(file, '', true);
  } catch (error) {
    missed = `its folder cannot be made (${errnoCode(error) ?? 'unknown error'})`;
  }
  if (missed !== null) warn(missed);
  const previous = setLogSink((line) => {
    process.stderr.write(`${line}\n`);
    const why = appendLine(file, `${line}\n`, false);
    if (why !== null && why !== missed) warn(why);
    if ((why === null) !== (missed === null)) setLogLocation(why === null ? file : null);
    missed = why;
  });
  setLogLocation(missed === null ? file : null);
  return previous;
}
