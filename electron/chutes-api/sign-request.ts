import type { SeedVault } from '../keychain/seed-vault';
import { nonceFrom } from '../signer/signing-message';
import { signedHeaders } from '../signer/signed-headers';
import { AppFailure } from '../../shared/errors';
import { seedMissingFailure } from './failure-map';
import type { Auth } from './types';

/** v1 hotkey-signature headers for one attempt (fresh nonce); the seed never leaves `withSeed`. */
export async function signRequest(
  vault: SeedVault,
  auth: Extract<Auth, { kind: 'hotkey' }>,
  method: string,
  signedBody: string | undefined,
  nowMs: number,
): Promise<Record<string, string>> {
  if (!auth.purpose && signedBody === undefined) {
    throw new AppFailure('internal', `A signed ${method} needs the endpoint's purpose.`);
  }
  try {
    const headers = await vault.withSeed(auth.hotkey, (seed) =>
      signedHeaders({
        hotkey: auth.hotkey,
        seed,
        nonce: nonceFrom(nowMs),
        purpose: auth.purpose,
        body: signedBody,
        userId: auth.userId,
      }),
    );
    return { ...headers };
  } catch (error) {
    throw seedMissingFailure(error, auth.hotkey);
  }
}
