/**
 * Keychain custody of hotkey seeds and session tokens. The only implementation talks to the OS
 * keychain (@napi-rs/keyring); seeds leave it only inside `withSeed`, and are zeroed afterwards.
 * Every method either succeeds or throws `AppFailure('keychain-unavailable', …)` within a bounded
 * time: a missing Secret Service, a locked collection or a prompt that would block never hangs.
 */
export const SEED_SERVICE = 'chutes-desktop';
export const SESSION_SERVICE = 'chutes-desktop-session';

export interface SeedVault {
  /** Store the 32-byte mini-secret for a hotkey SS58 address, replacing any previous one. */
  putSeed(ss58: string, seed: Uint8Array): Promise<void>;
  hasSeed(ss58: string): Promise<boolean>;
  /** SS58 addresses that have a seed in the keychain. */
  listSeeds(): Promise<string[]>;
  /** True if something was removed. */
  removeSeed(ss58: string): Promise<boolean>;
  /** Run `fn` with the seed; the buffer is zeroed when `fn` settles. Throws `not-found` if absent. */
  withSeed<T>(ss58: string, fn: (seed: Uint8Array) => Promise<T>): Promise<T>;
  /** Session secrets (JWTs), keyed e.g. by `${ss58}@${apiUrl}`. */
  putSession(key: string, value: string): Promise<void>;
  getSession(key: string): Promise<string | null>;
  removeSession(key: string): Promise<boolean>;
}
