import { AppFailure, failureIs } from '../../shared/errors';
import type { KeychainSeed, KeychainStatus } from '../../shared/keychain';
import type { SeedVault } from './seed-vault';

/** The keychain's state as a value: a screen must still render when it is missing or locked. */
export async function probeKeychain(
  vault: SeedVault,
): Promise<{ status: KeychainStatus; seeds: KeychainSeed[] | null }> {
  try {
    return { status: { available: true }, seeds: await vault.listSeedLabels() };
  } catch (error) {
    if (error instanceof AppFailure && failureIs(error, 'keychain-unavailable')) {
      const { message, detail } = error.appError;
      return { status: { available: false, message, ...(detail?.hint ? { hint: detail.hint } : {}) }, seeds: null };
    }
    throw error;
  }
}
