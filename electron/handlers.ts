import { accountHandlers } from './account/account-handlers';
import { accountScreenHandlers } from './account/account-screen-handlers';
import { activityHandlers } from './activity-log/activity-handlers';
import { apiKeysHandlers } from './api-keys/api-keys-handlers';
import { diagnosticsHandlers } from './diagnostics/diagnostics-handlers';
import type { Handlers } from './ipc-router';
import { keychainHandlers } from './keychain/keychain-handlers';
import { linkHandlers } from './link/link-handlers';
import { cliConfigHandlers } from './profiles/cli-config-handlers';
import { profileHandlers } from './profiles/profile-handlers';
import { secretsHandlers } from './secrets/secrets-handlers';
import { registrationHandlers } from './registration/registration-handlers';
import type { Services } from './services';
import { walletHandlers } from './wallets/wallet-handlers';

/** One handler per contract channel, each feature contributing its slice's; `Handlers` makes a missing one a compile error. */
export function createHandlers(services: Services): Handlers {
  return {
    ...diagnosticsHandlers(services),
    ...profileHandlers(services),
    ...cliConfigHandlers(services),
    ...walletHandlers(services),
    ...keychainHandlers(services),
    ...accountHandlers(services),
    ...accountScreenHandlers(services),
    ...activityHandlers(services),
    ...linkHandlers(services),
    ...secretsHandlers(services),
    ...apiKeysHandlers(services),
    ...registrationHandlers(services),
  };
}
