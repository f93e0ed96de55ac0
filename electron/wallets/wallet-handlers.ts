import type { walletsContract } from '../../shared/contract/wallets';
import type { AppConfig } from '../app-config';
import type { SliceHandlers } from '../ipc-router';
import { probeKeychain } from '../keychain/probe-keychain';
import type { SeedVault } from '../keychain/seed-vault';
import { fixHotkeyPermissions } from './index';
import type { WalletScans } from './wallet-scans';

export interface WalletServices {
  config: AppConfig;
  vault: SeedVault;
  walletScans: WalletScans;
}

export function walletHandlers({ config, vault, walletScans }: WalletServices): SliceHandlers<typeof walletsContract> {
  return {
    listWallets: async ({ verifySeeds }) => {
      const [scan, keychain] = await Promise.all([walletScans.list({ verifySeeds }), probeKeychain(vault)]);
      return { ...scan, keychain: keychain.status, seedsInKeychain: keychain.seeds };
    },
    fixHotkeyPermissions: async ({ walletId, hotkeyId }) => {
      try {
        return await fixHotkeyPermissions(config.walletsPath, walletId, hotkeyId);
      } finally {
        walletScans.changed();
      }
    },
  };
}
