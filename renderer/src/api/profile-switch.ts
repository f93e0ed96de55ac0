import type { Query, QueryClient } from '@tanstack/react-query';
import { ACCOUNT_CHANNELS, type Channel } from '../../../shared/ipc-contract';
import { moduleStore } from '../lib/module-store';

/**
 * A switch of the active profile under way. Main answers an account's channels for whichever
 * profile is active when the call arrives, so an answer asked for the old profile can come back
 * as the new one's: while a switch runs, no account answer is asked for, and those on their way
 * are dropped, so none lands in the cache under the other profile's name.
 */
const switching = moduleStore(false);
export const useSwitching = switching.use;
/** For answers read outside the query cache (the key list's pages). */
export const switchUnderWay = switching.get;

const isAccountQuery = (query: Query): boolean => ACCOUNT_CHANNELS.has(query.queryKey[0] as Channel);

/**
 * Run `change` (which makes another profile active, or learns that it is), then read the profile
 * list, so the screens remount on the profile now active and read its answers. Everything else
 * is read again; the old profile's answers stay under its name, stale, for a switch back.
 */
export async function whileSwitching<T>(client: QueryClient, change: () => Promise<T>): Promise<T> {
  switching.set(true);
  try {
    await client.cancelQueries({ predicate: isAccountQuery });
    const result = await change();
    await client.refetchQueries({ queryKey: ['listProfiles'] });
    return result;
  } finally {
    switching.set(false);
    void client.invalidateQueries({ predicate: isAccountQuery, refetchType: 'none' });
    void client.invalidateQueries({ predicate: (query) => !isAccountQuery(query) });
  }
}
