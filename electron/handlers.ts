import type { AppInfo } from '../shared/app-info';
import type { AppConfig } from './app-config';
import { checkConnection } from './diagnostics/check-connection';
import type { Handlers } from './ipc-router';

export interface Services {
  config: AppConfig;
  host: AppInfo['host'];
  version: string;
}

/** One handler per contract channel. Features live in their own modules; this only wires them. */
export function createHandlers(services: Services): Handlers {
  const { config } = services;
  return {
    getAppInfo: () =>
      Promise.resolve({
        version: services.version,
        host: services.host,
        apiUrl: config.apiUrl,
        apiUrlSource: config.apiUrlSource,
        configPath: config.configPath,
        configPathSource: config.configPathSource,
        allowMissingConfig: config.allowMissingConfig,
        walletsPath: config.walletsPath,
        walletsPathSource: config.walletsPathSource,
        dataDir: config.dataDir,
      }),
    checkConnection: ({ apiUrl }) => checkConnection({ apiUrl: apiUrl ?? config.apiUrl }),
  };
}
