import { afterDone } from '../after-done';
import type { profilesContract } from '../../shared/contract/profiles';
import type { Profile, ProfileView } from '../../shared/profiles';
import type { ChutesClient } from '../chutes-api';
import type { SliceHandlers } from '../ipc-router';
import type { KeychainListing } from '../keychain/keychain-listing';
import type { SeedVault } from '../keychain/seed-vault';
import type { ProfileStore } from './index';
import { profilesSetAside } from './profiles-file';

export interface ProfileServices {
  vault: SeedVault;
  keychainListing: () => Promise<KeychainListing>;
  profiles: ProfileStore;
  chutes: ChutesClient;
}

export function profileHandlers({
  vault,
  keychainListing,
  profiles,
  chutes,
}: ProfileServices): SliceHandlers<typeof profilesContract> {
  /**
   * Hotkeys of profiles the seed index did not list, looked for in the keychain itself once per
   * process: a seed whose index entry was lost (a busy lock when it was stored, a damaged index)
   * is found and listed again, instead of the profile showing "seed missing" with signing off.
   */
  const lookedFor = new Set<string>();
  async function findUnlisted(list: readonly Profile[], listed: Set<string>): Promise<void> {
    const unlisted = [...new Set(list.map((p) => p.hotkeySs58))].filter((h) => !listed.has(h) && !lookedFor.has(h));
    for (const hotkey of unlisted) {
      // hasSeed reads the entry when the index misses it, and lists it again when it is there.
      const found = await vault.hasSeed(hotkey).catch(() => null);
      if (found === null) continue; // not answered (locked, busy): asked again by the next list
      lookedFor.add(hotkey);
      if (found) listed.add(hotkey);
    }
  }

  return {
    listProfiles: async () => {
      // The list must still show when the keychain is locked, missing or slow: "unknown" per profile.
      const [{ profiles: list, activeId }, { inKeychain, waiting }] = await Promise.all([
        profiles.snapshot(),
        keychainListing().then(
          ({ seeds, status }) => ({
            inKeychain: seeds ? new Set(seeds.map((s) => s.ss58)) : null,
            // Behind an unlock prompt, not broken: the badges say so, as the wallets' do.
            waiting: !seeds && status.waiting === true,
          }),
          () => ({ inKeychain: null, waiting: false }),
        ),
      ]);
      if (inKeychain) await findUnlisted(list, inKeychain);
      const views: ProfileView[] = list.map((p) => ({
        ...p,
        seedInKeychain: inKeychain ? inKeychain.has(p.hotkeySs58) : null,
      }));
      const setAside = list.length === 0 ? await profilesSetAside(profiles.filePath) : null;
      return {
        profiles: views,
        activeId,
        ...(waiting ? { keychainWaiting: true as const } : {}),
        ...(setAside ? { setAside } : {}),
      };
    },
    setActiveProfile: ({ profileId }) => profiles.setActive(profileId),
    renameProfile: ({ profileId, displayName }) => profiles.rename(profileId, displayName),
    removeProfile: async ({ profileId }) => {
      const result = await profiles.remove(profileId);
      // A session token has the account's full rights for days: it goes with the profile. The
      // profile is gone whatever happens here (a keychain that is locked or missing): said beside it.
      const sessionProblem = await afterDone(
        "forget the removed profile's sessions",
        chutes.forgetSessions(result.removed.hotkeySs58, [result.removed.baseUrl]),
      );
      return sessionProblem === null ? result : { ...result, sessionProblem };
    },
  };
}
