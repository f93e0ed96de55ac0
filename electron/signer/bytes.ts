/** Byte helpers shared by key-file parsing, discovery and seed handling; none of them copy into Node's pool. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX[0x41 + i] = HEX[0x61 + i] = 10 + i;

/** Decode 64 hex digits (after an optional `0x`) read through `codeAt` into a fresh array. */
function decodeHex32(length: number, codeAt: (i: number) => number): Uint8Array | null {
  const start = length === 66 && codeAt(0) === 0x30 && (codeAt(1) === 0x78 || codeAt(1) === 0x58) ? 2 : 0;
  if (length - start !== 64) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    const a = codeAt(start + i * 2);
    const b = codeAt(start + i * 2 + 1);
    const hi = a < 128 ? (HEX[a] ?? -1) : -1;
    const lo = b < 128 ? (HEX[b] ?? -1) : -1;
    if (hi < 0 || lo < 0) {
      out.fill(0);
      return null;
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * 32 bytes as hex, with or without `0x`, as btwallet writes seeds and public keys. Decoded by hand
 * into a fresh array: Buffer.from would leave a copy in Node's shared pool that callers cannot zero.
 */
export function parseHex32(value: unknown): Uint8Array | null {
  if (typeof value !== 'string') return null;
  return decodeHex32(value.length, (i) => value.charCodeAt(i));
}

/** The same, read from ASCII bytes [start, end) without ever making a string of them. */
export function parseHex32Bytes(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  return decodeHex32(end - start, (i) => bytes[start + i] ?? 0);
}

/** Equal length and bytes, in time that depends only on the length (seeds, tokens). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
