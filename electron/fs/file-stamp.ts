import type { Stats } from 'node:fs';

/**
 * What a cache compares to trust an earlier read of the same path: any rewrite changes mtime and
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

export const stampOf = (st: Stats): FileStamp => ({
  dev: st.dev,
  ino: st.ino,
  size: st.size,
  mtimeMs: st.mtimeMs,
  ctimeMs: st.ctimeMs,
  mode: st.mode,
});

export const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.ino === b.ino &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs &&
  a.mode === b.mode &&
  a.dev === b.dev;

/**
 * Timestamps tick in steps (a kernel tick of a few ms; 2 s on FAT), so a same-size rewrite right
 * after a read can keep the stamp stored. A file changed this recently is never trusted from a
 * cache, only read again (git's "racily clean" rule).
 */
export const SETTLE_MS = 2000;

/** Whether a file with this stamp has been still long enough (`SETTLE_MS`) to be trusted at `now`. */
export const isSettled = (stamp: FileStamp, now: number): boolean =>
  Math.max(stamp.mtimeMs, stamp.ctimeMs) < now - SETTLE_MS;
