import { AppFailure } from '../../shared/errors';
import type { SeedVault } from '../keychain/seed-vault';
import { seedMissingFailure } from './failure-map';
import { TOKEN_TEXT } from './endpoints/schemas';
import { describeError, log } from '../log';

export interface JwtSessions {
  /** A token for the hotkey: memory, then keychain, then a fresh login. `fresh` = just logged in. */
  token(hotkey: string): Promise<{ token: string; fresh: boolean }>;
  /** Forget a rejected or stale token everywhere. */
  invalidate(hotkey: string): Promise<void>;
}

/**
 * JWTs from hotkey logins, kept in the keychain's session store under `${hotkey}@${baseUrl}` so
 * they survive restarts (they live 7 days), and in memory so each call is not a keychain trip.
 * Concurrent callers share one login.
 */
export function createJwtSessions(
  vault: SeedVault,
  baseUrl: string,
  login: (hotkey: string) => Promise<string>,
): JwtSessions {
  // Each token with the sessions version read before it was: another process may remove it since.
  const memory = new Map<string, { token: string; version: string }>();
  const pending = new Map<string, Promise<string>>();
  const keyOf = (hotkey: string) => `${hotkey}@${baseUrl}`;

  async function loginAndStore(hotkey: string, key: string): Promise<string> {
    const version = vault.sessionsVersion();
    const token = await login(hotkey);
    // Losing persistence only costs a login next start; the token in memory still works.
    await vault
      .putSession(key, token)
      .catch((error: unknown) => log.warn(`could not keep the session in the keychain: ${describeError(error)}`));
    // A session was removed somewhere while this login ran: if it was this hotkey's seed going (the
    // other window), the token just stored must not bring the session back. (A keychain that cannot
    // say now does not undo a login that worked.)
    if (vault.sessionsVersion() !== version && !(await vault.hasSeed(hotkey).catch(() => true))) {
      // If even this fails, the version moved and the seed is gone: the next call logs in and fails too.
      await vault.removeSession(key).catch(() => undefined);
      throw seedMissingFailure(new AppFailure('not-found', 'The seed was removed during the login.'), hotkey);
    }
    memory.set(key, { token, version });
    return token;
  }

  return {
    async token(hotkey) {
      const key = keyOf(hotkey);
      const version = vault.sessionsVersion();
      const held = memory.get(key);
      if (held?.version === version) return { token: held.token, fresh: false };
      // Not held, or a session was removed somewhere since (a seed removed in the other window).
      memory.delete(key);
      const known = await vault.getSession(key);
      // One kept before tokens were checked (or written by something else) that no header can carry.
      if (known && !TOKEN_TEXT.test(known)) await vault.removeSession(key);
      else if (known) {
        memory.set(key, { token: known, version });
        return { token: known, fresh: false };
      }
      let running = pending.get(key);
      if (!running) {
        running = loginAndStore(hotkey, key).finally(() => pending.delete(key));
        pending.set(key, running);
      }
      return { token: await running, fresh: true };
    },

    async invalidate(hotkey) {
      const key = keyOf(hotkey);
      memory.delete(key);
      await vault.removeSession(key);
    },
  };
}
