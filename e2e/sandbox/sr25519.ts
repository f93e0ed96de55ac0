// Server-side signature checks with @scure/sr25519, an implementation independent of the app's
// @polkadot/* signer, so every request the app signs is cross-checked.

import * as sr25519 from '@scure/sr25519';
import { base58 } from '@scure/base';
import { blake2b } from '@noble/hashes/blake2.js';
import { randomBytes } from 'node:crypto';

const SS58_PREFIX = new TextEncoder().encode('SS58PRE');

const checksum = (payload: Uint8Array): Uint8Array => {
  const data = new Uint8Array(SS58_PREFIX.length + payload.length);
  data.set(SS58_PREFIX);
  data.set(payload, SS58_PREFIX.length);
  return blake2b(data, { dkLen: 64 }).subarray(0, 2);
};

export function ss58Encode(publicKey: Uint8Array, prefix = 42): string {
  const payload = new Uint8Array(1 + publicKey.length);
  payload[0] = prefix;
  payload.set(publicKey, 1);
  const sum = checksum(payload);
  const full = new Uint8Array(payload.length + 2);
  full.set(payload);
  full.set(sum, payload.length);
  return base58.encode(full);
}

/** Decodes any single- or two-byte-prefix SS58 address of a 32-byte key; null when invalid. */
export function ss58Decode(address: string): Uint8Array | null {
  let raw: Uint8Array;
  try {
    raw = base58.decode(address);
  } catch {
    return null;
  }
  const first = raw[0];
  if (first === undefined || first > 127) return null;
  const prefixLen = first < 64 ? 1 : 2;
  if (raw.length !== prefixLen + 32 + 2) return null;
  const payload = raw.subarray(0, prefixLen + 32);
  const sum = checksum(payload);
  if (sum[0] !== raw[prefixLen + 32] || sum[1] !== raw[prefixLen + 33]) return null;
  return raw.slice(prefixLen, prefixLen + 32);
}

const encoder = new TextEncoder();

/** Like bittensor_wallet's `Keypair.verify`: the plain message or its `<Bytes>…</Bytes>` wrapping. */
export function verifySs58Signature(message: string, signature: Uint8Array, ss58: string): boolean {
  const publicKey = ss58Decode(ss58);
  if (!publicKey || signature.length !== 64) return false;
  for (const candidate of [message, `<Bytes>${message}</Bytes>`]) {
    try {
      if (sr25519.verify(encoder.encode(candidate), signature, publicKey)) return true;
    } catch {
      // A malformed signature (bad scalar/point, missing schnorrkel marker) is simply not valid.
    }
  }
  return false;
}

/** A real-looking SS58 address of a fresh random sr25519 key (payment addresses). */
export const randomSs58 = (): string => ss58Encode(sr25519.getPublicKey(sr25519.secretFromSeed(randomBytes(32))));
