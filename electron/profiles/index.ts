/** The profiles feature's public surface; handlers import from here, not from the files behind it. */
export { createProfileStore, defaultDisplayName, type ProfileStore, type ProfileStoreOptions } from './profile-store';
export { importCliConfig, locateCliConfig, type ImportCliConfigOptions } from './import-cli-config';
export { exportCliConfig, type ExportCliConfigOptions } from './export-cli-config';
export {
  FILE_HAD_NO_SEED_NOTE,
  LEAVE_SEED_EXPLANATION,
  PLAINTEXT_SEED_WARNING,
  SEEDED_EXPORT_NOTE,
  SEEDLESS_EXPORT_NOTE,
  STRIP_SEED_EXPLANATION,
  permissionsTooOpenWarning,
} from '../../shared/profile-texts';
export type * from '../../shared/profiles';
