import { AppFailure } from '../../shared/errors';
import { normaliseBaseUrl } from '../../shared/validation';
import type { SeedVault } from './seed-vault';

/** Whose fingerprint: an account is a user id on one server. */
export interface FingerprintAccount {
  userId: string;
  baseUrl: string;
}

/**
 * The account fingerprint (the web-login secret, `../shared/reference/chutes-account-api.md` §2.4,
 * §3.4–3.7), kept in the keychain only when the user asks. It lives beside the session tokens
 * (the vault's session service), one entry per account, so it is never in a file, a log or the
 * renderer; screens learn only whether one is stored.
 */
export interface FingerprintStore {
  save(account: FingerprintAccount, fingerprint: string): Promise<void>;
  /** null when none is stored for that account. */
  read(account: FingerprintAccount): Promise<string | null>;
  has(account: FingerprintAccount): Promise<boolean>;
  /** True if something was removed. */
  remove(account: FingerprintAccount): Promise<boolean>;
}

/** The server accepts any string after a refinger; this only keeps a header value sane. */
const MAX_FINGERPRINT = 1024;

export const fingerprintKey = ({ userId, baseUrl }: FingerprintAccount): string =>
  `fingerprint:${userId}@${normaliseBaseUrl(baseUrl)}`;

export function createFingerprintStore(
  vault: Pick<SeedVault, 'putSession' | 'getSession' | 'removeSession'>,
): FingerprintStore {
  return {
    async save(account, fingerprint) {
      if (fingerprint.length === 0 || fingerprint.length > MAX_FINGERPRINT || /[\r\n\0]/.test(fingerprint)) {
        throw new AppFailure('invalid-input', `A fingerprint is 1 to ${MAX_FINGERPRINT} characters on one line.`, {
          fields: [{ path: 'fingerprint', message: 'Not a fingerprint' }],
        });
      }
      await vault.putSession(fingerprintKey(account), fingerprint);
    },
    read: (account) => vault.getSession(fingerprintKey(account)),
    has: async (account) => (await vault.getSession(fingerprintKey(account))) !== null,
    remove: (account) => vault.removeSession(fingerprintKey(account)),
  };
}
