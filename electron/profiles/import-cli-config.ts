import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure, failureIs } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoCode } from '../fs/errno';
import { fsFailure, isSystemError, withFsErrors } from '../fs/fs-errors';
import { readTextFileCapped } from '../fs/read-capped';
import type { SeedVault } from '../keychain/seed-vault';
import { log } from '../log';
import { editCliConfig, parseCliConfig, stripSeedEdits, type CliConfigValues } from './cli-config';
import type { ProfileStore } from './profile-store';
import { seedFromHex, ss58FromSeed } from './seed';
import { FULL_PATH_MESSAGE } from '../../shared/validation';
import { FILE_HAD_NO_SEED_NOTE, SEED_LEFT_NOTE, SEED_STRIPPED_NOTE } from '../../shared/profile-texts';
import type {
  CliConfigLocation,
  CliConfigOrigin,
  ImportCliConfigSummary,
  Profile,
  ProfileInput,
} from '../../shared/profiles';

export interface ImportCliConfigOptions {
  store: ProfileStore;
  vault: SeedVault;
  /** The file to import: `AppConfig.configPath` (CHUTES_CONFIG_PATH or ~/.chutes/config.ini) or one the user picked. */
  path: string;
  via: CliConfigOrigin;
  /** Remove `hotkey_seed` from the file once the seed is safely in the keychain. */
  stripSeed: boolean;
  /** Used when the file has no `[api] base_url`, as the CLI does: `AppConfig.apiUrl` (CHUTES_API_URL or the default). */
  fallbackApiUrl: string;
  displayName?: string;
}

export function isModeTooOpen(mode: number): boolean {
  return process.platform !== 'win32' && (mode & 0o077) !== 0;
}

/** Where the CLI would look, for the Profiles & hotkeys screen's "Import from …" offer. */
export async function locateCliConfig(config: {
  configPath: string;
  configPathSource: 'CHUTES_CONFIG_PATH' | 'default';
}): Promise<CliConfigLocation> {
  const location = { path: config.configPath, via: config.configPathSource };
  try {
    const info = await stat(config.configPath);
    return {
      ...location,
      exists: info.isFile(),
      isFolder: info.isDirectory(),
      permissionsTooOpen: info.isFile() && isModeTooOpen(info.mode),
    };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR')
      return { ...location, exists: false, isFolder: false, permissionsTooOpen: false };
    if (isSystemError(error)) throw fsFailure(error, config.configPath, 'read');
    throw error;
  }
}

/** Check the file's seed really is the key of its hotkey address, then hand it to the keychain. */
async function storeSeed(
  vault: SeedVault,
  values: CliConfigValues & { hotkeySeed: string },
  filePath: string,
): Promise<void> {
  const seed = seedFromHex(values.hotkeySeed, filePath);
  try {
    const derived = await ss58FromSeed(seed);
    if (derived !== values.hotkeySs58) {
      throw new AppFailure(
        'invalid-input',
        `${filePath}: hotkey_seed belongs to ${derived}, but hotkey_ss58address says ${values.hotkeySs58}. Nothing was imported.`,
        {
          fields: [{ path: 'auth.hotkey_seed', message: 'does not match hotkey_ss58address' }],
          hint: 'The file was probably edited by hand. Register again with the CLI, or fix hotkey_seed/hotkey_ss58address from the hotkey file in your Bittensor wallet.',
        },
      );
    }
    await vault.putSeed(values.hotkeySs58, seed, values.hotkeyName);
  } finally {
    seed.fill(0);
  }
}

/** Refuse to strip unless the keychain can hand back a seed for exactly this hotkey. */
async function confirmKeychainHolds(vault: SeedVault, ss58: string, filePath: string): Promise<void> {
  const storedAddress = await vault.withSeed(ss58, (seed) => ss58FromSeed(seed)).catch(() => null);
  if (storedAddress !== ss58) {
    throw new AppFailure(
      'keychain-unavailable',
      `The keychain did not keep the seed for ${ss58}, so hotkey_seed was left in ${filePath}.`,
    );
  }
}

