import { log } from '../log';
import type { KeychainCall } from './keychain-call';
import type { EntryCache } from './entry-cache';
import {
  DAMAGED_SEED_INDEX_ACCOUNT,
  parseSeedIndex,
  SEED_INDEX_ACCOUNT,
  serializeSeedIndex,
  type SeedIndex,
} from './seed-index';
import { withFileLock } from '../concurrency/file-lock';
import { createSerialQueue, type SerialQueue } from '../concurrency/serial-queue';

/** Change the index in place; resolve true if it changed and must be written back. */
export type IndexChange = (index: SeedIndex, signal: AbortSignal) => boolean | Promise<boolean>;

export interface SeedIndexStore {
  read(): Promise<SeedIndex>;
  /** Read-modify-write, serialised with every other update for the same keychain service. */
  update(what: string, change: IndexChange): Promise<boolean>;
}

// One queue per session service, shared by every vault in this process on that service, so two
// vault objects (or a vault and a test's) cannot interleave their read-modify-writes either.
const queues = new Map<string, SerialQueue>();
function queueFor(service: string): SerialQueue {
  let queue = queues.get(service);
  if (!queue) {
    queue = createSerialQueue();
    queues.set(service, queue);
  }
  return queue;
}

/**
 * The seed index as one keychain entry in the session service: it is public data, but keeping it
 * in the keychain means it lives and dies with the seeds (same backup, same wipe). Each read and
 * write is its own bounded keychain call, so a stuck keychain fails it like any other call.
 * `lockPaths` (seed-index-lock.ts: the user's, then the data folder's) make updates exclusive
 * across processes too, taken in that order.
 */
export function createSeedIndexStore(
  service: string,
  keychainCall: KeychainCall,
  entries: EntryCache,
  lockPaths: readonly string[] = [],
): SeedIndexStore {
  // Other processes (window and web host, other data folders) share the keychain entry: the lock
  // files serialise them too (they queue this process's callers themselves).
  const locked = <T>(paths: readonly string[], job: () => Promise<T>): Promise<T> => {
    const [first, ...rest] = paths;
    return first === undefined
      ? job()
      : withFileLock(first, () => locked(rest, job), { what: 'the list of stored hotkeys' });
  };
  const queue: SerialQueue = lockPaths.length === 0 ? queueFor(service) : (job) => locked(lockPaths, job);
  // Constructed only inside a keychainCall: the constructor may block on a silent bus.
  const entry = () => entries.entry(service, SEED_INDEX_ACCOUNT);

  async function load(signal: AbortSignal): Promise<{ index: SeedIndex; damaged: Uint8Array | null }> {
    // Bytes, not getPassword: a non-UTF-8 value must read as corrupt, not as a keychain failure.
    const stored = await entry().getSecret(signal);
    const parsed = parseSeedIndex(stored);
    if (parsed.corrupt) {
      // Never log the content; the next put/remove keeps it aside, then rewrites the entry.
      log.warn('keychain seed index is not readable; treating it as empty until the next change rewrites it');
    }
    return { index: parsed.index, damaged: parsed.corrupt && stored ? Uint8Array.from(stored) : null };
  }

  return {
    read: () => keychainCall('read seed index', async (signal) => (await load(signal)).index),
    update: (what, change) =>
      queue(() =>
        keychainCall(what, async (signal) => {
          const { index, damaged } = await load(signal);
          if (!(await change(index, signal))) return false;
          // Past the deadline the caller was told it failed and the lock is going: a write now
          // would put back what another process changed meanwhile.
          signal.throwIfAborted();
          if (damaged) {
            // Its labels and dates are the user's: kept, not overwritten (one copy, the latest).
            await entries.entry(service, DAMAGED_SEED_INDEX_ACCOUNT).setSecret(damaged, signal);
            log.warn(`keychain seed index rewritten; the unreadable one is kept as "${DAMAGED_SEED_INDEX_ACCOUNT}"`);
          }
          await entry().setPassword(serializeSeedIndex(index), signal);
          return true;
        }),
      ),
  };
}
