import { isUtf8 } from 'node:buffer';
import type { EntryRef } from '../../shared/wallets';

/**
 * Directory entries are read as bytes because wallet folders copied between machines can carry
 * names that are not valid UTF-8. The renderer gets a lossy display name plus an id that maps back
 * to the exact bytes: the name itself when it is clean UTF-8, otherwise `hex:` + the bytes in hex.
 * A clean name that happens to start with `hex:` is escaped too, so ids never collide.
 */
const HEX_ID = 'hex:';
const MAX_NAME_BYTES = 255;

export interface NamedEntry extends EntryRef {
  bytes: Buffer;
}

export function entryFromBytes(bytes: Buffer): NamedEntry {
  const text = bytes.toString('utf8');
  // Invalid UTF-8 always decodes with U+FFFD, so only names showing one need the exact check.
  const clean = (!text.includes('\uFFFD') || isUtf8(bytes)) && !text.startsWith(HEX_ID);
  return { bytes, name: text, id: clean ? text : HEX_ID + bytes.toString('hex') };
}

/**
 * The exact name bytes for an id sent back by the renderer, or null unless it is one plain entry
 * name: no separators, no NUL, not `.` or `..`. This is the path-traversal guard; callers then
 * still require the name to be present in a fresh listing.
 */
export function plainNameFromId(id: unknown, platform: NodeJS.Platform = process.platform): Buffer | null {
  if (typeof id !== 'string' || id.length === 0) return null;
  let bytes: Buffer;
  if (id.startsWith(HEX_ID)) {
    const hex = id.slice(HEX_ID.length);
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/.test(hex)) return null;
    bytes = Buffer.from(hex, 'hex');
  } else {
    bytes = Buffer.from(id, 'utf8');
  }
  if (bytes.length > MAX_NAME_BYTES || bytes.includes(0x2f) || bytes.includes(0)) return null;
  if (platform === 'win32' && (bytes.includes(0x5c) || bytes.includes(0x3a))) return null;
  const text = bytes.toString('latin1');
  if (text === '.' || text === '..') return null;
  return bytes;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** `hk2` before `hk10`, case-insensitive; ties broken by the raw id so the order is total. */
export function naturalCompare(a: EntryRef, b: EntryRef): number {
  const byName = collator.compare(a.name, b.name);
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function naturalSort<T extends EntryRef>(items: T[]): T[] {
  return items.sort(naturalCompare);
}
