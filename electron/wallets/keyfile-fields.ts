import { bytesEqual, hex32DiffersBytes, parseHex32, parseHex32Bytes } from '../signer/bytes';

/**
 * The fields of a key file that classification reads, whichever way the file was read. btwallet
 * writes a flat JSON object of strings and nulls; `flatKeyfileFields` reads exactly that shape in
 * one pass over the bytes, making no text of the file at all (so no string ever holds the seed,
 * private key or phrase) and costing a fraction of redact + decode + JSON.parse. Anything else
 * (escapes, numbers, nesting, not JSON) gets null, and the caller falls back to the general path
 * (keyfile-secrets.ts then JSON.parse), which gives the same answers for files both can read.
 */
export type HexField = 'publicKey' | 'accountId';
export type SecretField = 'secretSeed' | 'privateKey' | 'secretPhrase';

export interface KeyfileFields {
  /** As JSON.parse would see it: the field is there and is not null or "". */
  present(field: SecretField): boolean;
  /** `ss58Address` when it is a non-empty string. */
  ss58(): string | null;
  /** The field is 32 bytes of hex that differ from `expected` (false when absent or not hex). */
  hexDiffers(field: HexField, expected: Uint8Array): boolean;
  /** `secretSeed` decoded when it is 32 bytes of hex; a fresh array the caller wipes. */
  seed(): Uint8Array | null;
}

/** Fields over an object from JSON.parse; `redactedSeed` is what keyfile-secrets.ts took out of the bytes. */
export function jsonKeyfileFields(json: Record<string, unknown>, redactedSeed: Uint8Array | null): KeyfileFields {
  return {
    present: (field) => json[field] !== undefined && json[field] !== null && json[field] !== '',
    ss58: () => (typeof json.ss58Address === 'string' && json.ss58Address.length > 0 ? json.ss58Address : null),
    hexDiffers: (field, expected) => {
      const key = parseHex32(json[field]);
      return key !== null && !bytesEqual(key, expected);
    },
    // A value with escapes was not taken out of the bytes; JSON.parse's string is all there is then.
    seed: () =>
      redactedSeed ??
      (typeof json.secretSeed === 'string' && !/^\*+$/.test(json.secretSeed) ? parseHex32(json.secretSeed) : null),
  };
}

const FIELDS = ['accountId', 'publicKey', 'privateKey', 'secretPhrase', 'secretSeed', 'ss58Address'] as const;
type Field = (typeof FIELDS)[number];
const NAMES = FIELDS.map((field) => Buffer.from(field, 'latin1'));
const MISSING = -2;
const NULL = -1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Which field a key's bytes [start, end) name, or -1. */
function fieldAt(bytes: Uint8Array, start: number, end: number): number {
  for (let f = 0; f < NAMES.length; f++) {
    const name = NAMES[f] as Buffer;
    if (name.length !== end - start || name[0] !== bytes[start]) continue;
    let i = 1;
    while (i < name.length && name[i] === bytes[start + i]) i++;
    if (i === name.length) return f;
  }
  return -1;
}

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function skip(bytes: Uint8Array, i: number): number {
  while (isSpace(bytes[i])) i++;
  return i;
}

/** Bytes that end the plain part of a string: the closing quote, an escape, a control byte. */
const STOP = new Uint8Array(256);
STOP.fill(1, 0, 0x20);
STOP[QUOTE] = 1;
STOP[BACKSLASH] = 1;

/** End of a string's content starting at `i` (the closing quote), or -1 for escapes, control bytes or no end. */
function stringEnd(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  // One table load per byte: most of a key file is the inside of long hex strings.
  while (i < n && STOP[bytes[i] as number] === 0) i++;
  return i < n && bytes[i] === QUOTE ? i : -1;
}

class FlatFields implements KeyfileFields {
  /** Per field: [start, end) of its string value, or MISSING / NULL in `start`. */
  readonly #ranges: number[] = [MISSING, 0, MISSING, 0, MISSING, 0, MISSING, 0, MISSING, 0, MISSING, 0];
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  set(field: number, start: number, end: number): void {
    this.#ranges[field * 2] = start;
    this.#ranges[field * 2 + 1] = end;
  }

  #range(field: Field): [number, number] | null {
    const f = FIELDS.indexOf(field);
    const start = this.#ranges[f * 2] ?? MISSING;
    return start < 0 ? null : [start, this.#ranges[f * 2 + 1] ?? start];
  }

  present(field: SecretField): boolean {
    const range = this.#range(field);
    return range !== null && range[1] > range[0];
  }

  ss58(): string | null {
    const range = this.#range('ss58Address');
    if (!range || range[1] === range[0]) return null;
    // An address is ASCII; a non-ASCII value fails SS58 decoding either way.
    return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset + range[0], range[1] - range[0]).toString('latin1');
  }

  hexDiffers(field: HexField, expected: Uint8Array): boolean {
    const range = this.#range(field);
    return range !== null && hex32DiffersBytes(this.#bytes, range[0], range[1], expected);
  }

  seed(): Uint8Array | null {
    const range = this.#range('secretSeed');
    return range ? parseHex32Bytes(this.#bytes, range[0], range[1]) : null;
  }
}

/** The fields of a flat JSON object of strings and nulls (an optional UTF-8 BOM first), or null. */
export function flatKeyfileFields(bytes: Uint8Array): KeyfileFields | null {
  const n = bytes.length;
  let i = skip(bytes, n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  if (bytes[i++] !== 0x7b) return null; // {
  const fields = new FlatFields(bytes);
  i = skip(bytes, i);
  if (bytes[i] === 0x7d) {
    i++;
    i = skip(bytes, i);
    return i === n ? fields : null;
  }
  for (;;) {
    if (bytes[i] !== QUOTE) return null;
    const keyEnd = stringEnd(bytes, i + 1);
    if (keyEnd < 0) return null;
    const field = fieldAt(bytes, i + 1, keyEnd);
    i = keyEnd + 1;
    i = skip(bytes, i);
    if (bytes[i++] !== 0x3a) return null; // :
    i = skip(bytes, i);
    if (bytes[i] === QUOTE) {
      const end = stringEnd(bytes, i + 1);
      if (end < 0) return null;
      // JSON.parse keeps the last of duplicate keys, and so does this.
      if (field >= 0) fields.set(field, i + 1, end);
      i = end + 1;
    } else if (bytes[i] === 0x6e && bytes[i + 1] === 0x75 && bytes[i + 2] === 0x6c && bytes[i + 3] === 0x6c) {
      if (field >= 0) fields.set(field, NULL, NULL);
      i += 4;
    } else {
      return null;
    }
    i = skip(bytes, i);
    const next = bytes[i++];
    if (next === 0x2c) {
      i = skip(bytes, i);
      continue;
    }
    if (next !== 0x7d) return null; // }
    i = skip(bytes, i);
    return i === n ? fields : null;
  }
}
