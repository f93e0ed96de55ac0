import type { diagnosticsContract } from '../../shared/contract/diagnostics';
import { AppFailure } from '../../shared/errors';
import { apiBaseUrl } from '../../shared/validation';
import type { Transport } from '../chutes-api/transport';
import type { SliceHandlers } from '../ipc-router';
import type { ProfileStore } from '../profiles';
import type { Services } from '../services';
import { checkConnection } from './check-connection';

interface DiagnosticsDeps extends Pick<Services, 'config' | 'host' | 'version'> {
  chutes: { server(baseUrl: string): { transport: Transport } };
  profiles: Pick<ProfileStore, 'snapshot'>;
}

/**
 * Where account calls go when no address is named: the active profile's server (chutes-client.ts
 * sends them there), else CHUTES_API_URL or the default. Said as an address the check cannot use,
 * rather than sent, when it is one (CHUTES_API_URL with a `?`, say).
 */
async function defaultTarget({ config, profiles }: DiagnosticsDeps): Promise<string> {
  const { profiles: all, activeId } = await profiles.snapshot();
  const active = all.find((p) => p.id === activeId);
  const target = active?.baseUrl ?? config.apiUrl;
  const parsed = apiBaseUrl.safeParse(target);
  if (parsed.success) return target;
  const where = active
    ? `The active profile's API address, ${JSON.stringify(target)},`
    : config.apiUrlSource === 'CHUTES_API_URL'
      ? `CHUTES_API_URL, ${JSON.stringify(target)},`
      : `The default API address, ${JSON.stringify(target)},`;
  throw new AppFailure(
    'invalid-input',
    `${where} cannot be checked: ${parsed.error.issues[0]?.message ?? 'it is not a full http:// or https:// address'}.`,
  );
}

export function diagnosticsHandlers(deps: DiagnosticsDeps): SliceHandlers<typeof diagnosticsContract> {
  const { config } = deps;
  return {
    getAppInfo: () => {
      const walletsPathProblem = config.walletsPathProblem;
      return Promise.resolve({
        version: deps.version,
        host: deps.host,
        apiUrl: config.apiUrl,
        apiUrlSource: config.apiUrlSource,
        configPath: config.configPath,
        configPathSource: config.configPathSource,
        allowMissingConfig: config.allowMissingConfig,
        walletsPath: config.walletsPath,
        walletsPathSource: config.walletsPathSource,
        ...(walletsPathProblem ? { walletsPathProblem } : {}),
        dataDir: config.dataDir,
      });
    },
    checkConnection: async ({ apiUrl }) =>
      checkConnection(deps.chutes.server(apiUrl ?? (await defaultTarget(deps))).transport),
  };
}
