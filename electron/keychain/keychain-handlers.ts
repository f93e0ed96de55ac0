import { afterDone } from '../after-done';
import type { keychainContract } from '../../shared/contract/keychain';
import { AppFailure, failureIs } from '../../shared/errors';
import { describeError, log } from '../log';
import type { ImportedHotkey } from '../../shared/keychain';
import type { AppConfig } from '../app-config';
import { resolveUserPath } from '../fs/user-path';
import type { ChutesClient } from '../chutes-api';
import type { SliceHandlers } from '../ipc-router';
import type { ProfileStore } from '../profiles';
import type { SeedCopies } from '../profiles/seed-copies';
import { discoverWallets, readHotkeyFile, readHotkeySeed, type DiscoveryCache, type HotkeySeed } from '../wallets';
import { hotkeyFileChanged } from '../wallets/hotkey-seed';
import type { KeychainListing } from './keychain-listing';
import type { SeedVault } from './seed-vault';

export interface KeychainServices {
  config: AppConfig;
  vault: SeedVault;
  keychainListing: () => Promise<KeychainListing>;
  profiles: ProfileStore;
  chutes: ChutesClient;
  discovery: DiscoveryCache;
  seedCopies: SeedCopies;
  home: string;
}

/** Put a seed read from a file into the keychain under the hotkey's name, and wipe our copy whatever happens. */
export async function storeAndWipe(vault: SeedVault, read: HotkeySeed, name: string): Promise<string> {
  try {
    await vault.putSeed(read.ss58, read.seed, name);
    return read.ss58;
  } finally {
    read.seed.fill(0);
  }
}

/** Refuses, typed, unless the wallet's hotkey file still holds a seed that derives `hotkey`. */
async function checkWalletFile(
  walletsPath: string,
  hotkey: string,
  { walletId, hotkeyId }: { walletId: string; hotkeyId: string },
): Promise<void> {
  const where = `${walletId}/${hotkeyId}`;
  const read = await readHotkeySeed(walletsPath, walletId, hotkeyId).catch((error: unknown) => {
    if (error instanceof AppFailure) return error;
    throw error;
  });
  if (read instanceof AppFailure || read.ss58 !== hotkey) {
    if (!(read instanceof AppFailure)) read.seed.fill(0);
    throw new AppFailure(
      'conflict',
      `The hotkey file ${where} no longer holds this seed${read instanceof AppFailure ? ` (${read.appError.message})` : ` (it now holds ${read.ss58})`}, so it was not removed from the keychain.`,
      {
        hint: 'The copies were looked for again: the question says what is left. Keep a copy (the hotkey file, its mnemonic, or a config exported with the seed) before removing it.',
      },
      'file-changed-meanwhile',
    );
  }
  read.seed.fill(0);
}

/**
 * Put a hotkey file's seed into the keychain. One already there keeps the name it was stored under
 * (the file's own name, often "default", must not rename the entry a profile or an earlier import
 * is known by), and the caller is told it was there already.
 */
async function storeFileSeed(
  vault: SeedVault,
  read: HotkeySeed,
  name: string,
): Promise<Omit<ImportedHotkey, 'permissions'>> {
  const stored = await vault.hasSeed(read.ss58).catch((error: unknown) => {
    read.seed.fill(0);
    throw error;
  });
  if (!stored) return { ss58: await storeAndWipe(vault, read, name), name, alreadyInKeychain: false };
  const label = (await vault.listSeedLabels().catch(() => [])).find((s) => s.ss58 === read.ss58)?.label ?? null;
  // Stored again all the same (without a label: the one listed stays): the same seed, since the
  // file's seed derives this address, and it is there even if removed elsewhere a moment ago.
  try {
    await vault.putSeed(read.ss58, read.seed);
  } finally {
    read.seed.fill(0);
  }
  return { ss58: read.ss58, name: label ?? name, alreadyInKeychain: true };
}

