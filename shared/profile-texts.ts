/**
 * Texts the Profiles & hotkeys screen shows next to import/export choices. Kept here so the wording matches
 * what the code actually does to the files.
 */

export const LEAVE_SEED_EXPLANATION =
  'The CLI config stays exactly as it is, so the chutes CLI keeps working. The hotkey seed also stays in that file in plain text; anyone who can read the file can act as this account.';

export const STRIP_SEED_EXPLANATION =
  'hotkey_seed will be removed from the CLI config (everything else in the file stays). The chutes CLI will then stop signing requests with this config: commands such as "chutes keys list" will fail ("Please ensure you have an [auth] section…", or a later error when CHUTES_ALLOW_MISSING is set) until the seed is back, for example by exporting this profile with the seed. Chutes Desktop keeps the seed in the system keychain and keeps working.';

/** After an import that stripped the seed: the same facts as STRIP_SEED_EXPLANATION, as done. */
export const SEED_STRIPPED_NOTE =
  'hotkey_seed was removed from the CLI config; everything else in the file is unchanged. The chutes CLI can no longer sign requests with it until the seed is back (export this profile with the seed to restore it). Chutes Desktop signs with the seed in the system keychain.';

/** After an import that left the file alone. */
export const SEED_LEFT_NOTE =
  'The CLI config was left as it was, so the chutes CLI keeps working. Its hotkey seed is still in that file in plain text: anyone who can read the file can act as this account.';

export const FILE_HAD_NO_SEED_NOTE =
  'The CLI config had no hotkey_seed and was left unchanged; the app used the seed already in the system keychain. The chutes CLI cannot sign requests with that file until hotkey_seed is back.';

/**
 * Said before a seeded export. `windows`: main runs on Windows, where the file's mode does not
 * change who may read it (ACLs do), so the app cannot promise the file is private there.
 */
export function plaintextSeedWarning(windows: boolean): string {
  const privacy = windows
    ? 'Keep the file inside your user folder, where other users of this computer cannot read it'
    : 'The app makes the file readable only by you';
  return `The exported file will contain the hotkey seed in plain text, unencrypted — that is how the chutes CLI stores it. Anyone who can read the file can act as this account: create or delete API keys and secrets, and transfer balance. ${privacy}; do not sync, share or commit it, and delete it when you no longer need it.`;
}

/** Whether a full path main gave (AppInfo.configPath, say) is a Windows one: main runs on Windows. */
export function isWindowsPath(fullPath: string): boolean {
  return /^(?:[A-Za-z]:[\\/]|\\\\)/.test(fullPath);
}

/** Settings, beside the CLI config path: the app reads the variable only to show it. */
export const ALLOW_MISSING_NOTE =
  'CHUTES_ALLOW_MISSING is set, which affects the chutes CLI only (it then starts without a complete config); the app does not use it';

export const SEEDLESS_EXPORT_NOTE =
  'This file has no hotkey_seed, so the chutes CLI cannot sign requests with it (the CLI requires all five [auth] values). Export again with the seed to use it with the CLI. Sections and keys the file already had besides the account settings were kept as they were: look at them before sharing it.';

export const SEEDED_EXPORT_NOTE =
  'The chutes CLI can use this file as is (point CHUTES_CONFIG_PATH at it, or save it as ~/.chutes/config.ini). As written, it holds the hotkey seed in plain text: keep it private, and delete it when you no longer need it.';

/** SEEDED_EXPORT_NOTE for an export to the very file the chutes CLI reads. */
export const SEEDED_CLI_CONFIG_NOTE =
  'This is the file the chutes CLI reads, so it now signs with this account. As written, the file holds the hotkey seed in plain text: keep it private.';

/** First sentence of an export's note when it replaced an account on another server. */
export function exportServerNote(isCliConfig: boolean, server: string, previous: string): string {
  return isCliConfig
    ? `The chutes CLI now uses ${server} (it used ${previous}).`
    : `This file now points the chutes CLI at ${server} (it pointed at ${previous}).`;
}

export function permissionsTooOpenWarning(filePath: string, mode: number): string {
  return `${filePath} can be read by other users on this computer (mode ${mode.toString(8).padStart(3, '0')}). Restrict it with "chmod 600 ${filePath}", or remove the seed from it.`;
}

/**
 * `detail.hint` of the export conflict "<path> already exists…": replacing is possible once the
 * user confirms. That error's `detail.fields` name the account now in the file, when it can be
 * read: EXISTING_SS58_FIELD, EXISTING_USERNAME_FIELD and EXISTING_SERVER_FIELD, each with the
 * value as `message`.
 */
export const EXPORT_REPLACE_HINT =
  'Replacing keeps any other sections and keys in that file; only the account settings are rewritten.';

/** Said with the replace question of an export without the seed. */
export const EXPORT_REPLACE_SEEDLESS_HINT =
  'Without the seed, a hotkey_seed in that file is removed too (only when the keychain holds the same seed), so the chutes CLI cannot sign with the file until you export it with the seed.';

/**
 * `detail.hint` of the export conflict that no confirmation can lift: the file holds a hotkey seed
 * the system keychain does not, and replacing the file would destroy it. Do not offer "Replace".
 */
export const EXPORT_SEED_LOSS_HINT =
  'Chutes Desktop never removes a hotkey seed from a file unless the system keychain holds the same seed.';

/** What to do instead; the last sentence of the EXPORT_SEED_LOSS_HINT error's message. */
export const EXPORT_SEED_LOSS_ADVICE =
  'Import that config first (Profiles & hotkeys → Import CLI config), or export to another file.';

/** `detail.fields[].path` values of the export conflicts; `message` holds the value from the existing file. */
export const EXISTING_SS58_FIELD = 'existing.hotkey_ss58address';
export const EXISTING_USERNAME_FIELD = 'existing.username';
/** The server the CLI uses with the existing file (its `base_url`, or the one the CLI falls back to). */
export const EXISTING_SERVER_FIELD = 'existing.base_url';
