import type { WalletsFolderSource } from './wallets';

/** Where the app is pointed, so Settings can show it and the user can compare with the CLI. */
export interface AppInfo {
  version: string;
  /** `electron` inside the desktop window, `web` when served by the loopback web host. */
  host: 'electron' | 'web';
  apiUrl: string;
  apiUrlSource: 'CHUTES_API_URL' | 'default';
  configPath: string;
  configPathSource: 'CHUTES_CONFIG_PATH' | 'default';
  allowMissingConfig: boolean;
  walletsPath: string;
  walletsPathSource: WalletsFolderSource;
  /** With `chosen-unreadable`: why the folder chosen in the app is not used. */
  walletsPathProblem?: string;
  dataDir: string;
}
