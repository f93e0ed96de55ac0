import { bytesEqual, parseHex32 } from '../signer/bytes';
import { decodeSs58 } from '../signer/ss58';
import { redactKeyfileSecrets } from './keyfile-secrets';

/**
 * Classifying the bytes of btwallet key files (hotkeys/<name>, hotkeys/<name>pub.txt,
 * coldkeypub.txt). Pure functions over already-read bytes; messages never quote file contents.
 */
export const MAX_KEYFILE_BYTES = 64 * 1024;

// btwallet's headers: NaCl secretbox, Ansible vault, and legacy Fernet (base64 of 0x80 → "gAAAAA").
const ENCRYPTED_PREFIXES = ['$NACL', '$ANSIBLE_VAULT', 'gAAAAA'].map((p) => Buffer.from(p, 'ascii'));

export function isEncryptedKeyfile(bytes: Uint8Array): boolean {
  const first = bytes[0];
  if (first !== 0x24 && first !== 0x67) return false; // '$' or 'g': skip the common JSON case early
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ENCRYPTED_PREFIXES.some(
    (prefix) => buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix),
  );
}

export interface HotkeyParse {
  status: 'ok' | 'public-only' | 'encrypted' | 'malformed' | 'seed-mismatch';
  message?: string;
  ss58: string | null;
  /** Decoded from `ss58`. */
  publicKey: Uint8Array | null;
  /** The 32-byte mini-secret when `secretSeed` is well-formed; callers wipe it when done. */
  seed: Uint8Array | null;
  /** Private material is present in plain text (even if malformed); null when the file is not JSON. */
  holdsSecret: boolean | null;
}

export type ColdkeyParse = { status: 'ok'; ss58: string } | { status: 'encrypted' | 'malformed'; message: string };

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return parseJsonText(buf.toString('utf8'));
}

function parseJsonText(raw: string): Record<string, unknown> | null {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function readAddress(json: Record<string, unknown>): { ss58: string; publicKey: Uint8Array } | string {
  const ss58 = json.ss58Address;
  if (typeof ss58 !== 'string' || ss58.length === 0) return 'The file has no ss58Address.';
  const decoded = decodeSs58(ss58);
  if (!decoded) return 'ss58Address is not a valid SS58 address.';
  return { ss58, publicKey: decoded.publicKey };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export function parseHotkeyContent(bytes: Uint8Array): HotkeyParse {
  const none = { ss58: null, publicKey: null, seed: null, holdsSecret: false };
  if (isEncryptedKeyfile(bytes)) {
    return { ...none, status: 'encrypted', message: 'Encrypted hotkey file; decrypt it with btcli before importing.' };
  }
  // The secrets come out of the bytes before any text is made (keyfile-secrets.ts).
  const redacted = redactKeyfileSecrets(bytes);
  const json = parseJsonText(redacted.text);
  const redactedSeed = redacted.seedMask !== null && json?.secretSeed === redacted.seedMask;
  // Whatever is returned below, only an 'ok' result hands the seed on.
  const seedOut = redactedSeed ? redacted.seed : null;
  if (!redactedSeed) redacted.seed?.fill(0);
  const result = classifyHotkey(json, seedOut);
  if (result.seed !== seedOut) seedOut?.fill(0);
  return result;
}

function classifyHotkey(json: Record<string, unknown> | null, redactedSeed: Uint8Array | null): HotkeyParse {
  const none = { ss58: null, publicKey: null, seed: null, holdsSecret: false };
  if (!json) return { ...none, holdsSecret: null, status: 'malformed', message: 'Not a JSON key file.' };
  const holdsSecret = present(json.secretSeed) || present(json.privateKey) || present(json.secretPhrase);
  const address = readAddress(json);
  if (typeof address === 'string') return { ...none, holdsSecret, status: 'malformed', message: address };
  const { ss58, publicKey } = address;
  const base = { ss58, publicKey, seed: null, holdsSecret };
  // A publicKey/accountId that disagrees with the address is caught here without sr25519; a seed
  // that disagrees needs the full derivation (seed.ts).
  for (const field of ['publicKey', 'accountId'] as const) {
    const declared = parseHex32(json[field]);
    if (declared && !bytesEqual(declared, publicKey)) {
      return { ...base, status: 'seed-mismatch', message: `The file's ${field} does not match its ss58Address.` };
    }
  }
  if (!present(json.secretSeed)) {
    return { ...base, status: 'public-only', message: 'Public key only: no secretSeed, so it cannot sign.' };
  }
  // A value with escapes was not taken out of the bytes; JSON.parse's string is all there is then.
  const seed =
    redactedSeed ??
    (typeof json.secretSeed === 'string' && !/^\*+$/.test(json.secretSeed) ? parseHex32(json.secretSeed) : null);
  if (!seed) return { ...base, status: 'malformed', message: 'secretSeed is not 32 bytes of hex.' };
  return { ...base, status: 'ok', seed };
}

export function parseColdkeyPubContent(bytes: Uint8Array): ColdkeyParse {
  if (isEncryptedKeyfile(bytes)) {
    return { status: 'encrypted', message: 'coldkeypub.txt is encrypted, so the coldkey address cannot be shown.' };
  }
  const json = parseJsonObject(bytes);
  if (!json) return { status: 'malformed', message: 'coldkeypub.txt is not a JSON key file.' };
  const address = readAddress(json);
  if (typeof address === 'string') return { status: 'malformed', message: `coldkeypub.txt: ${address}` };
  return { status: 'ok', ss58: address.ss58 };
}
