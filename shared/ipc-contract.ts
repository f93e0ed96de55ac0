import { z } from 'zod';
import type { AppInfo } from './app-info';
import type { ConnectionReport } from './diagnostics';
import type { Result } from './errors';
import type { AccountLookup, ActivityEntry, ImportedHotkey, KeychainStatus, WalletsView } from './identity';
import type { CliConfigLocation, ExportCliConfigSummary, ImportCliConfigSummary, Profile, ProfilesView, RemoveProfileResult } from './profiles';
import type { ConfigPermissions, FilePermissions } from './wallets';
import { apiBaseUrl, displayName, entryId, localPath, profileId, ss58Address } from './validation';

/**
 * The one IPC contract: channel → (zod input schema, result type). The main-process router, the
 * preload's `window.chutes` and the renderer's client are all derived from this map. Adding a
 * channel = one entry here + one handler in its feature's handler module (composed in
 * electron/handlers.ts; the `Handlers` type makes a missing one a compile error).
 */
const returns = <T>(): T => undefined as T;
const empty = z.object({}).strict();

export const contract = {
  getAppInfo: { input: empty, result: returns<AppInfo>() },
  checkConnection: {
    input: z.object({ apiUrl: apiBaseUrl.optional() }).strict(),
    result: returns<ConnectionReport>(),
  },

  // Profiles: config.ini minus the seed, which stays in the keychain.
  listProfiles: { input: empty, result: returns<ProfilesView>() },
  locateCliConfig: { input: empty, result: returns<CliConfigLocation>() },
  importCliConfig: {
    input: z.object({ path: localPath.optional(), stripSeed: z.boolean(), displayName: displayName.optional() }).strict(),
    result: returns<ImportCliConfigSummary>(),
  },
  exportProfile: {
    input: z.object({ profileId, path: localPath.optional(), includeSeed: z.boolean(), overwrite: z.boolean() }).strict(),
    result: returns<ExportCliConfigSummary>(),
  },
  setActiveProfile: { input: z.object({ profileId }).strict(), result: returns<Profile>() },
  renameProfile: { input: z.object({ profileId, displayName }).strict(), result: returns<Profile>() },
  removeProfile: { input: z.object({ profileId, forgetSeed: z.boolean() }).strict(), result: returns<RemoveProfileResult>() },

  // Wallets and keychain custody. Seeds travel from files to the keychain inside main only.
  listWallets: { input: z.object({ verifySeeds: z.boolean().optional() }).strict(), result: returns<WalletsView>() },
  keychainStatus: { input: empty, result: returns<KeychainStatus>() },
  importHotkey: { input: z.object({ walletId: entryId, hotkeyId: entryId }).strict(), result: returns<ImportedHotkey>() },
  importHotkeyFile: { input: z.object({ path: localPath }).strict(), result: returns<ImportedHotkey>() },
  removeHotkeySeed: { input: z.object({ hotkey: ss58Address }).strict(), result: returns<{ removed: boolean }>() },
  fixHotkeyPermissions: { input: z.object({ walletId: entryId, hotkeyId: entryId }).strict(), result: returns<FilePermissions>() },
  lookupAccount: { input: z.object({ hotkey: ss58Address }).strict(), result: returns<AccountLookup>() },
  addProfileFromHotkey: {
    input: z.object({ hotkey: ss58Address, hotkeyName: z.string().trim().min(1).max(255) }).strict(),
    result: returns<Profile>(),
  },
  cliConfigPermissions: { input: empty, result: returns<ConfigPermissions>() },
  fixCliConfigPermissions: { input: empty, result: returns<FilePermissions>() },
  listActivity: { input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), result: returns<ActivityEntry[]>() },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
/** What a handler receives, after validation. */
export type ChannelArgs<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelResult<K extends Channel> = Contract[K]['result'];

/** The API the renderer sees, as `window.chutes` in Electron or over HTTP from the web host. */
export type ChutesApi = {
  [K in Channel]: (input: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>;
};

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** IPC channel string for a contract channel; prefixed so nothing else on ipcMain can collide. */
export function ipcChannel(channel: Channel): string {
  return `chutes:${channel}`;
}

/** Payloads above this are refused before parsing, over IPC and HTTP alike. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
