import { statSync } from 'node:fs';
import { isSettled, sameStamp, stampOf, type FileStamp } from './file-stamp';

/**
 * What one read of a small, often-read file produced, reused while the file's stat is unchanged:
 * one stat instead of open + fstat + read + close + parse on every call. Made for files that are
 * replaced whole by an atomic rename (a new inode) or rewritten (new mtime/ctime/size). Only a
 * settled file is trusted (file-stamp.ts); one changed just now is simply read again each time.
 */
export interface StatCache<T> {
  read(): Promise<T>;
}

/** Any failure (missing, EACCES, a loop) is left to `load`, which reports it properly. */
function statOrNull(filePath: string) {
  try {
    return statSync(filePath, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

export function createStatCache<T>(
  filePath: string,
  load: () => Promise<T>,
  options: { now?: () => number } = {},
): StatCache<T> {
  const now = options.now ?? Date.now;
  let cached: { stamp: FileStamp; value: T } | null = null;

  return {
    async read() {
      // Synchronous: a stat of a file in the app's own data folder takes microseconds, where a
      // thread-pool round trip took 0.5–5 ms under load (measured during a bulk revoke).
      const st = statOrNull(filePath);
      const stamp = st?.isFile() ? stampOf(st) : null;
      // A copy each time: callers may change what they are given without touching the cache.
      if (stamp && cached && sameStamp(cached.stamp, stamp)) return structuredClone(cached.value);
      cached = null;
      // Stat first, then read: if the file changes in between, the stamp kept is older than the
      // content, so the next stat differs and the file is read again (never the other way round).
      const value = await load();
      if (stamp && isSettled(stamp, now())) cached = { stamp, value: structuredClone(value) };
      return value;
    },
  };
}
