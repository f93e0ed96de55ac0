import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import { AppFailure } from '../../shared/errors';
import { describeError, log } from '../log';
import { isValidSs58 } from '../signer/ss58';
import { keychainFailure, keychainTimeout } from './keychain-errors';
import { SEED_SERVICE, SESSION_SERVICE, type SeedVault } from './seed-vault';

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 15_000;
export const SEED_BYTES = 32;

export interface OsSeedVaultOptions {
  /** Bound for each vault call's keychain work; default 15 s or `CHUTES_KEYCHAIN_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Keychain service names; tests pass unique ones so runs never collide. */
  seedService?: string;
  sessionService?: string;
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
    throw new AppFailure('invalid-input', 'That is not a hotkey SS58 address.', { fields: [{ path: 'hotkey', message: 'Not an SS58 address' }] });
  }
}

function checkSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) {
    throw new AppFailure('invalid-input', `A hotkey seed must be exactly ${SEED_BYTES} bytes.`, {
      fields: [{ path: 'seed', message: `Expected ${SEED_BYTES} bytes` }],
    });
  }
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
 * hex string could not be). JWTs are plain passwords under `chutes-desktop-session`.
 */
export function createOsSeedVault(opts: OsSeedVaultOptions = {}): SeedVault {
  const timeoutMs = resolveTimeout(opts.timeoutMs);
  const seedService = opts.seedService ?? SEED_SERVICE;
  const sessionService = opts.sessionService ?? SESSION_SERVICE;
  // An account-less service we only ever search: an empty, cheap round trip.
  const probeService = `${seedService}-probe`;

  /**
   * Run one vault call's keychain work under a deadline. Measured: constructing an entry talks to
   * D-Bus synchronously and blocks the event loop forever on a bus that never answers, so every
   * call first makes an async search (which stays off the main thread) and only then constructs.
   * A late answer after the deadline is ignored; the native call cannot be cancelled.
   */
  async function bounded<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(keychainTimeout(timeoutMs));
      }, timeoutMs);
    });
    const run = (async () => {
      await findCredentialsAsync(probeService, null, controller.signal);
      return work(controller.signal);
    })();
    run.catch(() => undefined); // settled late after a timeout: already reported
    try {
      return await Promise.race([run, deadline]);
    } catch (error) {
      const failure = keychainFailure(error);
      log.warn(`keychain ${what} failed: ${failure.appError.message} [${describeError(error)}]`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  const seedEntry = (ss58: string) => new AsyncEntry(seedService, ss58, ENTRY_OPTIONS);
  const sessionEntry = (key: string) => new AsyncEntry(sessionService, key, ENTRY_OPTIONS);

  return {
    async putSeed(ss58, seed) {
      checkAccount(ss58);
      checkSeed(seed);
      await bounded('store seed', async (signal) => {
        const entry = seedEntry(ss58);
        await entry.setSecret(seed, signal);
        // Read back: a store that "succeeded" but kept something else must leave nothing behind.
        const stored = await entry.getSecret(signal);
        const ok = stored !== null && sameBytes(stored, seed);
        stored?.fill(0);
        if (!ok) {
          await entry.deleteCredential(signal);
          throw new AppFailure('keychain-unavailable', 'The keychain did not keep the seed intact, so nothing was saved. Try again.', {
            hint: 'If this repeats, the keychain application may be faulty; try another Secret Service provider.',
          });
        }
      });
    },

    async hasSeed(ss58) {
      checkAccount(ss58);
      return bounded('look up seed', async (signal) => {
        const stored = await seedEntry(ss58).getSecret(signal);
        const found = stored !== null;
        stored?.fill(0);
        return found;
      });
    },

    async listSeeds() {
      return bounded('list seeds', async (signal) => {
        const found = await findCredentialsAsync(seedService, null, signal);
        // The search hands back each secret too; keep only the public account names.
        return [...new Set(found.map((c) => c.account))].filter((a) => isValidSs58(a)).sort();
      });
    },

    async removeSeed(ss58) {
      checkAccount(ss58);
      return bounded('remove seed', (signal) => seedEntry(ss58).deleteCredential(signal));
    },

    async withSeed(ss58, fn) {
      checkAccount(ss58);
      const stored = await bounded('read seed', (signal) => seedEntry(ss58).getSecret(signal));
      if (stored === null) {
        throw new AppFailure('not-found', `No seed for hotkey ${ss58} is stored in the keychain.`, {
          hint: 'Import the hotkey again (from its wallet file or config.ini).',
        });
      }
      const seed = Uint8Array.from(stored);
      stored.fill(0);
      try {
        if (seed.length !== SEED_BYTES) {
          throw new AppFailure('keychain-unavailable', `The keychain entry for ${ss58} is not a ${SEED_BYTES}-byte seed.`, {
            hint: 'Remove the hotkey and import it again.',
          });
        }
        return await fn(seed);
      } finally {
        seed.fill(0);
      }
    },

    async putSession(key, value) {
      await bounded('store session', (signal) => sessionEntry(key).setPassword(value, signal));
    },

    async getSession(key) {
      return bounded('read session', (signal) => sessionEntry(key).getPassword(signal));
    },

    async removeSession(key) {
      return bounded('remove session', (signal) => sessionEntry(key).deleteCredential(signal));
    },
  };
}
