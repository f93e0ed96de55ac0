import { decodeSs58 } from '../signer/ss58';
import { flatKeyfileFields, jsonKeyfileFields, type KeyfileFields } from './keyfile-fields';
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

function readAddress(fields: KeyfileFields): { ss58: string; publicKey: Uint8Array } | string {
  const ss58 = fields.ss58();
  if (ss58 === null) return 'The file has no ss58Address.';
  const decoded = decodeSs58(ss58);
  if (!decoded) return 'ss58Address is not a valid SS58 address.';
  return { ss58, publicKey: decoded.publicKey };
}

/** Field by field rather than with spreads: discovery builds one per hotkey file. */
function hotkeyParse(
  status: HotkeyParse['status'],
  message: string | undefined,
  holdsSecret: boolean | null,
  address: { ss58: string; publicKey: Uint8Array } | null = null,
  seed: Uint8Array | null = null,
): HotkeyParse {
  const parse: HotkeyParse = {
    status,
    ss58: address ? address.ss58 : null,
    publicKey: address ? address.publicKey : null,
    seed,
    holdsSecret,
  };
  if (message !== undefined) parse.message = message;
  return parse;
}

export function parseHotkeyContent(bytes: Uint8Array): HotkeyParse {
  if (isEncryptedKeyfile(bytes)) {
    return hotkeyParse(
      'encrypted',
      'Encrypted hotkey file, which the app cannot read: regenerate the hotkey unencrypted with btcli from its mnemonic.',
      false,
    );
  }
  // btwallet's own layout is read straight from the bytes (keyfile-fields.ts).
  const flat = flatKeyfileFields(bytes);
  if (flat) return classifyHotkey(flat);
  // Anything else: the secrets come out of the bytes before any text is made (keyfile-secrets.ts).
  const redacted = redactKeyfileSecrets(bytes);
  const json = parseJsonText(redacted.text);
  const redactedSeed = redacted.seedMask !== null && json?.secretSeed === redacted.seedMask;
  // Whatever is returned below, only an 'ok' result hands the seed on.
  const seedOut = redactedSeed ? redacted.seed : null;
  if (!redactedSeed) redacted.seed?.fill(0);
  const result = classifyHotkey(json && jsonKeyfileFields(json, seedOut));
  if (result.seed !== seedOut) seedOut?.fill(0);
  return result;
}

function classifyHotkey(fields: KeyfileFields | null): HotkeyParse {
  if (!fields) return hotkeyParse('malformed', 'Not a JSON key file.', null);
  const holdsSecret = fields.present('secretSeed') || fields.present('privateKey') || fields.present('secretPhrase');
  const address = readAddress(fields);
  if (typeof address === 'string') return hotkeyParse('malformed', address, holdsSecret);
  // A publicKey/accountId that disagrees with the address is caught here without sr25519; a seed
  // that disagrees needs the full derivation (seed.ts).
  for (const field of ['publicKey', 'accountId'] as const) {
    if (fields.hexDiffers(field, address.publicKey)) {
      return hotkeyParse(
        'seed-mismatch',
        `The file's ${field} does not match its ss58Address; regenerate the file with btcli.`,
        holdsSecret,
        address,
      );
    }
  }
  if (!fields.present('secretSeed')) {
    return hotkeyParse(
      'public-only',
      'Public key only: this file holds no seed, so it cannot sign.',
      holdsSecret,
      address,
    );
  }
  const seed = fields.seed();
  if (!seed) return hotkeyParse('malformed', 'secretSeed is not 32 bytes of hex.', holdsSecret, address);
  return hotkeyParse('ok', undefined, holdsSecret, address, seed);
}

/** A public file holds no secret, so JSON.parse of its text is fine. */
function parsedFields(bytes: Uint8Array): KeyfileFields | null {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const json = parseJsonText(buf.toString('utf8'));
  return json && jsonKeyfileFields(json, null);
}

export function parseColdkeyPubContent(bytes: Uint8Array): ColdkeyParse {
  if (isEncryptedKeyfile(bytes)) {
    return { status: 'encrypted', message: 'coldkeypub.txt is encrypted, so the coldkey address cannot be shown.' };
  }
  const json = flatKeyfileFields(bytes) ?? parsedFields(bytes);
  if (!json) return { status: 'malformed', message: 'coldkeypub.txt is not a JSON key file.' };
  const address = readAddress(json);
  if (typeof address === 'string') return { status: 'malformed', message: `coldkeypub.txt: ${address}` };
  return { status: 'ok', ss58: address.ss58 };
}
