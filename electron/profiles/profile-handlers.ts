import type { ProfileView } from '../../shared/profiles';
import type { AppConfig } from '../app-config';
import { resolveUserPath } from '../fs/user-path';
import type { ApiClient } from '../api-client';
import type { Handlers } from '../ipc-router';
import type { SeedVault } from '../keychain/seed-vault';
import { exportCliConfig, importCliConfig, locateCliConfig, type ProfileStore } from './index';

export interface ProfileServices {
  config: AppConfig;
  vault: SeedVault;
  profiles: ProfileStore;
  home: string;
  apiFor(baseUrl: string): ApiClient;
}

type ProfileChannels = 'listProfiles' | 'locateCliConfig' | 'importCliConfig' | 'exportProfile' | 'setActiveProfile' | 'renameProfile' | 'removeProfile';

/** A path the user typed (may start with ~), or the CLI's own config path when none was given. */
function chosenPath(services: ProfileServices, typed: string | undefined): { path: string; picked: boolean } {
  if (typed === undefined) return { path: services.config.configPath, picked: false };
  const resolved = resolveUserPath(typed, services.home);
  return { path: resolved, picked: resolved !== services.config.configPath };
}

export function profileHandlers(services: ProfileServices): Pick<Handlers, ProfileChannels> {
  const { config, vault, profiles } = services;
  return {
    listProfiles: async () => {
      // The list must still show when the keychain is locked or missing: say "unknown" per profile.
      const [{ profiles: list, activeId }, held] = await Promise.all([
        profiles.snapshot(),
        vault.listSeeds().then((seeds) => new Set(seeds), () => null),
      ]);
      const views: ProfileView[] = list.map((p) => ({ ...p, seedInKeychain: held ? held.has(p.hotkeySs58) : null }));
      return { profiles: views, activeId };
    },
    locateCliConfig: () => locateCliConfig(config),
    importCliConfig: (args) => {
      const target = chosenPath(services, args.path);
      return importCliConfig({
        store: profiles,
        vault,
        path: target.path,
        via: target.picked ? 'picked' : config.configPathSource,
        stripSeed: args.stripSeed,
        fallbackApiUrl: config.apiUrl,
        ...(args.displayName === undefined ? {} : { displayName: args.displayName }),
      });
    },
    exportProfile: (args) =>
      exportCliConfig({
        store: profiles,
        vault,
        profileId: args.profileId,
        targetPath: chosenPath(services, args.path).path,
        includeSeed: args.includeSeed,
        overwrite: args.overwrite,
      }),
    setActiveProfile: ({ profileId }) => profiles.setActive(profileId),
    renameProfile: ({ profileId, displayName }) => profiles.rename(profileId, displayName),
    removeProfile: async ({ profileId, forgetSeed }) => {
      const result = await profiles.remove(profileId, { forgetSeed });
      // A session token has the account's full rights for days: it goes with the profile.
      await services.apiFor(result.removed.baseUrl).forgetSession(result.removed.hotkeySs58);
      return result;
    },
  };
}
