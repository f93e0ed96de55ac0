import type { z } from 'zod';
import { accountContract } from './contract/account';
import { accountScreenContract } from './contract/account-screen';
import { activityContract } from './contract/activity';
import { apiKeysContract } from './contract/api-keys';
import { cliConfigContract } from './contract/cli-config';
import { diagnosticsContract } from './contract/diagnostics';
import { keychainContract } from './contract/keychain';
import { linkContract } from './contract/link';
import { profilesContract } from './contract/profiles';
import { registrationContract } from './contract/registration';
import { secretsContract } from './contract/secrets';
import { walletsContract } from './contract/wallets';
import type { Result } from './errors';

export { ipcChannel } from './ipc-names';

/**
 * The one IPC contract: every feature's slice (shared/contract/<feature>.ts), composed. The
 * main-process router, the preload's `window.chutes` and the renderer's client derive from it.
 * Adding a channel = one entry in its feature's slice + one handler in that feature's handler
 * module (electron/<feature>/<feature>-handlers.ts), whose type is derived from the same slice.
 */
export const contract = {
  ...diagnosticsContract,
  ...profilesContract,
  ...cliConfigContract,
  ...walletsContract,
  ...keychainContract,
  ...accountContract,
  ...accountScreenContract,
  ...activityContract,
  ...registrationContract,
  ...apiKeysContract,
  ...secretsContract,
  ...linkContract,
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

/** Payloads above this are refused before parsing, over IPC and HTTP alike. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
