import { AppFailure } from '../../shared/errors';
import type { SeedVault } from '../keychain/seed-vault';
import type { HotkeySeed } from '../wallets';

/**
 * A vault of one seed read from a wallet file, for a request that must be signed before the user
 * chose to keep that seed (registration's "does this hotkey already have an account?"). It keeps
 * nothing: the keychain is never touched, no session is stored, and the caller wipes `read`.
 */
export function oneSeedVault(read: HotkeySeed): SeedVault {
  const keepsNothing = () =>
    Promise.reject(new AppFailure('internal', 'A seed read for one request cannot be stored.'));
  return {
    putSeed: keepsNothing,
    hasSeed: (ss58) => Promise.resolve(ss58 === read.ss58),
    listSeeds: () => Promise.resolve([read.ss58]),
    listSeedLabels: () => Promise.resolve([{ ss58: read.ss58, label: null, addedAt: null }]),
    removeSeed: () => Promise.resolve(false),
    async withSeed(ss58, fn) {
      if (ss58 !== read.ss58) throw new AppFailure('not-found', `No seed for ${ss58} was read for this request.`);
      const copy = Uint8Array.from(read.seed);
      try {
        return await fn(copy);
      } finally {
        copy.fill(0);
      }
    },
    // Hotkey-signed requests need no session; one made anyway is not kept.
    putSession: () => Promise.resolve(),
    getSession: () => Promise.resolve(null),
    removeSession: () => Promise.resolve(false),
    sessionsVersion: () => '0',
  };
}
