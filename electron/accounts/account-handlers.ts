import { AppFailure } from '../../shared/errors';
import type { ImportedHotkey, KeychainSeed, KeychainStatus } from '../../shared/identity';
import type { AppConfig } from '../app-config';
import { resolveUserPath } from '../fs/user-path';
import type { ActivityLog } from '../activity-log/activity-log';
import type { ApiClient } from '../api-client';
import type { Handlers } from '../ipc-router';
import type { SeedVault } from '../keychain/seed-vault';
import type { ProfileStore } from '../profiles';
import { isValidSs58 } from '../signer';
import { checkConfigPermissions, createDiscoveryCache, discoverWallets, fixHotkeyPermissions, fixPermissions, readHotkeyFile, readHotkeySeed, type HotkeySeed } from '../wallets';

export interface AccountServices {
  config: AppConfig;
  vault: SeedVault;
  profiles: ProfileStore;
  api: ApiClient;
  apiFor(baseUrl: string): ApiClient;
  activity: ActivityLog;
  home: string;
}

type AccountChannels =
  | 'listWallets'
  | 'keychainStatus'
  | 'importHotkey'
  | 'importHotkeyFile'
  | 'removeHotkeySeed'
  | 'fixHotkeyPermissions'
  | 'lookupAccount'
  | 'addProfileFromHotkey'
  | 'cliConfigPermissions'
  | 'fixCliConfigPermissions'
  | 'listActivity';

/** The keychain's state as a value: a screen must still render when it is missing or locked. */
async function probeKeychain(vault: SeedVault): Promise<{ status: KeychainStatus; seeds: KeychainSeed[] | null }> {
  try {
    return { status: { available: true }, seeds: await vault.listSeedLabels() };
  } catch (error) {
    if (error instanceof AppFailure && error.appError.code === 'keychain-unavailable') {
      const { message, detail } = error.appError;
      return { status: { available: false, message, ...(detail?.hint ? { hint: detail.hint } : {}) }, seeds: null };
    }
    throw error;
  }
}

function checkedHotkey(hotkey: string): string {
  if (!isValidSs58(hotkey)) {
    throw new AppFailure('invalid-input', 'That is not a valid SS58 address (the checksum does not match).', { fields: [{ path: 'hotkey', message: 'Invalid SS58 checksum' }] });
  }
  return hotkey;
}

/** Put a seed read from a file into the keychain under the hotkey's name, and wipe our copy whatever happens. */
async function keep(vault: SeedVault, read: HotkeySeed, name: string): Promise<string> {
  try {
    await vault.putSeed(read.ss58, read.seed, name);
    return read.ss58;
  } finally {
    read.seed.fill(0);
  }
}

export function accountHandlers(services: AccountServices): Pick<Handlers, AccountChannels> {
  const { config, vault, profiles, api, activity } = services;
  // One per process: rescans after each action re-read only key files whose stat changed.
  const cache = createDiscoveryCache();
  return {
    listWallets: async ({ verifySeeds }) => {
      const [scan, keychain] = await Promise.all([discoverWallets(config.walletsPath, { verifySeeds: verifySeeds ?? false, cache }), probeKeychain(vault)]);
      return { ...scan, keychain: keychain.status, seedsInKeychain: keychain.seeds };
    },
    keychainStatus: async () => (await probeKeychain(vault)).status,
    importHotkey: async ({ walletId, hotkeyId }): Promise<ImportedHotkey> => {
      const scan = await discoverWallets(config.walletsPath, { cache });
      const entry = scan.wallets.find((w) => w.id === walletId)?.hotkeys.find((h) => h.id === hotkeyId);
      const name = entry?.name ?? hotkeyId;
      const ss58 = await keep(vault, await readHotkeySeed(config.walletsPath, walletId, hotkeyId), name);
      return { ss58, name, permissions: entry?.permissions ?? null };
    },
    importHotkeyFile: async ({ path: typed }): Promise<ImportedHotkey> => {
      const read = await readHotkeyFile(resolveUserPath(typed, services.home));
      const ss58 = await keep(vault, read, read.suggestedName);
      return { ss58, name: read.suggestedName, permissions: null };
    },
    removeHotkeySeed: async ({ hotkey }) => {
      const removed = await vault.removeSeed(checkedHotkey(hotkey));
      // Without the seed, no session token of this hotkey should outlive it, on any API it was used with.
      const urls = new Set([config.apiUrl, ...(await profiles.list()).filter((p) => p.hotkeySs58 === hotkey).map((p) => p.baseUrl)]);
      for (const url of urls) await services.apiFor(url).forgetSession(hotkey);
      return { removed };
    },
    fixHotkeyPermissions: ({ walletId, hotkeyId }) => fixHotkeyPermissions(config.walletsPath, walletId, hotkeyId),
    lookupAccount: ({ hotkey }) => api.getMe(checkedHotkey(hotkey)),
    addProfileFromHotkey: async ({ hotkey, hotkeyName }) => {
      const me = await api.getMe(checkedHotkey(hotkey));
      return profiles.upsert({
        baseUrl: config.apiUrl,
        username: me.username,
        userId: me.userId,
        hotkeyName,
        hotkeySs58: hotkey,
        paymentAddress: me.paymentAddress || null,
        source: { kind: 'manual' },
      });
    },
    cliConfigPermissions: () => checkConfigPermissions(config.configPath),
    // Only the CLI config the app was pointed at (CHUTES_CONFIG_PATH or the default) can be fixed.
    fixCliConfigPermissions: () => fixPermissions(config.configPath, { walletsPath: config.walletsPath, configPath: config.configPath }),
    listActivity: ({ limit }) => activity.list({ limit: limit ?? 200 }),
  };
}
