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
import { ACCOUNT_CHANNELS } from './account-channels';
import { CHANNELS, contract } from './ipc-contract';

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

describe('account channels', () => {
  it('are exactly the api-keys, secrets, account-screen and link slices', () => {
    const slices = [apiKeysContract, secretsContract, accountScreenContract, linkContract];
    expect([...ACCOUNT_CHANNELS].sort()).toEqual(slices.flatMap((slice) => Object.keys(slice)).sort());
  });

  it('are the channels whose answers belong to the active profile’s account, and only those', () => {
    for (const name of [
      'listApiKeys',
      'getApiKey',
      'listScopeTargets',
      'listSecretsPage',
      'listChutes',
      'accountOverview',
    ])
      expect(ACCOUNT_CHANNELS.has(name as never), name).toBe(true);
    for (const name of ['listProfiles', 'listWallets', 'keychainStatus', 'listActivity', 'getAppInfo', 'checkUsername'])
      expect(ACCOUNT_CHANNELS.has(name as never), name).toBe(false);
  });

  it('a change to keys, secrets, money, the login or a link names the profile it was reviewed for (main refuses it after a switch)', () => {
    const inputs = {
      createApiKey: { name: 'k', admin: true, scopes: [] },
      deleteApiKey: { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' },
      deleteApiKeys: { ids: ['3f2504e0-4f89-41d3-9a0c-0305e82c3301'] },
      createSecret: { chuteId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', key: 'A', value: 'v', replace: false },
      deleteSecrets: { secretIds: ['3f2504e0-4f89-41d3-9a0c-0305e82c3301'] },
      runSecretImport: { importId: 'i1', accept: [{ key: 'A', replace: false }] },
      transferBalance: { target: 'bob', amountUsd: 1 },
      refundDeveloperDeposit: { address: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' },
      // The account's login and binding, and what a validator's hotkey signs for it.
      changeFingerprint: { newFingerprint: 'a-new-fingerprint', remember: false },
      changeAccountHotkey: { newHotkey: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV', remember: false },
      deleteAccount: { confirmUsername: 'alice', remember: false },
      link: {
        kind: 'validator',
        source: { kind: 'file', path: '/tmp/hotkey' },
        keepInKeychain: false,
        reviewedHotkey: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
        reviewedUsername: 'alice',
      },
    } as const;
    for (const [name, input] of Object.entries(inputs)) {
      const schema = contract[name as keyof typeof inputs].input;
      expect(schema.safeParse(input).success, `${name} without reviewedFor`).toBe(false);
      expect(schema.safeParse({ ...input, reviewedFor: 'p1' }).success, `${name} with reviewedFor`).toBe(true);
    }
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
