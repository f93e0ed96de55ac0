import { z } from 'zod';
import type { AppInfo } from './app-info';
import type { ConnectionReport } from './diagnostics';
import type { Result } from './errors';
import { apiBaseUrl } from './validation';

/**
 * The one IPC contract: channel → (zod input schema, result type). The main-process router, the
 * preload's `window.chutes` and the renderer's client are all derived from this map. Adding a
 * channel = one entry here + one handler in electron/handlers.ts.
 */
const returns = <T>(): T => undefined as T;
const empty = z.object({}).strict();

export const contract = {
  getAppInfo: { input: empty, result: returns<AppInfo>() },
  checkConnection: {
    input: z.object({ apiUrl: apiBaseUrl.optional() }).strict(),
    result: returns<ConnectionReport>(),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
/** What a handler receives, after validation. */
export type ChannelArgs<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelResult<K extends Channel> = Contract[K]['result'];

/** The API the renderer sees, as `window.chutes` in Electron or over HTTP from the web host. */
export type ChutesApi = {
  [K in Channel]: (input: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>;
};

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** IPC channel string for a contract channel; prefixed so nothing else on ipcMain can collide. */
export function ipcChannel(channel: Channel): string {
  return `chutes:${channel}`;
}

/** Payloads above this are refused before parsing, over IPC and HTTP alike. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
