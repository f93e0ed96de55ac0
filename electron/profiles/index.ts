/** The profiles feature's public surface; handlers import from here, not from the files behind it. Texts and types live in shared/. */
export { createProfileStore, defaultDisplayName, type ProfileStore, type ProfileStoreOptions } from './profile-store';
export { importCliConfig, locateCliConfig, type ImportCliConfigOptions } from './import-cli-config';
export { exportCliConfig, type ExportCliConfigOptions } from './export-cli-config';
