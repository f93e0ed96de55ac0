import type { EntryOptions } from '@napi-rs/keyring';
import { AppFailure } from '../../shared/errors';
import { isValidSs58 } from '../signer/ss58';
import { createKeychainCall } from './keychain-call';
import { createEntryCache } from './entry-cache';
import { cleanLabel, DAMAGED_SEED_INDEX_ACCOUNT, SEED_INDEX_ACCOUNT } from './seed-index';
import { createSeedIndexStore } from './seed-index-store';
import { createSessionsVersion } from './sessions-version';
import { SEED_SERVICE, SESSION_SERVICE, type SeedVault } from './seed-vault';
import { seedIndexLockPaths } from './seed-index-lock';

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 15_000;
export const SEED_BYTES = 32;

export interface OsSeedVaultOptions {
  /** Bound for each vault call's keychain work; default 15 s or `CHUTES_KEYCHAIN_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Keychain service names; tests pass unique ones so runs never collide. */
  seedService?: string;
  sessionService?: string;
  /**
   * The app's data folder. The seed index is one keychain entry that every process of this user
   * updates; its locks live in the user's runtime folder and here (seed-index-lock.ts).
   * Without either, updates are serialised in-process only.
   */
  dataDir?: string;
}

// Pin Linux to the Secret Service: the default silently falls back to the kernel keyring, which
// forgets everything at logout. Other platforms ignore this option.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

function resolveTimeout(explicit: number | undefined): number {
  if (explicit !== undefined) return explicit;
  const fromEnv = Number(process.env.CHUTES_KEYCHAIN_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_KEYCHAIN_TIMEOUT_MS;
}

function checkAccount(ss58: string): void {
  if (!isValidSs58(ss58)) {
    throw new AppFailure('invalid-input', 'That is not a hotkey SS58 address.', {
      fields: [{ path: 'hotkey', message: 'Not an SS58 address' }],
    });
  }
}

function checkSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) {
    throw new AppFailure('invalid-input', `A hotkey seed must be exactly ${SEED_BYTES} bytes.`, {
      fields: [{ path: 'seed', message: `Expected ${SEED_BYTES} bytes` }],
    });
  }
}

/** The index shares the session service; a session key must never overwrite it. */
function checkSessionKey(key: string): void {
  if (key === SEED_INDEX_ACCOUNT || key === DAMAGED_SEED_INDEX_ACCOUNT)
    throw new AppFailure('invalid-input', `"${key}" is reserved and cannot be a session key.`);
}

function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * `SeedVault` on the OS keychain. Seeds are stored as the raw 32 bytes (`setSecret`), one entry
 * per hotkey SS58 under `chutes-desktop`, so reads come back as a number array we can wipe (a
 * hex string could not be). JWTs are plain passwords under `chutes-desktop-session`, next to the
 * public seed index (`seed-index-store.ts`) that listing reads instead of the seeds.
 *
 * Only `withSeed` hands a seed to other code. Elsewhere seed bytes are read only to check them or
 * their presence — `putSeed`'s read-back, `hasSeed` on an index miss, the stale-entry re-check —
 * and wiped on the spot; listing and indexed `hasSeed` read no seed at all. The index is kept
 * after the seed on put and after the deletion on remove, so a crash in between leaves either an
 * unlisted seed (found again by `hasSeed`, re-listed by the next put) or a stale entry (dropped by
 * `withSeed` when it finds no seed).
 */
