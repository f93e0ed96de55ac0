import type * as Sr25519 from '@scure/sr25519';
import type { encodeAddress as EncodeAddress } from '@polkadot/util-crypto';
import { SS58_FORMAT } from './ss58';

const SEED_BYTES = 32;

interface SignerLibs {
  sr: typeof Sr25519;
}

let loading: Promise<SignerLibs> | undefined;
let encoding: Promise<typeof EncodeAddress> | undefined;

/**
 * The app's one loader for the sr25519 code, imported on first use, never at start-up.
 *
 * Signing and derivation use @scure/sr25519 (plain JS over Uint8Arrays) rather than the wasm
 * build behind @polkadot/util-crypto or a keyring pair: the wasm code copies each seed and secret
 * key into its own heap and frees it without wiping, and a pair keeps the secret in a closure.
 * Here every secret buffer is ours and zeroed after use; scure wipes its own intermediates.
 */
export function loadSigner(): Promise<SignerLibs> {
  loading ??= import('@scure/sr25519').then((sr) => ({ sr }));
  // A failed load (should not happen) must not poison later attempts.
  loading.catch(() => (loading = undefined));
  return loading;
}

function checkSeed(seed: Uint8Array): void {
  if (seed.length !== SEED_BYTES) throw new Error(`A hotkey seed must be exactly ${SEED_BYTES} bytes.`);
}

/** Run `fn` with the 64-byte expanded secret of `seed`, zeroed afterwards whatever happens. */
function withSecretOf<T>(sr: typeof Sr25519, seed: Uint8Array, fn: (secret: Uint8Array) => T): T {
  checkSeed(seed);
  const secret = sr.secretFromSeed(seed);
  try {
    return fn(secret);
  } finally {
    secret.fill(0);
  }
}

export type DerivePublicKey = (seed: Uint8Array) => Uint8Array;

/**
 * A synchronous seed → public key function, for checking thousands of seeds (discovery's
 * `verifySeeds`) without an await per seed. Only the public key outlives each call.
 */
export async function loadPublicKeyDeriver(): Promise<DerivePublicKey> {
  const { sr } = await loadSigner();
  return (seed) => withSecretOf(sr, seed, (secret) => sr.getPublicKey(secret));
}

/** SS58 address (prefix 42, Bittensor's) of the hotkey whose mini-secret is `seed`. */
export async function ss58FromSeed(seed: Uint8Array): Promise<string> {
  const { sr } = await loadSigner();
  // Only address encoding needs @polkadot/util-crypto (a heavier load); signing never waits for it.
  encoding ??= import('@polkadot/util-crypto').then((util) => util.encodeAddress);
  encoding.catch(() => (encoding = undefined));
  const encodeAddress = await encoding;
  return withSecretOf(sr, seed, (secret) => encodeAddress(sr.getPublicKey(secret), SS58_FORMAT));
}

/** sr25519 signature (substrate context) of the UTF-8 message, lowercase hex without `0x`. */
export async function signMessage(seed: Uint8Array, message: string): Promise<string> {
  const { sr } = await loadSigner();
  return withSecretOf(sr, seed, (secret) =>
    Buffer.from(sr.sign(secret, new TextEncoder().encode(message))).toString('hex'),
  );
}
