import type { AccountLookup } from '../../shared/account';
import { AppFailure } from '../../shared/errors';
import type { accountContract } from '../../shared/contract/account';
import type { ChutesClient } from '../chutes-api';
import type { SliceHandlers } from '../ipc-router';
import type { SeedVault } from '../keychain/seed-vault';
import type { ProfileStore } from '../profiles';

export interface AccountServices {
  profiles: ProfileStore;
  chutes: ChutesClient;
  vault: SeedVault;
}

/** How long a lookup's answer may stand in for a second signed request ("save as profile" right after). */
const LOOKUP_REUSE_MS = 5 * 60_000;

export function accountHandlers({ profiles, chutes, vault }: AccountServices): SliceHandlers<typeof accountContract> {
  // The last answer per (server, hotkey): saving a looked-up account as a profile does not sign again.
  const recent = new Map<string, { at: number; account: AccountLookup }>();
  const keyOf = (baseUrl: string, hotkey: string) => `${baseUrl}\n${hotkey}`;

  // A bare hotkey is looked up on the active profile's server unless a server is named (the Register wizard's).
  async function lookup(hotkey: string, reuse: boolean, baseUrl?: string): Promise<AccountLookup> {
    const api = await chutes.actingAs(baseUrl ? { hotkey, baseUrl } : { hotkey });
    const key = keyOf(api.scope.baseUrl, hotkey);
    const known = recent.get(key);
    if (reuse && known && Date.now() - known.at < LOOKUP_REUSE_MS) return known.account;
    const account = await api.me();
    recent.set(key, { at: Date.now(), account });
    return account;
  }

  return {
    lookupAccount: ({ hotkey }) => lookup(hotkey, false),
    // `baseUrl`: the server the look-up shown was made on, so another profile made active meanwhile
    // (in another window) does not save this hotkey's account on that profile's server.
    addProfileFromHotkey: async ({ hotkey, hotkeyName, baseUrl }) => {
      // A reused answer signs nothing, so it would outlive the seed: a profile must not be saved
      // for a hotkey the keychain no longer holds (removed since the look-up, perhaps elsewhere).
      if (!(await vault.hasSeed(hotkey))) {
        for (const key of recent.keys()) if (key.endsWith(`\n${hotkey}`)) recent.delete(key);
        throw new AppFailure(
          'not-found',
          `The keychain no longer holds the seed of hotkey ${hotkey}, so it was not saved as a profile.`,
          {
            hint: 'Add the hotkey to the keychain again (from its wallet file or a CLI config), look up its account, then save it.',
          },
          'seed-missing',
        );
      }
      const me = await lookup(hotkey, true, baseUrl);
      return profiles.upsert({
        baseUrl: me.apiUrl,
        username: me.username,
        userId: me.userId,
        hotkeyName,
        hotkeySs58: hotkey,
        paymentAddress: me.paymentAddress || null,
        source: { kind: 'manual' },
      });
    },
  };
}
