import { describe, expect, it } from 'vitest';
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
import { AppFailure, appError, failureIs } from './errors';
import { CHANNELS } from './ipc-contract';

const SLICES = [
  diagnosticsContract,
  profilesContract,
  cliConfigContract,
  walletsContract,
  keychainContract,
  accountContract,
  accountScreenContract,
  activityContract,
  registrationContract,
  apiKeysContract,
  secretsContract,
  linkContract,
];

describe('the composed contract', () => {
  it('has every slice’s channels, and no channel in two slices (a spread would silently drop one)', () => {
    const names = SLICES.flatMap((s) => Object.keys(s));
    expect(new Set(names).size).toBe(names.length);
    expect([...CHANNELS].sort()).toEqual([...names].sort());
  });
});

describe('failureIs', () => {
  it('matches the reason or the broad code, whether thrown in main or carried in a renderer error', () => {
    const thrown = new AppFailure('conflict', 'exists', undefined, 'export-target-exists');
    expect(failureIs(thrown, 'export-target-exists')).toBe(true);
    expect(failureIs(thrown, 'conflict')).toBe(true);
    expect(failureIs(thrown, 'export-would-lose-seed')).toBe(false);
    const carried = { error: appError('not-found', 'gone', undefined, 'key-gone') };
    expect(failureIs(carried, 'key-gone', 'secret-gone')).toBe(true);
    expect(failureIs(new Error('plain'), 'internal')).toBe(false);
    expect(failureIs(null, 'internal')).toBe(false);
  });
});
