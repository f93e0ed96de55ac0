/**
 * sr25519 public-key derivation, loaded on first use: @polkadot/keyring pulls in WASM that takes
 * noticeable time to initialise, and plain discovery never needs it.
 */
export type DerivePublicKey = (seed: Uint8Array) => Uint8Array;

let loading: Promise<DerivePublicKey> | undefined;

async function load(): Promise<DerivePublicKey> {
  const [{ Keyring }, { cryptoWaitReady }] = await Promise.all([import('@polkadot/keyring'), import('@polkadot/util-crypto')]);
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return (seed) => {
    const pair = keyring.addFromSeed(seed);
    // The keyring would otherwise keep every derived pair (with its secret key) alive.
    keyring.removePair(pair.publicKey);
    return pair.publicKey;
  };
}

export function loadSr25519(): Promise<DerivePublicKey> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
