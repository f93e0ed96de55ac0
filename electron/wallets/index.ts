/**
 * Bittensor wallet folder support for the main process: read-only discovery, seed reads for
 * keychain import, and the opt-in permission fix. Only `discoverWallets` results and
 * `FilePermissions`/`ConfigPermissions` may cross IPC; `HotkeySeed` values never may.
 */
export {
  discoverWallets,
  locateHotkey,
  type DiscoverCallOptions,
  type DiscoverSeams,
  type LocatedHotkey,
} from './discover';
export { createDiscoveryCache, type DiscoveryCache } from './discovery-cache';
export {
  fixHotkeyPermissions,
  readHotkeyFile,
  readHotkeySeed,
  type HotkeyFileSeed,
  type HotkeySeed,
} from './hotkey-seed';
export { MAX_KEYFILE_BYTES } from './keyfile';
export { checkConfigPermissions, fixPermissions, PRIVATE_MODE, type FixScope } from './permissions';
export type * from '../../shared/wallets';
export type { WalletFs } from './wallet-fs';
