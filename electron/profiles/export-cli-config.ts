import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoCode } from '../fs/errno';
import { readTextFileCapped } from '../fs/read-capped';
import type { SeedVault } from '../keychain/seed-vault';
import { log } from '../log';
import { cliConfigEdits, editCliConfig, renderCliConfig, type CliConfigOutput } from './cli-config';
import type { ProfileStore } from './profile-store';
import { seedToHex, ss58FromSeed } from './seed';
import { SEEDED_EXPORT_NOTE, SEEDLESS_EXPORT_NOTE } from '../../shared/profile-texts';
import type { ExportCliConfigSummary, Profile } from '../../shared/profiles';

export interface ExportCliConfigOptions {
  store: ProfileStore;
  vault: SeedVault;
  profileId: string;
  targetPath: string;
  /** Must be literally `true` — the user confirmed PLAINTEXT_SEED_WARNING — for the seed to be written. */
  includeSeed?: boolean;
  /** Replace an existing file (keeping its unknown sections and keys). Without it an existing file is a `conflict`. */
  overwrite?: boolean;
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
      if ((await ss58FromSeed(seed)) !== ss58) {
        throw new AppFailure('internal', `The keychain entry for ${ss58} holds a different key; the export was cancelled.`);
      }
      return seedToHex(seed);
    });
  } catch (error) {
    if (error instanceof AppFailure && error.appError.code === 'not-found') {
      throw new AppFailure('not-found', `The keychain has no seed for ${ss58}. Export without the seed, or import this hotkey again first.`);
    }
    throw error;
  }
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
 * Write a profile as a config.ini the chutes CLI reads (reference §2.5). An existing file is only
 * replaced with `overwrite: true`, and then edited in place: its other sections and keys stay, and
 * a `hotkey_seed` in it is removed unless the seed is being exported.
 */
export async function exportCliConfig(options: ExportCliConfigOptions): Promise<ExportCliConfigSummary> {
  const profile = await options.store.get(options.profileId);
  const target = path.resolve(options.targetPath);
  const includeSeed = options.includeSeed === true;

  const kind = await existingKind(target);
  if (kind === 'symlink') {
    throw new AppFailure('conflict', `${target} is a symbolic link; the app will not write through it. Choose the file it points to, or another name.`);
  }
  if (kind === 'other') throw new AppFailure('conflict', `${target} exists and is not a regular file. Choose another name.`);
  if (kind === 'file' && options.overwrite !== true) {
    throw new AppFailure('conflict', `${target} already exists. Choose another name, or confirm that it should be replaced.`, {
      hint: 'Replacing keeps any other sections and keys in that file; only the account settings are rewritten.',
    });
  }

  // Read the existing file before touching the seed, so a bad target fails without unlocking anything.
  const existing = kind === 'file' ? (await readTextFileCapped(target)).text : null;
  const seedHex = includeSeed ? await seedHexFor(options.vault, profile.hotkeySs58) : null;
  const output = outputFor(profile, seedHex);
  let text: string;
  try {
    text = existing === null ? renderCliConfig(output) : editCliConfig(existing, target, cliConfigEdits(output));
  } catch (error) {
    if (error instanceof AppFailure && error.appError.code === 'invalid-input') {
      throw new AppFailure('conflict', `${error.message} It was left unchanged; choose another file to export to.`);
    }
    throw error;
  }
  await writeFileAtomic(target, text);
  log.info(`profiles: exported ${profile.hotkeySs58} to ${target} (seed included: ${includeSeed}, replaced: ${existing !== null})`);
  return {
    path: target,
    includesSeed: includeSeed,
    overwritten: existing !== null,
    cliCanSign: includeSeed,
    cliImpact: includeSeed ? SEEDED_EXPORT_NOTE : SEEDLESS_EXPORT_NOTE,
  };
}
