/**
 * Domain types of account profiles. They are plain data (no Node types) so the lead can move them
 * into shared/ unchanged when the IPC contract gains profile channels.
 */

/** Where a profile came from; `path` is shown so the user can tell two imports apart. */
export type ProfileSource =
  { kind: 'cli-import'; path: string; via: CliConfigOrigin } | { kind: 'registration' } | { kind: 'manual' };

/** How the CLI config path was chosen: the CLI's own env var, its default, or a file the user picked. */
export type CliConfigOrigin = 'CHUTES_CONFIG_PATH' | 'default' | 'picked';

/**
 * One Chutes account as the CLI's config.ini describes it, minus `hotkey_seed`, which lives in the
 * OS keychain keyed by `hotkeySs58`.
 */
export interface Profile {
  id: string;
  displayName: string;
  /** `[api] base_url`, without trailing slash. */
  baseUrl: string;
  /** `[auth] username` */
  username: string;
  /** `[auth] user_id` (a UUID on real servers; kept verbatim). */
  userId: string;
  /** `[auth] hotkey_name` (the Bittensor hotkey file name). */
  hotkeyName: string;
  /** `[auth] hotkey_ss58address`; also the keychain key of the seed. */
  hotkeySs58: string;
  /** `[payment] address`; null when the config had none. */
  paymentAddress: string | null;
  source: ProfileSource;
  createdAt: string;
  updatedAt: string;
}

/** What a caller supplies to add or update a profile; ids and timestamps are the store's business. */
export interface ProfileInput {
  /** Update this profile; without it the store matches on (baseUrl, hotkeySs58) or creates one. */
  id?: string;
  displayName?: string;
  baseUrl: string;
  username: string;
  userId: string;
  hotkeyName: string;
  hotkeySs58: string;
  paymentAddress?: string | null;
  source: ProfileSource;
}

export interface ImportCliConfigSummary {
  profile: Profile;
  /** True when the seed from the file was written to the keychain by this import. */
  seedStored: boolean;
  /** True when `hotkey_seed` was stripped from the file. */
  fileChanged: boolean;
  /** The file was readable by group or others (`mode & 0o077`) when we found it. */
  permissionsTooOpen: boolean;
  /** The file that was read (and, if `fileChanged`, rewritten). */
  path: string;
  /** What the user's choice means for the chutes CLI, ready to show. */
  cliImpact: string;
  /** Why the file's `[payment] address` was left out of the profile, ready to show; null when it was read or absent. */
  paymentNote: string | null;
}

export interface ExportCliConfigSummary {
  path: string;
  includesSeed: boolean;
  /** An existing file was replaced (its unknown sections and keys were kept). */
  overwritten: boolean;
  /** Whether the CLI can sign requests with the written file. */
  cliCanSign: boolean;
  /** The server the written file points the chutes CLI at. */
  server: string;
  /** The other server the replaced file pointed the CLI at; null when it was the same, unknown, or there was no file. */
  previousServer: string | null;
  /** The file written is the one the chutes CLI reads (CHUTES_CONFIG_PATH or its default). */
  isCliConfig: boolean;
  /** What the written file means for the chutes CLI, ready to show. */
  cliImpact: string;
}

export interface RemoveProfileResult {
  removed: Profile;
  /** The profile that became active because the removed one was active; null if none is left. */
  activeId: string | null;
  /** The profile is gone, but its sign-in session could not be dropped from the keychain: why. */
  sessionProblem?: string;
}

/** Where the CLI's config.ini is, as the Profiles & hotkeys screen offers to import it. */
export interface CliConfigLocation {
  path: string;
  via: CliConfigOrigin;
  /** A regular file is there. */
  exists: boolean;
  /** A folder is there (CHUTES_CONFIG_PATH set to ~/.chutes, say): the CLI needs the file's own path. */
  isFolder: boolean;
  /** Group/other can read it; false when absent and on Windows, where modes mean nothing. */
  permissionsTooOpen: boolean;
}

/** A profile as the Profiles & hotkeys screen lists it. */
export interface ProfileView extends Profile {
  /** Whether the keychain holds this hotkey's seed; null when the keychain could not be asked. */
  seedInKeychain: boolean | null;
}

export interface ProfilesView {
  profiles: ProfileView[];
  activeId: string | null;
  /**
   * The keychain has not answered yet (an unlock prompt may be open): why `seedInKeychain` is
   * null for now. Absent when it answered, or failed outright.
   */
  keychainWaiting?: true;
  /**
   * Where a damaged profiles file was moved, while no new one has been saved since: why the list
   * is empty. Absent otherwise.
   */
  setAside?: string;
}
