import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../shared/app-info';
import { normaliseBaseUrl } from '../shared/validation';
import { SEED_SERVICE } from './keychain/seed-vault';
import { expandHome } from './fs/user-path';
import { readChosenWalletsFolder, readWalletsFolderChoice } from './wallets/wallets-folder';

export const DEFAULT_API_URL = 'https://api.chutes.ai';

/** Everything the app reads from the environment and command line, resolved once at start-up. */
export interface AppConfig {
  apiUrl: string;
  apiUrlSource: AppInfo['apiUrlSource'];
  configPath: string;
  configPathSource: AppInfo['configPathSource'];
  allowMissingConfig: boolean;
  /** The flag, else BT_WALLET_PATH, else the folder chosen in the app, else the default; read at each use. */
  readonly walletsPath: string;
  readonly walletsPathSource: AppInfo['walletsPathSource'];
  /** Why a folder chosen in the app is not used (its file cannot be read); null otherwise. */
  readonly walletsPathProblem: string | null;
  /** `~/.bittensor/wallets`, where btcli keeps wallets. */
  defaultWalletsPath: string;
  /** The app's own state (profiles, activity log); shared by the window and the web host. */
  dataDir: string;
  /** Keychain service that holds the seeds (sessions use `<name>-session`); keeps separate seed sets apart. */
  keychainService: string;
}

type Env = Record<string, string | undefined>;

/** Value of `--name value` or `--name=value` in argv. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === name) return argv[i + 1];
    if (arg?.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** As the CLI reads CHUTES_ALLOW_MISSING: set, and "true" in any case; "1", "yes" or " true" are not. */
const isCliTrue = (value: string | undefined): boolean => value?.toLowerCase() === 'true';

function defaultDataDir(env: Env, home: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Chutes Desktop');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Chutes Desktop');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'chutes-desktop');
}

export function loadAppConfig(
  argv: readonly string[] = process.argv,
  env: Env = process.env,
  home: string = os.homedir(),
  platform: NodeJS.Platform = process.platform,
  // npm runs scripts from the package root and says where it was invoked in INIT_CWD: a relative
  // path in a variable or flag means what it means in the user's shell, as it does for the CLI.
  cwd: string = env.INIT_CWD || process.cwd(),
): AppConfig {
  const apiEnv = env.CHUTES_API_URL?.trim();
  // Used as written, as the CLI does: no trimming, no "~" (a shell expands that before either sees it).
  const configEnv = env.CHUTES_CONFIG_PATH;
  const walletsArg = argValue(argv, '--wallets-path');
  const walletsEnv = env.BT_WALLET_PATH?.trim();
  const dataEnv = env.CHUTES_DESKTOP_DATA_DIR?.trim();
  const dataDir = path.resolve(cwd, expandHome(dataEnv || defaultDataDir(env, home, platform), home));
  const defaultWallets = path.join(home, '.bittensor', 'wallets');
  const fixed = walletsArg || walletsEnv;
  const fixedWallets = fixed ? path.resolve(cwd, expandHome(fixed, home)) : null;
  return {
    apiUrl: normaliseBaseUrl(apiEnv || DEFAULT_API_URL),
    apiUrlSource: apiEnv ? 'CHUTES_API_URL' : 'default',
    configPath: configEnv ? path.resolve(cwd, configEnv) : path.join(home, '.chutes', 'config.ini'),
    configPathSource: configEnv ? 'CHUTES_CONFIG_PATH' : 'default',
    allowMissingConfig: isCliTrue(env.CHUTES_ALLOW_MISSING),
    // Read when used, not once: a folder chosen in the app (by this process or the other one) applies at once.
    get walletsPath() {
      return fixedWallets ?? readChosenWalletsFolder(dataDir) ?? defaultWallets;
    },
    get walletsPathSource() {
      if (walletsArg) return '--wallets-path';
      if (walletsEnv) return 'BT_WALLET_PATH';
      const choice = readWalletsFolderChoice(dataDir);
      return choice === null ? 'default' : 'folder' in choice ? 'chosen' : 'chosen-unreadable';
    },
    get walletsPathProblem() {
      if (fixedWallets) return null;
      const choice = readWalletsFolderChoice(dataDir);
      return choice && 'problem' in choice ? choice.problem : null;
    },
    defaultWalletsPath: defaultWallets,
    dataDir,
    keychainService: env.CHUTES_KEYCHAIN_SERVICE?.trim() || SEED_SERVICE,
  };
}
