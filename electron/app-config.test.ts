import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argValue, loadAppConfig } from './app-config';
import { expandHome } from './fs/user-path';

const home = '/home/ada';

describe('loadAppConfig', () => {
  it('uses the CLI defaults', () => {
    const config = loadAppConfig([], {}, home, 'linux');
    expect(config).toEqual({
      apiUrl: 'https://api.chutes.ai',
      apiUrlSource: 'default',
      configPath: '/home/ada/.chutes/config.ini',
      configPathSource: 'default',
      allowMissingConfig: false,
      walletsPath: '/home/ada/.bittensor/wallets',
      walletsPathSource: 'default',
      walletsPathProblem: null,
      defaultWalletsPath: '/home/ada/.bittensor/wallets',
      dataDir: '/home/ada/.config/chutes-desktop',
      keychainService: 'chutes-desktop',
    });
  });

  it('reads the same environment variables as the CLI', () => {
    const config = loadAppConfig(
      [],
      {
        CHUTES_API_URL: 'http://127.0.0.1:9000/',
        CHUTES_CONFIG_PATH: '/srv/chutes/staging.ini',
        CHUTES_ALLOW_MISSING: 'true',
        BT_WALLET_PATH: '/srv/wallets',
        XDG_CONFIG_HOME: '/xdg',
      },
      home,
      'linux',
    );
    expect(config.apiUrl).toBe('http://127.0.0.1:9000');
    expect(config.apiUrlSource).toBe('CHUTES_API_URL');
    expect(config.configPath).toBe('/srv/chutes/staging.ini');
    expect(config.allowMissingConfig).toBe(true);
    expect(config.walletsPath).toBe('/srv/wallets');
    expect(config.walletsPathSource).toBe('BT_WALLET_PATH');
    expect(config.dataDir).toBe('/xdg/chutes-desktop');
  });

  it('lets --wallets-path win over BT_WALLET_PATH, in both argument forms', () => {
    expect(loadAppConfig(['--wallets-path', 'w1'], { BT_WALLET_PATH: '/x' }, home, 'linux').walletsPath).toBe(
      path.resolve('w1'),
    );
    const eq = loadAppConfig(['--wallets-path=/w2'], { BT_WALLET_PATH: '/x' }, home, 'linux');
    expect(eq.walletsPath).toBe('/w2');
    expect(eq.walletsPathSource).toBe('--wallets-path');
  });

  it('reads CHUTES_ALLOW_MISSING as the CLI does: only "true", in any case', () => {
    for (const value of ['', '0', 'false', 'No', '1', 'yes', 'on', ' true'])
      expect(loadAppConfig([], { CHUTES_ALLOW_MISSING: value }, home, 'linux').allowMissingConfig).toBe(false);
    expect(loadAppConfig([], { CHUTES_ALLOW_MISSING: 'TRUE' }, home, 'linux').allowMissingConfig).toBe(true);
  });

  it('uses CHUTES_CONFIG_PATH as written, like the CLI: a literal "~" is not the home folder', () => {
    expect(loadAppConfig([], { CHUTES_CONFIG_PATH: '~/c.ini' }, home, 'linux').configPath).toBe(
      path.resolve('~/c.ini'),
    );
    expect(loadAppConfig([], { CHUTES_CONFIG_PATH: 'rel/c.ini' }, home, 'linux').configPath).toBe(
      path.resolve('rel/c.ini'),
    );
  });

  it("resolves relative paths from where npm was run (INIT_CWD), as the CLI resolves them from the user's shell", () => {
    // npm start / npm run serve run in the package root, whatever folder they were typed in.
    const env = {
      INIT_CWD: '/home/ada/work',
      CHUTES_CONFIG_PATH: 'staging.ini',
      BT_WALLET_PATH: 'wallets',
      CHUTES_DESKTOP_DATA_DIR: 'data',
    };
    const config = loadAppConfig([], env, home, 'linux', undefined);
    expect(config.configPath).toBe('/home/ada/work/staging.ini');
    expect(config.walletsPath).toBe('/home/ada/work/wallets');
    expect(config.dataDir).toBe('/home/ada/work/data');
    expect(loadAppConfig(['--wallets-path', 'w'], env, home, 'linux').walletsPath).toBe('/home/ada/work/w');
    // Not started through npm (a packaged app): the process's own folder.
    expect(loadAppConfig([], { CHUTES_CONFIG_PATH: 'c.ini' }, home, 'linux', '/opt/x').configPath).toBe('/opt/x/c.ini');
  });

  it('puts app data where each OS expects it', () => {
    expect(loadAppConfig([], {}, home, 'darwin').dataDir).toBe('/home/ada/Library/Application Support/Chutes Desktop');
    expect(loadAppConfig([], { CHUTES_DESKTOP_DATA_DIR: '/tmp/d' }, home, 'linux').dataDir).toBe('/tmp/d');
  });

  it('keeps separate seed sets under another keychain service name', () => {
    expect(
      loadAppConfig([], { CHUTES_KEYCHAIN_SERVICE: 'chutes-desktop-staging' }, home, 'linux').keychainService,
    ).toBe('chutes-desktop-staging');
  });
});

describe('helpers', () => {
  it('expands ~ like a shell', () => {
    expect(expandHome('~', home)).toBe(home);
    expect(expandHome('~/x', home)).toBe('/home/ada/x');
    expect(expandHome('/abs/~', home)).toBe('/abs/~');
  });
  it('reads flag values', () => {
    expect(argValue(['--port', '0'], '--port')).toBe('0');
    expect(argValue(['--port=12'], '--port')).toBe('12');
    expect(argValue(['--portal', '1'], '--port')).toBeUndefined();
  });
});
