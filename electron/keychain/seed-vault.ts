/**
 * Keychain custody of hotkey seeds and session tokens. The only implementation talks to the OS
 * keychain (@napi-rs/keyring); seeds leave it only inside `withSeed`, and are zeroed afterwards.
 * Which hotkeys have a seed is kept in a separate public index, so listing never reads a seed.
 * Every method either succeeds or throws `AppFailure('keychain-unavailable', …)` within a bounded
 * time: a missing Secret Service, a locked collection or a prompt that would block never hangs.
 */
import type { KeychainSeed } from '../../shared/keychain';

export const SEED_SERVICE = 'chutes-desktop';
export const SESSION_SERVICE = 'chutes-desktop-session';

export interface SeedVault {
  /**
   * Store the 32-byte mini-secret for a hotkey SS58 address, replacing any previous one, and list
   * it under `label` (the hotkey's name; without one, a name stored earlier is kept).
   */
  putSeed(ss58: string, seed: Uint8Array, label?: string): Promise<void>;
  /** Answered from the public index when it lists the hotkey, so no seed is read for it. */
  hasSeed(ss58: string): Promise<boolean>;
  /** SS58 addresses that have a seed in the keychain, sorted; read from the index, never from the seeds. */
  listSeeds(): Promise<string[]>;
  /** Like `listSeeds`, with the name each hotkey was stored under (null when none was given). */
  listSeedLabels(): Promise<KeychainSeed[]>;
  /** True if something was removed. */
  removeSeed(ss58: string): Promise<boolean>;
  /** Run `fn` with the seed; the buffer is zeroed when `fn` settles. Throws `not-found` if absent. */
  withSeed<T>(ss58: string, fn: (seed: Uint8Array) => Promise<T>): Promise<T>;
  /** Session secrets (JWTs), keyed e.g. by `${ss58}@${apiUrl}`. */
  putSession(key: string, value: string): Promise<void>;
  getSession(key: string): Promise<string | null>;
  /** Also tells other processes on this data folder that a session is gone (`sessionsVersion`). */
  removeSession(key: string): Promise<boolean>;
  /**
   * Changes after any session removal in any process on this data folder: a token held in memory
   * since an earlier value must be read from the keychain again (sessions-version.ts).
   */
  sessionsVersion(): string;
}
