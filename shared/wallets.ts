import type { KeychainSeed, KeychainStatus } from './keychain';
/**
 * Domain types for Bittensor wallet discovery. Pure TypeScript with no Node imports so they can
 * move to shared/ unchanged when the IPC contract is wired. Nothing here ever carries a seed or
 * file contents: only names, SS58 addresses, statuses and permission facts.
 */

/** What a key file turned out to be; `message` on the entry explains every non-`ok` status. */
export type HotkeyStatus =
  'ok' | 'public-only' | 'encrypted' | 'unreadable' | 'malformed' | 'too-large' | 'seed-mismatch';

export type ColdkeyStatus = 'ok' | 'missing' | 'encrypted' | 'unreadable' | 'malformed' | 'too-large';

/** Whether the folder itself could be listed. */
export type FolderStatus = 'ok' | 'missing' | 'unreadable' | 'not-a-directory';

/**
 * `private`: no group/other bits. `too-open`: the file holds a seed and group/others may read or
 * write it. `not-secret`: no seed in it, so loose bits do not matter. `unknown`: Windows (POSIX
 * modes mean nothing there) or the mode could not be read.
 */
export type PermissionStatus = 'private' | 'too-open' | 'not-secret' | 'unknown';

export interface FilePermissions {
  status: PermissionStatus;
  /** `mode & 0o777`, or null when unknown. */
  mode: number | null;
}

/**
 * A directory entry as the renderer sees it. `id` is what the renderer sends back (stable and
 * reversible even for names that are not valid UTF-8); `name` is for display only, with the stray
 * bytes of such a name shown as `\xFF`.
 */
export interface EntryRef {
  id: string;
  name: string;
}

export interface HotkeyEntry extends EntryRef {
  /** The file's own name for display (`Xpub.txt` for a public-only hotkey named `X`). */
  fileName: string;
  status: HotkeyStatus;
  /** Short human explanation, present for every non-`ok` status. */
  message?: string;
  /** SS58 address from the file, when it could be read and is well-formed. */
  ss58: string | null;
  /** The file holds a well-formed 32-byte `secretSeed` (the seed itself is never included). */
  hasSeed: boolean;
  permissions: FilePermissions;
}

export interface ColdkeyInfo {
  status: ColdkeyStatus;
  message?: string;
  /** From `coldkeypub.txt`. */
  ss58: string | null;
  /** An (encrypted) `coldkey` file exists next to it; false for public-only wallets, which is normal. */
  hasPrivateColdkey: boolean;
}

export interface WalletEntry extends EntryRef {
  /** `unreadable` when the wallet entry itself (e.g. a symlink loop) or its folder cannot be listed. */
  status: 'ok' | 'unreadable';
  message?: string;
  coldkey: ColdkeyInfo;
  /** State of `<wallet>/hotkeys/`; `missing` is normal for a coldkey-only wallet. */
  hotkeysFolder: FolderStatus;
  hotkeys: HotkeyEntry[];
}

export interface WalletsScan {
  walletsPath: string;
  status: FolderStatus;
  message?: string;
  wallets: WalletEntry[];
  /** Whether `verifySeeds` ran (full sr25519 derivation for every hotkey with a seed). */
  seedsVerified: boolean;
}

export interface DiscoverOptions {
  /** Derive every seed with sr25519 and compare with `ss58Address`. Slow; off by default. */
  verifySeeds?: boolean;
}

/** Permission report for the CLI's `config.ini`, which stores the hotkey seed in plain text. */
export interface ConfigPermissions {
  path: string;
  exists: boolean;
  /** `[auth] hotkey_seed` is present and non-empty. */
  holdsSeed: boolean;
  permissions: FilePermissions;
}

/** Where the wallets folder comes from: a launch flag or variable (fixed while the app runs), the app's own choice, or btcli's default. */
export type WalletsFolderSource = '--wallets-path' | 'BT_WALLET_PATH' | 'chosen' | 'chosen-unreadable' | 'default';

/** Set at launch by a flag or variable: the app cannot change the folder while it runs. */
export const folderFixedAtLaunch = (source: WalletsFolderSource): source is '--wallets-path' | 'BT_WALLET_PATH' =>
  source === '--wallets-path' || source === 'BT_WALLET_PATH';

/** A discovery scan with each hotkey's keychain state merged in (null: the keychain did not answer). */
export interface WalletsFolder {
  path: string;
  source: WalletsFolderSource;
  /** With `chosen-unreadable`: why the folder chosen in the app is not used (the default is, meanwhile). */
  problem?: string;
  /** btcli's own, `~/.bittensor/wallets`. */
  defaultPath: string;
}

export interface WalletsView extends WalletsScan {
  folder: Omit<WalletsFolder, 'path'>;
  keychain: KeychainStatus;
  /** Hotkeys whose seed is in the keychain (with the name they were imported under), including ones not on disk. */
  seedsInKeychain: KeychainSeed[] | null;
}
