import { z } from 'zod';
import type { CliConfigLocation, ExportCliConfigSummary, ImportCliConfigSummary } from '../profiles';
import type { ConfigPermissions, FilePermissions } from '../wallets';
import { displayName, localPath, profileId } from '../validation';
import { empty, returns, slice } from './define';

/** The chutes CLI's config.ini: find, import (seed into the keychain), export, keep private. */
export const cliConfigContract = slice({
  locateCliConfig: { input: empty, result: returns<CliConfigLocation>() },
  importCliConfig: {
    input: z
      .object({ path: localPath.optional(), stripSeed: z.boolean(), displayName: displayName.optional() })
      .strict(),
    result: returns<ImportCliConfigSummary>(),
  },
  exportProfile: {
    input: z
      .object({ profileId, path: localPath.optional(), includeSeed: z.boolean(), overwrite: z.boolean() })
      .strict(),
    result: returns<ExportCliConfigSummary>(),
  },
  cliConfigPermissions: { input: empty, result: returns<ConfigPermissions>() },
  fixCliConfigPermissions: { input: empty, result: returns<FilePermissions>() },
});
