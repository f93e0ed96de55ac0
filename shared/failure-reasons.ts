/**
 * Machine-readable reasons for failures, one union per family of channels. A screen switches on
 * `error.reason`, never on message text; main maps every server answer and local failure to one of
 * these in one place per family (electron/chutes-api/failure-map.ts for the Chutes API).
 *
 * A failure with no more specific reason carries its `code` as its reason.
 */
import type { ErrorCode } from './error-codes';

/** The keychain, and a profile whose seed it does not hold. */
export type KeychainReason =
  | 'keychain-unavailable'
  /** No answer in time, or an earlier call still waits: likely an unlock prompt; it may still come. */
  | 'keychain-not-answering'
  | 'seed-missing'
  | 'keychain-entry-mismatch';

/** Profiles and the CLI's config.ini. */
export type ProfileReason =
  | 'profile-missing'
  | 'profile-duplicate'
  /** A money action was reviewed for one profile, and another one was active when it was sent. */
  | 'profile-changed'
  | 'export-target-exists'
  | 'export-would-lose-seed'
  | 'file-changed-meanwhile'
  /** The server did what was asked; the profile here could not be brought in line with it. */
  | 'profile-not-updated'
  | 'file-not-regular'
  | 'newer-data-format'
  | 'config-not-editable';

/** Files in the data folder shared by the window and the web host. */
export type StorageReason = 'data-busy' | 'data-file-corrupt';

/** Any signed call to the Chutes API. */
export type AuthReason = 'hotkey-not-registered' | 'credentials-rejected' | 'token-rejected' | 'no-active-profile';

/** Transport-level outcomes of any Chutes API call. */
export type TransportReason = 'response-too-large' | 'unexpected-shape' | 'answer-lost';

/** Registration (`../shared/reference/chutes-account-api.md` §2.4), in the server's order of checks. */
export type RegistrationReason =
  | 'ip-limit'
  | 'token-missing'
  | 'token-invalid'
  | 'hotkey-registered'
  | 'username-invalid'
  | 'username-taken'
  | 'coldkey-balance'
  /** Ours: the wallet hotkey chosen is no longer the one reviewed (the wallets folder changed). */
  | 'hotkey-changed';

/** API keys, secrets and linking; their screens extend these. */
export type SecretReason =
  | 'secret-exists'
  | 'secret-gone'
  | 'secret-key-banned'
  | 'secret-key-subnet-only'
  | 'secret-key-invalid'
  | 'chute-missing'
  | 'env-empty'
  | 'import-expired';
export type ApiKeyReason =
  | 'key-name-taken'
  | 'key-name-invalid'
  | 'key-gone'
  | 'scope-invalid'
  /** The create went out, the answer was lost, and a re-list found the key: it exists, its secret is gone. */
  | 'key-created-secret-lost'
  /** The create's answer was lost and a re-list shows it was not created: safe to try again. */
  | 'key-not-created';
export type LinkReason =
  'linking-not-offered' | 'hotkey-linked-elsewhere' | 'not-allow-listed' | 'link-signature-invalid';

/** The Account screen (§3.4–3.9): fingerprint operations, transfers and the legacy refund. */
export type AccountReason =
  | 'fingerprint-needed'
  | 'fingerprint-rejected'
  /** The fingerprint cannot be sent as the operation needs (a header value; delete reads its last word). */
  | 'fingerprint-unsendable'
  | 'username-mismatch'
  | 'account-not-deletable'
  | 'hotkey-taken'
  | 'new-hotkey-seed-missing'
  | 'transfer-to-self'
  | 'transfer-target-missing'
  | 'transfer-amount-invalid'
  | 'balance-insufficient'
  | 'transfer-not-offered'
  | 'no-developer-deposit'
  | 'refund-failed'
  | 'refund-not-offered';

export type FailureReason =
  | ErrorCode
  | KeychainReason
  | ProfileReason
  | StorageReason
  | AuthReason
  | TransportReason
  | RegistrationReason
  | ApiKeyReason
  | SecretReason
  | LinkReason
  | AccountReason;
