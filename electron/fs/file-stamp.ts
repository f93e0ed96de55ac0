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

/** Numbers per stamp in a flat array (`pushStamp`): a memo of 20 files holds one array, not 20 objects. */
export const STAMP_FIELDS = 6;

/** Append `[dev, ino, size, mtimeMs, ctimeMs, mode]`. */
export const pushStamp = (out: number[], s: FileStamp): void => {
  out.push(s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs, s.mode);
};

/** `sameStamp` against the stamp at `at` in a flat array. */
export const sameStampAt = (s: FileStamp, flat: readonly number[], at: number): boolean =>
  s.ino === flat[at + 1] &&
  s.size === flat[at + 2] &&
  s.mtimeMs === flat[at + 3] &&
  s.ctimeMs === flat[at + 4] &&
  s.mode === flat[at + 5] &&
  s.dev === flat[at];

/** `isSettled` for the stamp at `at` in a flat array. */
export const isSettledAt = (flat: readonly number[], at: number, now: number): boolean =>
  Math.max(flat[at + 3] ?? Infinity, flat[at + 4] ?? Infinity) < now - SETTLE_MS;

/**
 * Timestamps tick in steps (a kernel tick of a few ms; 2 s on FAT), so a same-size rewrite right
 * after a read can keep the stamp stored. A file changed this recently is never trusted from a
 * cache, only read again (git's "racily clean" rule).
 */
export const SETTLE_MS = 2000;

/** Whether a file with this stamp has been still long enough (`SETTLE_MS`) to be trusted at `now`. */
export const isSettled = (stamp: FileStamp, now: number): boolean =>
  Math.max(stamp.mtimeMs, stamp.ctimeMs) < now - SETTLE_MS;
