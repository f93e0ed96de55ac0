import type { AccountLookup } from '../../shared/account';
import type { accountContract } from '../../shared/contract/account';
import type { ChutesClient } from '../chutes-api';
import type { SliceHandlers } from '../ipc-router';
import type { ProfileStore } from '../profiles';

export interface AccountServices {
  profiles: ProfileStore;
  chutes: ChutesClient;
}

/** How long a lookup's answer may stand in for a second signed request ("save as profile" right after). */
const LOOKUP_REUSE_MS = 5 * 60_000;

export function accountHandlers({ profiles, chutes }: AccountServices): SliceHandlers<typeof accountContract> {
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
    addProfileFromHotkey: async ({ hotkey, hotkeyName, baseUrl }) => {
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
