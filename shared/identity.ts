import type { NetworkFailure } from './errors';
import type { FilePermissions, WalletsScan } from './wallets';

/** Whether the OS keychain answered, and if not, what the user can do. */
export interface KeychainStatus {
  available: boolean;
  message?: string;
  hint?: string;
}

export interface KeychainSeed {
  ss58: string;
  /** The hotkey's name when it was imported (file name or the CLI's hotkey_name); null if unknown. */
  label: string | null;
}

/** A discovery scan with each hotkey's keychain state merged in (null: the keychain did not answer). */
export interface WalletsView extends WalletsScan {
  keychain: KeychainStatus;
  /** Hotkeys whose seed is in the keychain (with the name they were imported under), including ones not on disk. */
  seedsInKeychain: KeychainSeed[] | null;
}

export interface ImportedHotkey {
  ss58: string;
  name: string;
  /** The file the seed came from is readable by others; offer the 0600 fix. */
  permissions: FilePermissions | null;
}

/** What `GET /users/me` said about a hotkey on the configured API. */
export interface AccountLookup {
  apiUrl: string;
  hotkey: string;
  username: string;
  userId: string;
  coldkey: string;
  paymentAddress: string;
  balance: number | null;
  createdAt: string;
}

/**
 * One authenticated call, as the user may review it later. Deliberately narrow: only public
 * facts. Signatures, headers, bodies, tokens, fingerprints, API keys and query strings never
 * reach this type, so they cannot reach the file.
 */
export interface ActivityEntry {
  /** ISO time the call started. */
  time: string;
  method: string;
  /** URL path only, never the query. */
  path: string;
  auth: 'hotkey' | 'jwt' | 'hotkey-login' | 'fingerprint' | 'apiKey';
  /** Public SS58 address, when a hotkey was involved. */
  hotkey?: string;
  purpose?: string;
  bodySha256?: string;
  status?: number;
  /** Why no status: the network failure kind. */
  failure?: NetworkFailure;
  durationMs: number;
}
