/** Byte helpers shared by key-file parsing, discovery and seed handling; none of them copy into Node's pool. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX[0x41 + i] = HEX[0x61 + i] = 10 + i;

const hexDigit = (code: number): number => (code < 128 ? (HEX[code] ?? -1) : -1);

/** Where the 64 digits start (after an optional `0x`), or -1 when `length` cannot be 32 bytes of hex. */
function digitsStart(length: number, first: number, second: number): number {
  if (length === 66 && first === 0x30 && (second === 0x78 || second === 0x58)) return 2;
  return length === 64 ? 0 : -1;
}

/**
 * 32 bytes as hex, with or without `0x`, as btwallet writes seeds and public keys. Decoded by hand
 * into a fresh array: Buffer.from would leave a copy in Node's shared pool that callers cannot zero.
 */
export function parseHex32(value: unknown): Uint8Array | null {
  if (typeof value !== 'string') return null;
  const start = digitsStart(value.length, value.charCodeAt(0), value.charCodeAt(1));
  if (start < 0) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    const hi = hexDigit(value.charCodeAt(start + i * 2));
    const lo = hexDigit(value.charCodeAt(start + i * 2 + 1));
    if (hi < 0 || lo < 0) {
      out.fill(0);
      return null;
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** The same, read from ASCII bytes [start, end) without ever making a string of them. */
export function parseHex32Bytes(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  const skip = digitsStart(end - start, bytes[start] ?? 0, bytes[start + 1] ?? 0);
  if (skip < 0) return null;
  const out = new Uint8Array(32);
  for (let i = 0, at = start + skip; i < 32; i++, at += 2) {
    const hi = hexDigit(bytes[at] ?? 0);
    const lo = hexDigit(bytes[at + 1] ?? 0);
    if (hi < 0 || lo < 0) {
      out.fill(0);
      return null;
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * Whether ASCII bytes [start, end) (a value inside a key file) are 32 bytes of hex that differ from
 * `expected`: false when equal, and also when they are not 32 bytes of hex (nothing to compare).
 * Allocates nothing and makes no string; for public keys, not secrets (its time depends on the digits).
 */
export function hex32DiffersBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  const skip = digitsStart(end - start, bytes[start] ?? 0, bytes[start + 1] ?? 0);
  if (skip < 0) return false;
  let differs = false;
  for (let i = 0, at = start + skip; i < 32; i++, at += 2) {
    const hi = hexDigit(bytes[at] ?? 0);
    const lo = hexDigit(bytes[at + 1] ?? 0);
    if (hi < 0 || lo < 0) return false;
    if (((hi << 4) | lo) !== expected[i]) differs = true;
  }
  return differs;
}

/** Equal length and bytes, in time that depends only on the length (seeds, tokens). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
