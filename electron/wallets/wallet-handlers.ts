import type { walletsContract } from '../../shared/contract/wallets';
import type { AppConfig } from '../app-config';
import type { SliceHandlers } from '../ipc-router';
import { probeKeychain } from '../keychain/probe-keychain';
import type { SeedVault } from '../keychain/seed-vault';
import type { DiscoveryCache } from './discovery-cache';
import { discoverWallets, fixHotkeyPermissions } from './index';

export interface WalletServices {
  config: AppConfig;
  vault: SeedVault;
  discovery: DiscoveryCache;
}

export function walletHandlers({ config, vault, discovery }: WalletServices): SliceHandlers<typeof walletsContract> {
  return {
    listWallets: async ({ verifySeeds }) => {
      const [scan, keychain] = await Promise.all([
        discoverWallets(config.walletsPath, { verifySeeds: verifySeeds ?? false, cache: discovery }),
        probeKeychain(vault),
      ]);
      return { ...scan, keychain: keychain.status, seedsInKeychain: keychain.seeds };
    },
    fixHotkeyPermissions: ({ walletId, hotkeyId }) => fixHotkeyPermissions(config.walletsPath, walletId, hotkeyId),
  };
}
