import { AppFailure } from '../../shared/errors';
import { parseHex32 } from '../signer/bytes';
import { loadSigner, ss58FromSeed as deriveSs58 } from '../signer/sr25519';

/**
 * The CLI stores the 32-byte sr25519 mini-secret as plain hex without `0x`; Bittensor wallet files
 * use `0x`, and people paste either. Messages describe the problem, never the value.
 */
export function seedFromHex(value: string, where: string): Uint8Array {
  // parseHex32 decodes into a fresh array; Buffer.from(hex) would leave a copy in Node's pool.
  const seed = parseHex32(value.trim());
  if (!seed) {
    throw new AppFailure(
      'invalid-input',
      `${where}: hotkey_seed is not a 32-byte hex seed (64 hex characters, optionally prefixed with 0x).`,
      {
        fields: [{ path: 'auth.hotkey_seed', message: 'expected 64 hex characters' }],
      },
    );
  }
  return seed;
}

/** The form the CLI writes: lowercase hex, no `0x`. */
export function seedToHex(seed: Uint8Array): string {
  return Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).toString('hex');
}

/** SS58 address (generic prefix 42, as Bittensor and the CLI use) of the sr25519 key from `seed`. */
export async function ss58FromSeed(seed: Uint8Array): Promise<string> {
  try {
    await loadSigner();
  } catch {
    throw new AppFailure('internal', 'The sr25519 library could not be loaded, so the seed could not be checked.');
  }
  try {
    return await deriveSs58(seed);
  } catch {
    // The library's own message could quote its input.
    throw new AppFailure('invalid-input', 'The hotkey seed is not a valid sr25519 seed.');
  }
}
