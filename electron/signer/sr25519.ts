import type * as UtilCrypto from '@polkadot/util-crypto';
import { SS58_FORMAT } from './ss58';

const SEED_BYTES = 32;

let loading: Promise<typeof UtilCrypto> | undefined;

/**
 * The app's one loader for the sr25519 code. It (wasm init included) costs ~0.7 s to load, so it is
 * imported on first use, never at start-up. Call this after the first paint to warm it up.
 */
export function loadSigner(): Promise<typeof UtilCrypto> {
  loading ??= import('@polkadot/util-crypto').then(async (mod) => {
    await mod.cryptoWaitReady();
    return mod;
  });
  // A failed load (should not happen) must not poison later attempts.
  loading.catch(() => (loading = undefined));
  return loading;
}

function checkSeed(seed: Uint8Array): void {
  if (seed.length !== SEED_BYTES) throw new Error(`A hotkey seed must be exactly ${SEED_BYTES} bytes.`);
}

/**
 * We call the primitives `Keyring.addFromSeed` uses for sr25519 (`sr25519PairFromSeed`,
 * `sr25519Sign`) directly, so the 64-byte expanded secret is ours to wipe after each use; a
 * keyring pair would keep it alive in a closure.
 */
type Pair = ReturnType<typeof UtilCrypto.sr25519PairFromSeed>;

function withPairOf<T>(mod: typeof UtilCrypto, seed: Uint8Array, fn: (pair: Pair) => T): T {
  checkSeed(seed);
  const pair = mod.sr25519PairFromSeed(seed);
  try {
    return fn(pair);
  } finally {
    pair.secretKey.fill(0);
  }
}

export type DerivePublicKey = (seed: Uint8Array) => Uint8Array;

/**
 * A synchronous seed → public key function, for checking thousands of seeds (discovery's
 * `verifySeeds`) without an await per seed. Only the public key outlives each call.
 */
export async function loadPublicKeyDeriver(): Promise<DerivePublicKey> {
  const mod = await loadSigner();
  return (seed) => withPairOf(mod, seed, (pair) => pair.publicKey);
}

/** SS58 address (prefix 42, Bittensor's) of the hotkey whose mini-secret is `seed`. */
export async function ss58FromSeed(seed: Uint8Array): Promise<string> {
  const mod = await loadSigner();
  return withPairOf(mod, seed, (pair) => mod.encodeAddress(pair.publicKey, SS58_FORMAT));
}

/** sr25519 signature (substrate context) of the UTF-8 message, lowercase hex without `0x`. */
export async function signMessage(seed: Uint8Array, message: string): Promise<string> {
  const mod = await loadSigner();
  return withPairOf(mod, seed, (pair) => Buffer.from(mod.sr25519Sign(new TextEncoder().encode(message), pair)).toString('hex'));
}
