import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../shared/app-info';
import { createActivityLog, type ActivityLog } from './activity-log/activity-log';
import type { AppConfig } from './app-config';
import { createChutesClient, type ChutesClient } from './chutes-api';
import { sweepStaleTempFiles } from './fs/temp-files';
import { createFingerprintStore, type FingerprintStore } from './keychain/fingerprint-store';
import { createKeychainListing, type KeychainListing } from './keychain/keychain-listing';
import { createOsSeedVault } from './keychain/os-seed-vault';
import type { SeedVault } from './keychain/seed-vault';
import { createProfileStore, type ProfileStore } from './profiles';
import { createSeedCopies, type SeedCopies } from './profiles/seed-copies';
import { createDiscoveryCache, type DiscoveryCache } from './wallets';
import { createWalletScans, type WalletScans } from './wallets/wallet-scans';

/** Everything handlers use, built once per process (window or web host). Nothing here touches the network, the keychain or the wallets until asked. */
export interface Services {
  config: AppConfig;
  host: AppInfo['host'];
  version: string;
  home: string;
  vault: SeedVault;
  /** What the keychain holds for the lists, without waiting on an unlock prompt (keychain-listing.ts). */
  keychainListing: () => Promise<KeychainListing>;
  /** Account fingerprints the user chose to keep, in the keychain beside the session tokens. */
  fingerprints: FingerprintStore;
  profiles: ProfileStore;
  /** Where the app wrote seeds (seeded exports), to say so before one is removed from the keychain. */
  seedCopies: SeedCopies;
  activity: ActivityLog;
  /** The one way to the Chutes API: `chutes.actingAs('active')` for account operations. */
  chutes: ChutesClient;
  /** Rescans after each action re-read only key files whose stat changed. */
  discovery: DiscoveryCache;
  /** What listWallets answers from; the app starts one scan at launch (wallet-scans.ts). */
  walletScans: WalletScans;
}

/**
 * The version and when this build's code was written: a build with a version number unchanged
 * (a development or nightly build) may still describe wallets differently, so it does not adopt
 * another build's saved scan.
 */
function buildIdentity(version: string): string {
  try {
    return `${version}+${statSync(__filename).mtimeMs}`;
  } catch {
    return version;
  }
}

export function createServices(
  config: AppConfig,
  host: AppInfo['host'],
  version: string,
  vault: SeedVault = createOsSeedVault({
    seedService: config.keychainService,
    sessionService: `${config.keychainService}-session`,
    dataDir: config.dataDir,
  }),
): Services {
  // A run killed mid-write may have left temp files holding a seed beside our files or the CLI config.
  void sweepStaleTempFiles(config.dataDir);
  void sweepStaleTempFiles(path.dirname(config.configPath));
  const activity = createActivityLog(config.dataDir);
  const profiles = createProfileStore({ dataDir: config.dataDir });
  const discovery = createDiscoveryCache();
  return {
    config,
    host,
    version,
    home: os.homedir(),
    vault,
    keychainListing: createKeychainListing(vault),
    fingerprints: createFingerprintStore(vault),
    profiles,
    seedCopies: createSeedCopies({ dataDir: config.dataDir, cliConfigPath: config.configPath, profiles }),
    activity,
    chutes: createChutesClient({ vault, profiles, activity, defaultBaseUrl: config.apiUrl }),
    discovery,
    walletScans: createWalletScans(() => config.walletsPath, discovery, {
      savedScan: { dir: config.dataDir, app: buildIdentity(version) },
    }),
  };
}
