import { parseHex32Bytes } from '../signer/bytes';

/**
 * btwallet key files hold the seed as hex (`secretSeed`), the expanded key (`privateKey`) and
 * sometimes the mnemonic (`secretPhrase`). JSON.parse of the file's text would turn each into an
 * immutable JS string that lives until the garbage collector reuses its memory — for every hotkey
 * file a wallet scan reads. So the secret values are taken out of a private copy of the bytes
 * first: the seed decoded straight from them, every secret value overwritten with `*` before the
 * text is made, and the copy zeroed.
 */
export const SECRET_FIELDS = ['secretSeed', 'privateKey', 'secretPhrase'] as const;
const STAR = 0x2a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

export interface RedactedKeyfile {
  /** The file as text, every plain secret string value replaced by `*` of the same length. */
  text: string;
  /** What `secretSeed` was replaced with (null: no plain string value was found to replace). */
  seedMask: string | null;
  /** The replaced `secretSeed` decoded, when it was 32 bytes of hex; the caller owns and wipes it. */
  seed: Uint8Array | null;
}

/** [start, end) of the plain string value of key `name` at `keyAt`, or null (not a key, or escapes). */
function valueRange(bytes: Uint8Array, keyAt: number, keyLength: number): [number, number] | null {
  let i = keyAt + keyLength;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] !== COLON) return null;
  i++;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] !== QUOTE) return null;
  const start = i + 1;
  for (let j = start; j < bytes.length; j++) {
    if (bytes[j] === BACKSLASH) return null; // escaped content: left to JSON.parse
    if (bytes[j] === QUOTE) return [start, j];
  }
  return null;
}

const KEYS = SECRET_FIELDS.map((field) => ({ field, needle: Buffer.from(`"${field}"`, 'latin1') }));
const LOWER_S = 0x73;
const LOWER_P = 0x70;

/** Which secret key's quoted name starts at `at`, if any. */
function keyAt(bytes: Uint8Array, at: number): (typeof KEYS)[number] | undefined {
  for (const key of KEYS) {
    const { needle } = key;
    if (bytes[at + 1] !== needle[1]) continue;
    let i = 2;
    while (i < needle.length && bytes[at + i] === needle[i]) i++;
    if (i === needle.length) return key;
  }
  return undefined;
}
/**
 * One scratch buffer, reused: its own memory (not Node's shared pool), zeroed after every use, and
 * no allocation per file (a wallet scan parses thousands). Safe to share: the work is synchronous.
 */
let scratch = Buffer.allocUnsafeSlow(0);

export function redactKeyfileSecrets(bytes: Uint8Array): RedactedKeyfile {
  if (scratch.length < bytes.length) scratch = Buffer.allocUnsafeSlow(Math.max(bytes.length, 64 * 1024));
  const copy = scratch.subarray(0, bytes.length);
  copy.set(bytes);
  let seed: Uint8Array | null = null;
  let seedMask: string | null = null;
  try {
    // One pass: every secret key's quoted name starts with `"s` or `"p`, and a file has only a few.
    const length = copy.length;
    for (let at = 0; at < length; at++) {
      if (copy[at] !== QUOTE) continue;
      const next = copy[at + 1];
      if (next !== LOWER_S && next !== LOWER_P) continue;
      const key = keyAt(copy, at);
      const range = key && valueRange(copy, at, key.needle.length);
      if (!key || !range) continue;
      const [start, end] = range;
      if (key.field === 'secretSeed') {
        // JSON.parse keeps the last of duplicate keys, and so do we.
        seed?.fill(0);
        seed = parseHex32Bytes(copy, start, end);
        seedMask = '*'.repeat(end - start);
      }
      copy.fill(STAR, start, end);
      at = end; // the closing quote of the value
    }
    return { text: copy.toString('utf8'), seedMask, seed };
  } finally {
    copy.fill(0);
  }
}
