import type { diagnosticsContract } from '../../shared/contract/diagnostics';
import type { SliceHandlers } from '../ipc-router';
import type { Services } from '../services';
import { checkConnection } from './check-connection';

export function diagnosticsHandlers(
  services: Pick<Services, 'config' | 'host' | 'version' | 'chutes'>,
): SliceHandlers<typeof diagnosticsContract> {
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
    checkConnection: ({ apiUrl }) => checkConnection(services.chutes.server(apiUrl ?? config.apiUrl).transport),
  };
}
