import type { FilePermissions } from './wallets';

/** Whether the OS keychain answered, and if not, what the user can do. */
export interface KeychainStatus {
  available: boolean;
  /** Not answered yet (an unlock prompt may be open): ask again shortly; `available` is false meanwhile. */
  waiting?: boolean;
  message?: string;
  hint?: string;
}

export interface KeychainSeed {
  ss58: string;
  /** The hotkey's name when it was imported (file name or the CLI's hotkey_name); null if unknown. */
  label: string | null;
  /** When the app stored the seed (ISO 8601); null when it does not know (stored by an older version). */
  addedAt: string | null;
}

/** A config file the app knows of that holds a hotkey's seed right now (checked when asked). */
export interface SeedCopy {
  path: string;
  /** When the app exported the seed there (ISO 8601); null for the CLI's own config found holding it. */
  exportedAt: string | null;
}

export interface ImportedHotkey {
  ss58: string;
  /** The name the keychain lists it under: an earlier one when the seed was there already. */
  name: string;
  /** The keychain held this seed before (it was stored again, its name kept). */
  alreadyInKeychain: boolean;
  /** The file the seed came from is readable by others; offer the 0600 fix. */
  permissions: FilePermissions | null;
}