export function createOsSeedVault(opts: OsSeedVaultOptions = {}): SeedVault {
  const seedService = opts.seedService ?? SEED_SERVICE;
  const sessionService = opts.sessionService ?? SESSION_SERVICE;
  // Entries are reused (building one costs a blocking D-Bus exchange) and dropped after any failure.
  const entries = createEntryCache(ENTRY_OPTIONS);
  const keychainCall = createKeychainCall(resolveTimeout(opts.timeoutMs), `${seedService}-probe`, {
    onFailure: () => entries.clear(),
  });
  const index = createSeedIndexStore(
    sessionService,
    keychainCall,
    entries,
    seedIndexLockPaths(opts.dataDir, sessionService),
  );
  const sessions = createSessionsVersion(opts.dataDir, sessionService);

  // Used only inside a keychainCall: building an entry may block on a silent bus.
  const seedEntry = (ss58: string) => entries.entry(seedService, ss58);
  const sessionEntry = (key: string) => entries.entry(sessionService, key);

  /** Whether a seed entry exists, via the byte API so the copy can be wiped at once. */
  async function seedPresent(ss58: string, signal: AbortSignal): Promise<boolean> {
    const stored = await seedEntry(ss58).getSecret(signal);
    stored?.fill(0);
    return stored !== null;
  }

  /**
   * List a stored seed. Whether it is still there is checked inside the index's lock: another
   * process (the other window) may have removed it since it was written, and must not be undone.
   */
  async function addToIndex(ss58: string, label: string | undefined, storedNow: boolean): Promise<void> {
    await index.update('index seed', async (entries, signal) => {
      const known = entries.get(ss58);
      // A seed stored again keeps the time it was first noted (none, if an older version listed it:
      // "now" would pass an old seed off as new); one found unlisted has none either.
      const next = {
        label: label ?? known?.label ?? null,
        addedAt: known ? known.addedAt : storedNow ? new Date().toISOString() : null,
      };
      if (known && known.label === next.label && known.addedAt === next.addedAt) return false;
      if (!(await seedPresent(ss58, signal))) return false;
      entries.set(ss58, next);
      return true;
    });
  }

  /**
   * Drop an index entry whose seed is gone. Re-checked inside the queue so a put of the same
   * hotkey racing with this (seed written, index entry not yet) is not undone.
   */
  async function dropStale(ss58: string): Promise<void> {
    await index
      .update(
        'drop stale seed index entry',
        async (entries, signal) => entries.has(ss58) && !(await seedPresent(ss58, signal)) && entries.delete(ss58),
      )
      .catch(() => undefined); // already logged; the caller's answer (not-found) stands
  }

  return {
    async putSeed(ss58, seed, label) {
      checkAccount(ss58);
      checkSeed(seed);
      await keychainCall('store seed', async (signal) => {
        const entry = seedEntry(ss58);
        await entry.setSecret(seed, signal);
        // Read back: a store that "succeeded" but kept something else must leave nothing behind.
        const stored = await entry.getSecret(signal);
        const ok = stored !== null && sameBytes(stored, seed);
        stored?.fill(0);
        if (!ok) {
          await entry.deleteCredential(signal);
          throw new AppFailure(
            'keychain-unavailable',
            'The keychain did not keep the seed intact, so nothing was saved. Try again.',
            {
              hint: 'If this repeats, the keychain application may be faulty; try another Secret Service provider.',
            },
          );
        }
      });
      // If this fails the seed stays stored but unlisted; a retry (or hasSeed) indexes it.
      await addToIndex(ss58, cleanLabel(label), true);
    },

    /**
     * Index first: a listed hotkey answers true without touching its seed. The index can be stale
     * (a seed deleted in Seahorse); `withSeed` then says not-found and drops the entry. A miss
     * falls back to reading the seed's bytes (wiped at once), so seeds stored before the index
     * existed, or whose index write failed, are still found — and are indexed from then on.
     */
    async hasSeed(ss58) {
      checkAccount(ss58);
      if ((await index.read()).has(ss58)) return true;
      if (!(await keychainCall('look up seed', (signal) => seedPresent(ss58, signal)))) return false;
      await addToIndex(ss58, undefined, false).catch(() => undefined); // already logged; the answer stands
      return true;
    },

    async listSeeds() {
      return [...(await index.read()).keys()].sort();
    },

    async listSeedLabels() {
      const entries = await index.read();
      return [...entries.keys()].sort().map((ss58) => ({
        ss58,
        label: entries.get(ss58)?.label ?? null,
        addedAt: entries.get(ss58)?.addedAt ?? null,
      }));
    },

    async removeSeed(ss58) {
      checkAccount(ss58);
      const deleted = await keychainCall('remove seed', (signal) => seedEntry(ss58).deleteCredential(signal));
      // Unlisted only if still gone inside the lock: another process may have stored it again meanwhile.
      const unlisted = await index.update(
        'unindex seed',
        async (entries, signal) => entries.has(ss58) && !(await seedPresent(ss58, signal)) && entries.delete(ss58),
      );
      // A stale index entry was something the user saw listed, so removing it counts too.
      return deleted || unlisted;
    },

    async withSeed(ss58, fn) {
      checkAccount(ss58);
      const stored = await keychainCall('read seed', (signal) => seedEntry(ss58).getSecret(signal));
      if (stored === null) {
        await dropStale(ss58);
        throw new AppFailure('not-found', `No seed for hotkey ${ss58} is stored in the keychain.`, {
          hint: 'Import the hotkey again (from its wallet file or config.ini).',
        });
      }
      const seed = Uint8Array.from(stored);
      stored.fill(0);
      try {
        if (seed.length !== SEED_BYTES) {
          throw new AppFailure(
            'keychain-unavailable',
            `The keychain entry for ${ss58} is not a ${SEED_BYTES}-byte seed.`,
            {
              hint: 'Remove the hotkey and import it again.',
            },
          );
        }
        return await fn(seed);
      } finally {
        seed.fill(0);
      }
    },

    async putSession(key, value) {
      checkSessionKey(key);
      await keychainCall('store session', (signal) => sessionEntry(key).setPassword(value, signal));
    },

    async getSession(key) {
      checkSessionKey(key);
      return keychainCall('read session', (signal) => sessionEntry(key).getPassword(signal));
    },

    async removeSession(key) {
      checkSessionKey(key);
      try {
        return await keychainCall('remove session', (signal) => sessionEntry(key).deleteCredential(signal));
      } finally {
        // Even when the removal failed part-way, another process re-reading costs one keychain read.
        await sessions.bump();
      }
    },

    sessionsVersion: () => sessions.current(),
  };
}
