import { AppFailure, failureIs } from '../../shared/errors';
import type { KeychainSeed, KeychainStatus } from '../../shared/keychain';
import { KEYCHAIN_TEXT } from './keychain-errors';
import type { SeedVault } from './seed-vault';

export interface KeychainListing {
  status: KeychainStatus;
  /** null: the keychain did not answer (yet). */
  seeds: KeychainSeed[] | null;
}

/**
 * How long a list waits for the keychain before answering without it. An unlocked keychain
 * answers in milliseconds; one showing an unlock prompt (perhaps behind other windows) holds its
 * answer until the user acts or the vault's deadline (15 s) passes, and the wallets and profiles
 * lists must not stand blank that long.
 */
export const KEYCHAIN_PATIENCE_MS = 2_000;

/** The keychain's state as a value: a screen must still render when it is missing or locked. */
async function probeKeychain(vault: SeedVault): Promise<KeychainListing> {
  try {
    return { status: { available: true }, seeds: await vault.listSeedLabels() };
  } catch (error) {
    if (error instanceof AppFailure && failureIs(error, 'keychain-unavailable')) {
      const { message, detail } = error.appError;
      // Past the deadline the call may still be answered (the prompt is still open): keep asking.
      const waiting = error.reason === 'keychain-not-answering' ? { waiting: true } : {};
      return {
        status: { available: false, ...waiting, message, ...(detail?.hint ? { hint: detail.hint } : {}) },
        seeds: null,
      };
    }
    throw error;
  }
}

const WAITING: KeychainListing = {
  status: { available: false, waiting: true, ...KEYCHAIN_TEXT.waiting },
  seeds: null,
};

/**
 * What the keychain holds, for the lists: answered within `patienceMs`, or "still waiting"
 * (`status.waiting`), when the screen asks again. Calls made while one is outstanding join it, so
 * a hidden prompt costs one pending keychain call, not one per refresh.
 */
export function createKeychainListing(
  vault: SeedVault,
  patienceMs = KEYCHAIN_PATIENCE_MS,
): () => Promise<KeychainListing> {
  let outstanding: Promise<KeychainListing> | null = null;
  return async () => {
    const listing = (outstanding ??= probeKeychain(vault).finally(() => {
      outstanding = null;
    }));
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<KeychainListing>((resolve) => {
      timer = setTimeout(() => resolve(WAITING), patienceMs);
    });
    try {
      return await Promise.race([listing, patience]);
    } finally {
      clearTimeout(timer);
    }
  };
}
