import type { walletsContract } from '../../shared/contract/wallets';
import type { AppConfig } from '../app-config';
import type { SliceHandlers } from '../ipc-router';
import type { KeychainListing } from '../keychain/keychain-listing';
import { fixHotkeyPermissions } from './index';
import { chooseWalletsFolder } from './wallets-folder';
import { AppFailure } from '../../shared/errors';
import { folderFixedAtLaunch } from '../../shared/wallets';
import type { WalletScans } from './wallet-scans';

export interface WalletServices {
  config: AppConfig;
  home: string;
  keychainListing: () => Promise<KeychainListing>;
  walletScans: WalletScans;
}

export function walletHandlers({
  config,
  home,
  keychainListing,
  walletScans,
}: WalletServices): SliceHandlers<typeof walletsContract> {
  const list = async (verifySeeds?: boolean) => {
    const [scan, keychain] = await Promise.all([walletScans.list({ verifySeeds }), keychainListing()]);
    const problem = config.walletsPathProblem;
    const folder = {
      source: config.walletsPathSource,
      ...(problem ? { problem } : {}),
      defaultPath: config.defaultWalletsPath,
    };
    return { ...scan, folder, keychain: keychain.status, seedsInKeychain: keychain.seeds };
  };
  return {
    listWallets: ({ verifySeeds }) => list(verifySeeds),
    chooseWalletsFolder: async ({ path }) => {
      const source = config.walletsPathSource;
      if (folderFixedAtLaunch(source))
        throw new AppFailure(
          'conflict',
          `The wallets folder is set by ${source} for as long as the app runs, so it cannot be changed here.`,
          { hint: `Start the app without ${source} to choose the folder in the app.` },
        );
      await chooseWalletsFolder(config.dataDir, path, home);
      walletScans.changed();
      return { path: config.walletsPath, source: config.walletsPathSource, defaultPath: config.defaultWalletsPath };
    },
    fixHotkeyPermissions: async ({ walletId, hotkeyId, expectedSs58 }) => {
      try {
        return await fixHotkeyPermissions(config.walletsPath, walletId, hotkeyId, expectedSs58);
      } finally {
        walletScans.changed();
      }
    },
  };
}
