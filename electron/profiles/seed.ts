import { AppFailure } from '../../shared/errors';

const SEED_HEX = /^(?:0x)?([0-9a-fA-F]{64})$/;

/**
 * The CLI stores the 32-byte sr25519 mini-secret as plain hex without `0x`; Bittensor wallet files
 * use `0x`, and people paste either. Messages describe the problem, never the value.
 */
export function seedFromHex(value: string, where: string): Uint8Array {
  const match = SEED_HEX.exec(value.trim());
  if (!match?.[1]) {
    throw new AppFailure('invalid-input', `${where}: hotkey_seed is not a 32-byte hex seed (64 hex characters, optionally prefixed with 0x).`, {
      fields: [{ path: 'auth.hotkey_seed', message: 'expected 64 hex characters' }],
    });
  }
  return Uint8Array.from(Buffer.from(match[1], 'hex'));
}

/** The form the CLI writes: lowercase hex, no `0x`. */
export function seedToHex(seed: Uint8Array): string {
  return Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).toString('hex');
}

type Deriver = (seed: Uint8Array) => string;
let deriver: Promise<Deriver> | undefined;

/** Loaded on first use: the polkadot crypto stack costs ~0.7 s to import, which start-up should not pay. */
function loadDeriver(): Promise<Deriver> {
  deriver ??= (async () => {
    const [{ Keyring }, { cryptoWaitReady }] = await Promise.all([import('@polkadot/keyring'), import('@polkadot/util-crypto')]);
    await cryptoWaitReady();
    // A fresh keyring per call: `addFromSeed` keeps the pair (secret included) for the keyring's lifetime.
    return (seed) => new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromSeed(seed).address;
  })();
  deriver.catch(() => {
    deriver = undefined;
  });
  return deriver;
}

/** SS58 address (generic prefix 42, as Bittensor and the CLI use) of the sr25519 key from `seed`. */
export async function ss58FromSeed(seed: Uint8Array): Promise<string> {
  let derive: Deriver;
  try {
    derive = await loadDeriver();
  } catch {
    throw new AppFailure('internal', 'The sr25519 library could not be loaded, so the seed could not be checked.');
  }
  try {
    return derive(seed);
  } catch {
    // The library's own message could quote its input.
    throw new AppFailure('invalid-input', 'The hotkey seed is not a valid sr25519 seed.');
  }
}
