import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure, failureIs } from '../../shared/errors';
import { normaliseBaseUrl } from '../../shared/validation';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoCode } from '../fs/errno';
import { withFsErrors } from '../fs/fs-errors';
import { readTextFileCapped } from '../fs/read-capped';
import { expectSeedOf } from '../keychain/seed-check';
import type { SeedVault } from '../keychain/seed-vault';
import { log } from '../log';
import { cliConfigEdits, decodeIniStrict, editCliConfig, renderCliConfig, type CliConfigOutput } from './cli-config';
import type { IniData } from './ini-lines';
import { iniGet } from './ini-values';
import type { ProfileStore } from './profile-store';
import { seedToHex } from './seed';
import {
  exportServerNote,
  SEEDED_CLI_CONFIG_NOTE,
  SEEDED_EXPORT_NOTE,
  SEEDLESS_EXPORT_NOTE,
} from '../../shared/profile-texts';
import type { ExportCliConfigSummary, Profile } from '../../shared/profiles';
import { FULL_PATH_MESSAGE } from '../../shared/validation';
import { alreadyExists, describeFile, existingAccount, refuseSeedLoss, type ExistingAccount } from './export-target';

export interface ExportCliConfigOptions {
  store: ProfileStore;
  vault: SeedVault;
  profileId: string;
  targetPath: string;
  /** Must be literally `true` — the user confirmed plaintextSeedWarning() — for the seed to be written. */
  includeSeed?: boolean;
  /** Replace an existing file (keeping its unknown sections and keys). Without it an existing file is a `conflict`. */
  overwrite?: boolean;
  /**
   * The server the CLI uses for a file without `[api] base_url` (CHUTES_API_URL, else the default).
   * A file that relied on it is not pinned to the same address, so the variable keeps working.
   */
  inheritedApiUrl?: string;
  /** The config.ini the chutes CLI reads (CHUTES_CONFIG_PATH or its default): the notes say so when it is the target. */
  cliConfigPath?: string;
}

async function existingKind(filePath: string): Promise<'none' | 'file' | 'symlink' | 'other'> {
  try {
    const info = await lstat(filePath);
    if (info.isSymbolicLink()) return 'symlink';
    return info.isFile() ? 'file' : 'other';
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return 'none';
    throw error;
  }
}

/** The seed as the CLI stores it, after checking the keychain entry really is this hotkey's. */
async function seedHexFor(vault: SeedVault, ss58: string): Promise<string> {
  try {
    return await vault.withSeed(ss58, async (seed) => {
      await expectSeedOf(seed, ss58, 'the export was cancelled.');
      return seedToHex(seed);
    });
  } catch (error) {
    if (failureIs(error, 'not-found')) {
      throw new AppFailure(
        'not-found',
        `The keychain has no seed for ${ss58}. Export without the seed, or import this hotkey again first.`,
      );
    }
    throw error;
  }
}

/** A file that cannot be edited line by line is left alone: say so as a conflict about this target. */
function uneditable(error: unknown): unknown {
  if (error instanceof AppFailure && failureIs(error, 'invalid-input')) {
    return new AppFailure('conflict', `${error.message} It was left unchanged; choose another file to export to.`);
  }
  return error;
}

/**
 * The CLI hands `base_url` to aiohttp as a session base URL, which takes an origin only (3.10
 * refuses a path; later versions drop it for the CLI's absolute paths). The app itself keeps a
 * path, so such a profile works here, but a config.ini carrying it would fail in the CLI.
 */
function refuseServerWithPath(baseUrl: string): void {
  const url = new URL(baseUrl);
  if (url.pathname === '/' || url.pathname === '') return;
  throw new AppFailure(
    'invalid-input',
    `This profile's server, ${baseUrl}, has a path after its address, which the chutes CLI cannot use: it only takes an address such as ${url.origin}. Nothing was written.`,
    { hint: 'Export a profile whose server is an address without a path, or use this one from the app only.' },
  );
}

function outputFor(profile: Profile, seedHex: string | null): CliConfigOutput {
  return {
    baseUrl: profile.baseUrl,
    username: profile.username,
    userId: profile.userId,
    hotkeySeed: seedHex,
    hotkeyName: profile.hotkeyName,
    hotkeySs58: profile.hotkeySs58,
    paymentAddress: profile.paymentAddress,
  };
}

/**
 * Whether an existing file is this profile's own account: the same hotkey, user id and server (a
 * hotkey can have an account on two servers). A file without `base_url` is for the server the CLI
 * falls back to.
 */
function sameAccountFile(existing: IniData, profile: Profile, inheritedApiUrl: string | undefined): boolean {
  const value = (section: string, key: string) => {
    const got = iniGet(existing, section, key);
    return got.kind === 'value' ? got.value : '';
  };
  const fileUrl = value('api', 'base_url') || inheritedApiUrl || '';
  return (
    value('auth', 'hotkey_ss58address') === profile.hotkeySs58 &&
    value('auth', 'user_id') === profile.userId &&
    fileUrl !== '' &&
    normaliseBaseUrl(fileUrl) === profile.baseUrl
  );
}

/**
 * In-place edits; `base_url` only where the file had one or the profile's server differs from the
 * inherited one. A profile that does not know its payment address (one made before the app kept
 * it) leaves the address in a file of its own account, which nothing else has; in any other
 * account's file it goes, with the rest of that account.
 */