export function keychainHandlers(services: KeychainServices): SliceHandlers<typeof keychainContract> {
  const { config, vault, keychainListing, profiles, chutes, discovery } = services;
  return {
    keychainStatus: async () => (await keychainListing()).status,
    importHotkey: async ({ walletId, hotkeyId, expectedSs58 }): Promise<ImportedHotkey> => {
      const scan = await discoverWallets(config.walletsPath, { cache: discovery });
      const entry = scan.wallets.find((w) => w.id === walletId)?.hotkeys.find((h) => h.id === hotkeyId);
      const name = entry?.name ?? hotkeyId;
      const read = await readHotkeySeed(config.walletsPath, walletId, hotkeyId);
      // The folder main reads now may not be the one the row came from, nor the file the same one.
      if (read.ss58 !== expectedSs58) {
        read.seed.fill(0);
        throw hotkeyFileChanged(`${walletId}/${hotkeyId}`, read.ss58, expectedSs58, 'nothing was put in the keychain');
      }
      return { ...(await storeFileSeed(vault, read, name)), permissions: entry?.permissions ?? null };
    },
    importHotkeyFile: async ({ path: typed }): Promise<ImportedHotkey> => {
      const read = await readHotkeyFile(resolveUserPath(typed, services.home));
      return { ...(await storeFileSeed(vault, read, read.suggestedName)), permissions: null };
    },
    seedCopies: ({ hotkey }) => services.seedCopies.find(hotkey),
    removeHotkeySeed: async ({ hotkey, copiesShown, walletFileShown }) => {
      // The question said this hotkey file holds the seed, so no other copy was asked for: it must
      // still hold it now (a file overwritten or deleted since would leave no copy at all).
      if (walletFileShown) await checkWalletFile(config.walletsPath, hotkey, walletFileShown);
      // The question named these files as the copy to fall back on; one may have changed since.
      if (copiesShown?.length) {
        // Compared as the contract read them (trimmed), so a path ending in a space still matches.
        const now = new Set((await services.seedCopies.find(hotkey)).map((c) => c.path.trim()));
        if (!copiesShown.some((p) => now.has(p)))
          throw new AppFailure(
            'conflict',
            `${copiesShown.join(', ')} no longer ${copiesShown.length === 1 ? 'holds' : 'hold'} this seed, so it was not removed from the keychain.`,
            {
              hint: `${now.size === 0 ? 'No other copy was found when they were looked for again.' : 'The copies were looked for again: the question above lists those still found.'} Export the profile with the seed again (Export for CLI…), or tick that you have another copy (the hotkey file or its mnemonic), then remove it.`,
            },
            'file-changed-meanwhile',
          );
      }
      const forget = async () => {
        const used = (await profiles.list()).filter((p) => p.hotkeySs58 === hotkey).map((p) => p.baseUrl);
        await chutes.forgetSessions(hotkey, [config.apiUrl, ...used]);
      };
      let removed: boolean;
      try {
        removed = await vault.removeSeed(hotkey);
      } catch (error) {
        // The seed may be gone already though unlisting it failed (a busy lock): its sessions go
        // too. Not when the keychain itself could not be used — forgetting needs it as well, and a
        // second unlock prompt right after a dismissed one helps nobody.
        if (!failureIs(error, 'keychain-unavailable'))
          await forget().catch((e: unknown) => log.warn(`could not forget sessions: ${describeError(e)}`));
        throw error;
      }
      // Without the seed, no session token of this hotkey should outlive it, on any API it was used with.
      // The seed is gone whatever happens here (a locked keychain, an unreadable profiles file): a
      // failure is said beside the removal, never as its failure (the user would try again, or
      // believe the seed is still there).
      const sessionProblem = await afterDone("forget the removed hotkey's sessions", forget());
      return sessionProblem === null ? { removed } : { removed, sessionProblem };
    },
  };
}
