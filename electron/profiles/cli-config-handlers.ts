import type { cliConfigContract } from '../../shared/contract/cli-config';
import type { AppConfig } from '../app-config';
import { resolveUserPath } from '../fs/user-path';
import type { SliceHandlers } from '../ipc-router';
import type { SeedVault } from '../keychain/seed-vault';
import type { SeedCopies } from './seed-copies';
import { checkConfigPermissions, fixPermissions } from '../wallets';
import { exportCliConfig, importCliConfig, locateCliConfig, type ProfileStore } from './index';

export interface CliConfigServices {
  config: AppConfig;
  vault: SeedVault;
  profiles: ProfileStore;
  seedCopies: SeedCopies;
  home: string;
}

/** A path the user typed (may start with ~), or the CLI's own config path when none was given. */
function chosenPath(services: CliConfigServices, typed: string | undefined): { path: string; picked: boolean } {
  if (typed === undefined) return { path: services.config.configPath, picked: false };
  const resolved = resolveUserPath(typed, services.home);
  return { path: resolved, picked: resolved !== services.config.configPath };
}

export function cliConfigHandlers(services: CliConfigServices): SliceHandlers<typeof cliConfigContract> {
  const { config, vault, profiles } = services;
  return {
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
    exportProfile: async (args) => {
      // The address the seed belongs to, taken before writing: the note must name what was written.
      const hotkey = args.includeSeed ? (await profiles.get(args.profileId)).hotkeySs58 : null;
      const summary = await exportCliConfig({
        store: profiles,
        vault,
        profileId: args.profileId,
        targetPath: chosenPath(services, args.path).path,
        includeSeed: args.includeSeed,
        overwrite: args.overwrite,
        inheritedApiUrl: config.apiUrl,
        cliConfigPath: config.configPath,
      });
      if (hotkey && summary.includesSeed) await services.seedCopies.record(hotkey, summary.path);
      return summary;
    },
    cliConfigPermissions: () => Promise.resolve(checkConfigPermissions(config.configPath)),
    // Only the CLI config the app was pointed at (CHUTES_CONFIG_PATH or the default) can be fixed.
    fixCliConfigPermissions: () =>
      fixPermissions(config.configPath, { walletsPath: config.walletsPath, configPath: config.configPath }),
  };
}