function editsFor(
  existing: IniData,
  output: CliConfigOutput,
  sameAccount: boolean,
  inheritedApiUrl: string | undefined,
) {
  const hasUrl = iniGet(existing, 'api', 'base_url');
  const inherits = hasUrl.kind === 'missing' || (hasUrl.kind === 'value' && hasUrl.value === '');
  const keepUrl = inherits && inheritedApiUrl !== undefined && output.baseUrl === normaliseBaseUrl(inheritedApiUrl);
  const keepPayment = output.paymentAddress === null && sameAccount;
  return cliConfigEdits(output).filter(
    (e) =>
      !(keepUrl && e.section === 'api' && e.key === 'base_url') &&
      !(keepPayment && e.section === 'payment' && e.key === 'address'),
  );
}

/**
 * Write a profile as a config.ini the chutes CLI reads (`../shared/reference/chutes-account-api.md` §2.5). An existing file is only
 * replaced with `overwrite: true`, and then edited in place: its other sections and keys stay, and
 * its `hotkey_seed` is replaced by the exported one or removed. That is refused (`conflict`, hint
 * EXPORT_SEED_LOSS_HINT, with or without `overwrite`) unless the keychain holds the file's seed.
 * A new file is created exclusively, so one that appears meanwhile is never clobbered.
 */
export async function exportCliConfig(options: ExportCliConfigOptions): Promise<ExportCliConfigSummary> {
  if (!path.isAbsolute(options.targetPath)) {
    throw new AppFailure('invalid-input', `${FULL_PATH_MESSAGE}.`, {
      fields: [{ path: 'path', message: FULL_PATH_MESSAGE }],
    });
  }
  const profile = await options.store.get(options.profileId);
  refuseServerWithPath(profile.baseUrl);
  const target = path.resolve(options.targetPath);
  // Any system error on the way (a file where a folder should be, a name too long, a read-only disk) is named, not internal.
  return withFsErrors(target, 'write', () => exportTo(options, profile, target));
}

async function exportTo(
  options: ExportCliConfigOptions,
  profile: Profile,
  target: string,
): Promise<ExportCliConfigSummary> {
  const includeSeed = options.includeSeed === true;

  const kind = await existingKind(target);
  if (kind === 'symlink') {
    throw new AppFailure(
      'conflict',
      `${target} is a symbolic link; the app will not write through it. Choose the file it points to, or another name.`,
    );
  }
  if (kind === 'other')
    throw new AppFailure('conflict', `${target} exists and is not a regular file. Choose another name.`);

  // Read and check the existing file before touching the profile's seed, so a bad target fails without unlocking anything.
  let existing: string | null = null;
  let existingData: IniData = {};
  let replaced: ExistingAccount | null = null;
  if (kind === 'file' && options.overwrite !== true) {
    // Not replacing yet, but say now if confirming could never help, rather than offer a replace that will be refused.
    const account = await describeFile(target, options.inheritedApiUrl);
    if (account !== null) await refuseSeedLoss(options.vault, profile, target, account);
    throw alreadyExists(target, account);
  }
  if (kind === 'file') {
    existing = (await readTextFileCapped(target)).text;
    let account: ExistingAccount;
    try {
      existingData = decodeIniStrict(existing, target);
      account = existingAccount(existingData, options.inheritedApiUrl);
    } catch (error) {
      throw uneditable(error);
    }
    await refuseSeedLoss(options.vault, profile, target, account);
    replaced = account;
  }

  const seedHex = includeSeed ? await seedHexFor(options.vault, profile.hotkeySs58) : null;
  const output = outputFor(profile, seedHex);
  let text: string;
  try {
    text =
      existing === null
        ? renderCliConfig(output)
        : editCliConfig(
            existing,
            target,
            editsFor(
              existingData,
              output,
              sameAccountFile(existingData, profile, options.inheritedApiUrl),
              options.inheritedApiUrl,
            ),
          );
  } catch (error) {
    throw uneditable(error);
  }

  if (existing === null) {
    try {
      await writeFileAtomic(target, text, { exclusive: true });
    } catch (error) {
      if (errnoCode(error) === 'EEXIST')
        throw alreadyExists(target, await describeFile(target, options.inheritedApiUrl));
      throw error;
    }
  } else {
    // The keychain may have lost the file's seed while this export waited for it (removed in the
    // other window during an unlock prompt): checked again, then the file itself, then the write.
    if (replaced) await refuseSeedLoss(options.vault, profile, target, replaced);
    // A CLI that rewrote the file meanwhile (a new `chutes register`) may have put a new seed in
    // it, which the checks have not seen.
    const now = await readTextFileCapped(target).then(
      (file) => file.text,
      () => null,
    );
    if (now !== existing)
      throw new AppFailure('conflict', `${target} changed while exporting, so it was not replaced. Export again.`);
    await writeFileAtomic(target, text);
  }
  log.info(
    `profiles: exported ${profile.hotkeySs58} to ${target} (seed included: ${includeSeed}, replaced: ${existing !== null})`,
  );
  const isCliConfig = options.cliConfigPath !== undefined && path.resolve(options.cliConfigPath) === target;
  // Replacing another server's account moves the CLI to this profile's server: say so, not just "replaced".
  const previousServer = replaced?.server != null && replaced.server !== profile.baseUrl ? replaced.server : null;
  const seedNote = includeSeed ? (isCliConfig ? SEEDED_CLI_CONFIG_NOTE : SEEDED_EXPORT_NOTE) : SEEDLESS_EXPORT_NOTE;
  const serverNote = previousServer === null ? null : exportServerNote(isCliConfig, profile.baseUrl, previousServer);
  return {
    path: target,
    includesSeed: includeSeed,
    overwritten: existing !== null,
    cliCanSign: includeSeed,
    server: profile.baseUrl,
    previousServer,
    isCliConfig,
    cliImpact: serverNote === null ? seedNote : `${serverNote} ${seedNote}`,
  };
}
