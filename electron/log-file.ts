import fs from 'node:fs';
import path from 'node:path';
import { setLogLocation, setLogSink, type LogSink } from './log';

/** Past this size the file becomes `.1` (replacing the older one) and a new one starts. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export const logFilePath = (dataDir: string): string => path.join(dataDir, 'chutes-desktop.log');

/**
 * Rotate when the file has grown past the limit. Best effort, never in the way of the line being
 * written: a rename that fails (a viewer holding the file on Windows, a folder named `.1`) or that
 * another process got to first leaves the file as it is, and the line is appended anyway.
 */
function rotateIfLarge(file: string): void {
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size <= MAX_LOG_BYTES) return;
    // Two processes may both see it large: only the one still looking at the same file renames it.
    if (fs.statSync(file, { throwIfNoEntry: false })?.ino === st.ino) fs.renameSync(file, `${file}.1`);
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
