import { accountHandlers } from './accounts/account-handlers';
import { checkConnection } from './diagnostics/check-connection';
import type { Handlers } from './ipc-router';
import { profileHandlers } from './profiles/profile-handlers';
import type { Services } from './services';

/** One handler per contract channel; each feature module contributes its own. */
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
    ...profileHandlers(services),
    ...accountHandlers(services),
  };
}
