import { AppFailure } from '../../shared/errors';
import type { SeedVault } from '../keychain/seed-vault';
import { signMessage } from '../signer/sr25519';
import { seedMissingFailure } from './failure-map';
import { loginNonceSchema, loginSchema } from './endpoints/schemas';
import type { ApiRequest } from './types';

/** The server's answer to a nonce that expired (300 s) or was already used (`chutes-account-api.md` §3.5); failure-map.ts words it. */
export const NONCE_EXPIRED = 'Invalid or expired nonce. Please request a new one.';

type Run = <T>(req: ApiRequest<T>, loginFor: string) => Promise<T>;

const nonceExpired = (error: unknown): boolean =>
  error instanceof AppFailure && error.appError.detail?.serverDetail === NONCE_EXPIRED;

/**
 * Hotkey login: fetch a nonce, sign the nonce string itself, exchange it for a JWT. The nonce lives
 * 300 s and the keychain may ask to be unlocked in between (a prompt left open over a coffee), so
 * an expired nonce is fetched and signed once more before the failure is reported.
 */
export function createHotkeyLogin(run: Run, vault: SeedVault): (hotkey: string) => Promise<string> {
  async function attempt(hotkey: string): Promise<string> {
    const { nonce } = await run(
      { method: 'GET', path: '/users/login/nonce', auth: { kind: 'none' }, schema: loginNonceSchema },
      hotkey,
    );
    const signature = await vault
      .withSeed(hotkey, (seed) => signMessage(seed, nonce))
      .catch((error: unknown) => {
        throw seedMissingFailure(error, hotkey);
      });
    const { token } = await run(
      {
        method: 'POST',
        path: '/users/login',
        auth: { kind: 'none' },
        body: { hotkey, signature, nonce },
        schema: loginSchema,
      },
      hotkey,
    );
    return token;
  }
  return async (hotkey) => {
    try {
      return await attempt(hotkey);
    } catch (error) {
      if (!nonceExpired(error)) throw error;
      return attempt(hotkey);
    }
  };
}
