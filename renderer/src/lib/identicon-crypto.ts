import { blake2b } from '@noble/hashes/blake2.js';
import { base58 } from '@scure/base';

/**
 * The two @polkadot/util-crypto functions the polkadot identicon needs, on the pure-JS hashes
 * util-crypto itself falls back to. The renderer build aliases util-crypto to this module
 * (electron.vite.config.ts): the real package would bring its WASM build into the page and
 * double the bundle for a picture. identicon-crypto.test.ts checks both give the same bytes.
 */
export function blake2AsU8a(data: Uint8Array, bitLength = 256): Uint8Array {
  return blake2b(data, { dkLen: Math.ceil(bitLength / 8) });
}

/** The 32-byte public key inside an SS58 address (checksum not checked: main validates addresses). */
export function decodeAddress(address: string | Uint8Array): Uint8Array {
  if (typeof address !== 'string') return address;
  const bytes = base58.decode(address);
  const prefixLength = (bytes[0] ?? 0) < 64 ? 1 : 2;
  if (bytes.length !== prefixLength + 34) throw new Error('Not a 32-byte SS58 address');
  return bytes.slice(prefixLength, prefixLength + 32);
}
