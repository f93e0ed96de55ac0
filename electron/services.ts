import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../shared/app-info';
import { normaliseBaseUrl } from '../shared/validation';
import { createActivityLog, type ActivityLog } from './activity-log/activity-log';
import { createApiClient, type ApiClient } from './api-client';
import type { AppConfig } from './app-config';
import { sweepStaleTempFiles } from './fs/temp-files';
import { createOsSeedVault } from './keychain/os-seed-vault';
import type { SeedVault } from './keychain/seed-vault';
import { createProfileStore, type ProfileStore } from './profiles';

/** Everything handlers use, built once per process (window or web host). Nothing here touches the network or keychain until asked. */
export interface Services {
  config: AppConfig;
  host: AppInfo['host'];
  version: string;
  home: string;
  vault: SeedVault;
  profiles: ProfileStore;
  activity: ActivityLog;
  /** Client for the configured API (CHUTES_API_URL). */
  api: ApiClient;
  /** Client for another API base URL (a profile's `[api] base_url`); one per URL, kept for the process. */
  apiFor(baseUrl: string): ApiClient;
}

export function createServices(config: AppConfig, host: AppInfo['host'], version: string, vault: SeedVault = createOsSeedVault({ seedService: config.keychainService, sessionService: `${config.keychainService}-session` })): Services {
  // A run killed mid-write may have left temp files holding a seed beside our files or the CLI config.
  void sweepStaleTempFiles(config.dataDir);
  void sweepStaleTempFiles(path.dirname(config.configPath));
  const activity = createActivityLog(config.dataDir);
  const clients = new Map<string, ApiClient>();
  const apiFor = (baseUrl: string): ApiClient => {
    const key = normaliseBaseUrl(baseUrl);
    let client = clients.get(key);
    if (!client) {
      client = createApiClient({ baseUrl: key, vault, activityLog: activity });
      clients.set(key, client);
    }
    return client;
  };
  return {
    config,
    host,
    version,
    home: os.homedir(),
    vault,
    profiles: createProfileStore({ dataDir: config.dataDir, vault }),
    activity,
    api: apiFor(config.apiUrl),
    apiFor,
  };
}
