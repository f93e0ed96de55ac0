import { statSync } from 'node:fs';

/**
 * What one read of a small, often-read file produced, reused while the file's stat is unchanged:
 * one stat instead of open + fstat + read + close + parse on every call. Made for files that are
 * replaced whole by an atomic rename (a new inode) or rewritten (new mtime/ctime/size).
 *
 * Only a file that has been still for `settleMs` is trusted: file times tick coarsely (a few ms
 * on Linux), so two writes close together could leave one stamp, the same way git treats
 * "racily clean" index entries. A file changed just now is simply read again each time.
 */
export interface StatCache<T> {
  read(): Promise<T>;
  /** Drop the cached value (after this process wrote the file, for instance). */
  forget(): void;
}

export const SETTLE_MS = 2000;

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
  options: { settleMs?: number; now?: () => number } = {},
): StatCache<T> {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const now = options.now ?? Date.now;
  let cached: { stamp: string; value: T } | null = null;

  return {
    async read() {
      // Synchronous: a stat of a file in the app's own data folder takes microseconds, where a
      // thread-pool round trip took 0.5–5 ms under load (measured during a bulk revoke).
      const st = statOrNull(filePath);
      const stamp = st?.isFile() ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : null;
      // A copy each time: callers may change what they are given without touching the cache.
      if (stamp !== null && cached?.stamp === stamp) return structuredClone(cached.value);
      cached = null;
      // Stat first, then read: if the file changes in between, the stamp kept is older than the
      // content, so the next stat differs and the file is read again (never the other way round).
      const value = await load();
      if (st && stamp !== null && Math.max(st.mtimeMs, st.ctimeMs) < now() - settleMs)
        cached = { stamp, value: structuredClone(value) };
      return value;
    },
    forget() {
      cached = null;
    },
  };
}
