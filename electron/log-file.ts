import fs from 'node:fs';
import path from 'node:path';
import { setLogSink, type LogSink } from './log';

/** Rotated once at start when larger: one old file is kept beside it (`.1`). */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

export const logFilePath = (dataDir: string): string => path.join(dataDir, 'chutes-desktop.log');

/**
 * The log also goes to a file in the data folder: an app started from a desktop menu has no
 * terminal, and "details are in the log" must name a place the user can open. The window and the
 * web host append to the same file (O_APPEND keeps their lines whole). Lines are scrubbed by
 * log.ts before they get here. A log that cannot be written never fails the call that logged.
 */
export function logToFile(dataDir: string): LogSink {
  const file = logFilePath(dataDir);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile() && fs.statSync(file).size > MAX_LOG_BYTES)
      fs.renameSync(file, `${file}.1`);
  } catch {
    // Logging is best effort: stderr still gets every line.
  }
  return setLogSink((line) => {
    process.stderr.write(`${line}\n`);
    try {
      fs.appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // As above.
    }
  }, file);
}
