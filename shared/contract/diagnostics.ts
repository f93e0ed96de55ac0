import { z } from 'zod';
import type { AppInfo } from '../app-info';
import type { ConnectionReport } from '../diagnostics';
import { apiBaseUrl } from '../validation';
import { empty, returns, slice } from './define';

/** Where the app is pointed, and whether a Chutes API answers. */
export const diagnosticsContract = slice({
  getAppInfo: { input: empty, result: returns<AppInfo>() },
  checkConnection: { input: z.object({ apiUrl: apiBaseUrl.optional() }).strict(), result: returns<ConnectionReport>() },
});
