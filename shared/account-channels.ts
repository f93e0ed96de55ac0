import type { Channel } from './ipc-contract';

/**
 * The channels that act on the active profile's account (its keys, secrets, chutes, balance,
 * links): their answers belong to one profile, and the renderer caches and checks them per
 * profile. Names only, so the renderer's first bundle does not carry every slice's schemas; a
 * test holds the list to the api-keys, secrets, account-screen and link slices.
 */
export const ACCOUNT_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'listApiKeys',
  'getApiKey',
  'createApiKey',
  'deleteApiKey',
  'deleteApiKeys',
  'listScopeTargets',
  'listChutes',
  'listSecretsPage',
  'createSecret',
  'deleteSecrets',
  'previewSecretImport',
  'runSecretImport',
  'discardSecretImport',
  'accountOverview',
  'accountLimits',
  'accountUsage',
  'chuteNames',
  'dashboardLogin',
  'changeFingerprint',
  'changeAccountHotkey',
  'deleteAccount',
  'forgetFingerprint',
  'transferBalance',
  'refundDeveloperDeposit',
  'detectLinking',
  'previewLink',
  'link',
]);
