/**
 * Where a data file the app cannot read is moved instead of being overwritten (it may be
 * hand-edited or from a broken disk, and is the user's): beside it, stamped to the millisecond,
 * with no colons so the name is valid on every OS.
 */
export function asidePath(filePath: string, now: Date): string {
  return `${filePath}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
}
