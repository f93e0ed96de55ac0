import { createHash } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const PREFIX = Buffer.from('SS58PRE');

function base58Decode(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const char of text) {
    let carry = ALPHABET.indexOf(char);
    if (carry < 0) return null;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] ?? 0) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (const char of text) {
    if (char !== '1') break;
    bytes.push(0);
  }
  return Uint8Array.from(bytes.reverse());
}

/**
 * Public key of a 32-byte-account SS58 address with a one-byte prefix, or null when the text is
 * not one (bad characters, length, checksum, or another network's prefix). Synchronous and
 * dependency-free, so input validation never waits for the sr25519 code to load.
 */
export function decodeSs58(address: string, ss58Format = 42): Uint8Array | null {
  if (address.length < 46 || address.length > 50) return null;
  const raw = base58Decode(address);
  // 1 prefix byte + 32 key bytes + 2 checksum bytes.
  if (!raw || raw.length !== 35 || raw[0] !== ss58Format) return null;
  const body = raw.subarray(0, 33);
  const hash = createHash('blake2b512').update(PREFIX).update(body).digest();
  if (hash[0] !== raw[33] || hash[1] !== raw[34]) return null;
  return raw.slice(1, 33);
}

export function isValidSs58(address: string, ss58Format = 42): boolean {
  return decodeSs58(address, ss58Format) !== null;
}
