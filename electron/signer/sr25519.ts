import type * as UtilCrypto from '@polkadot/util-crypto';

export const SS58_FORMAT = 42;
const SEED_BYTES = 32;

let loading: Promise<typeof UtilCrypto> | undefined;

/**
 * The sr25519 code (wasm init included) costs ~0.7 s to load, so it is imported on first use,
 * never at start-up. Call this after the first paint to warm it up.
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

async function withPair<T>(seed: Uint8Array, fn: (mod: typeof UtilCrypto, pair: Pair) => T): Promise<T> {
  checkSeed(seed);
  const mod = await loadSigner();
  const pair = mod.sr25519PairFromSeed(seed);
  try {
    return fn(mod, pair);
  } finally {
    pair.secretKey.fill(0);
  }
}

/** SS58 address (prefix 42, Bittensor's) of the hotkey whose mini-secret is `seed`. */
export function ss58FromSeed(seed: Uint8Array): Promise<string> {
  return withPair(seed, (mod, pair) => mod.encodeAddress(pair.publicKey, SS58_FORMAT));
}

/** sr25519 signature (substrate context) of the UTF-8 message, lowercase hex without `0x`. */
export function signMessage(seed: Uint8Array, message: string): Promise<string> {
  return withPair(seed, (mod, pair) => Buffer.from(mod.sr25519Sign(new TextEncoder().encode(message), pair)).toString('hex'));
}