/** The store's validation messages name fields, not files; say which file held the refused value. */
async function upsertFromFile(store: ProfileStore, filePath: string, input: ProfileInput): Promise<Profile> {
  try {
    return await store.upsert(input);
  } catch (error) {
    if (error instanceof AppFailure && failureIs(error, 'invalid-input')) {
      throw new AppFailure('invalid-input', `${filePath}: ${error.message}`, error.appError.detail);
    }
    throw error;
  }
}

/**
 * Import a chutes CLI config.ini as a profile: seed into the keychain (verified against the
 * address), profile into profiles.json, and — only if asked — `hotkey_seed` out of the file.
 */
export async function importCliConfig(options: ImportCliConfigOptions): Promise<ImportCliConfigSummary> {
  const { store, vault } = options;
  if (!path.isAbsolute(options.path))
    throw new AppFailure('invalid-input', `${FULL_PATH_MESSAGE}.`, {
      fields: [{ path: 'path', message: FULL_PATH_MESSAGE }],
    });
  const filePath = path.resolve(options.path);
  const file = await readTextFileCapped(filePath);
  const values = parseCliConfig(file.text, filePath);
  const { hotkeySeed } = values;

  let seedStored = false;
  if (hotkeySeed !== null) {
    await storeSeed(vault, { ...values, hotkeySeed }, filePath);
    seedStored = true;
  } else if (!(await vault.hasSeed(values.hotkeySs58))) {
    throw new AppFailure(
      'invalid-input',
      `${filePath}: [auth] has no hotkey_seed, and the keychain holds no seed for ${values.hotkeySs58}, so the app could not sign for this account.`,
      {
        fields: [{ path: 'auth.hotkey_seed', message: 'missing' }],
        hint: 'Import a config that still contains hotkey_seed, or add the hotkey from its Bittensor wallet.',
      },
    );
  }

  const profile = await upsertFromFile(store, filePath, {
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    baseUrl: values.baseUrl ?? options.fallbackApiUrl,
    username: values.username,
    userId: values.userId,
    hotkeyName: values.hotkeyName,
    hotkeySs58: values.hotkeySs58,
    paymentAddress: values.paymentAddress,
    source: { kind: 'cli-import', path: filePath, via: options.via },
  });

  let fileChanged = false;
  if (options.stripSeed && hotkeySeed !== null) {
    await confirmKeychainHolds(vault, values.hotkeySs58, filePath);
    try {
      // The CLI may have rewritten the file meanwhile (a new `chutes register`); never undo that.
      if ((await readTextFileCapped(filePath)).text !== file.text)
        throw new AppFailure('conflict', 'it changed while importing; import it again.');
      const stripped = editCliConfig(file.text, filePath, stripSeedEdits(file.text, filePath, hotkeySeed));
      // The user pointed us at this file, so a symlinked config (dotfiles) is rewritten at its target.
      await withFsErrors(filePath, 'write', () => writeFileAtomic(filePath, stripped, { symlink: 'follow' }));
    } catch (error) {
      const failure =
        error instanceof AppFailure ? error : isSystemError(error) ? fsFailure(error, filePath, 'write') : null;
      if (failure === null) throw error;
      // Keep the cause's code: a file the CLI rewrote meanwhile is a conflict, a read-only disk is forbidden.
      throw new AppFailure(
        failure.appError.code,
        `The profile was imported and the seed is in the keychain, but hotkey_seed could not be removed from ${filePath}: ${failure.message}`,
      );
    }
    fileChanged = true;
  }
  log.info(
    `profiles: imported ${values.hotkeySs58} from ${filePath} (seed stored: ${seedStored}, stripped: ${fileChanged})`,
  );
  return {
    profile,
    seedStored,
    fileChanged,
    permissionsTooOpen: isModeTooOpen(file.mode),
    path: filePath,
    cliImpact: hotkeySeed === null ? FILE_HAD_NO_SEED_NOTE : fileChanged ? SEED_STRIPPED_NOTE : SEED_LEFT_NOTE,
    paymentNote: values.paymentNote,
  };
}
