import { log } from '../log';
import type { KeychainCall } from './keychain-call';
import type { EntryCache } from './entry-cache';
import { parseSeedIndex, SEED_INDEX_ACCOUNT, serializeSeedIndex, type SeedIndex } from './seed-index';
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
 * `lockPath` (a file in the data folder) makes updates exclusive across processes too.
 */
export function createSeedIndexStore(
  service: string,
  keychainCall: KeychainCall,
  entries: EntryCache,
  lockPath?: string,
): SeedIndexStore {
  // Other processes on the data folder (window and web host) share the keychain entry: with a
  // data folder the lock file serialises them too (it queues this process's callers itself).
  const queue: SerialQueue =
    lockPath === undefined
      ? queueFor(service)
      : (job) => withFileLock(lockPath, job, { what: 'the list of stored hotkeys' });
  // Constructed only inside a keychainCall: the constructor may block on a silent bus.
  const entry = () => entries.entry(service, SEED_INDEX_ACCOUNT);

  async function load(signal: AbortSignal): Promise<SeedIndex> {
    // Bytes, not getPassword: a non-UTF-8 value must read as corrupt, not as a keychain failure.
    const parsed = parseSeedIndex(await entry().getSecret(signal));
    if (parsed.corrupt) {
      // Never log the content; the next put/remove rewrites the entry from scratch.
      log.warn('keychain seed index is not readable; treating it as empty until the next change rewrites it');
    }
    return parsed.index;
  }

  return {
    read: () => keychainCall('read seed index', load),
    update: (what, change) =>
      queue(() =>
        keychainCall(what, async (signal) => {
          const index = await load(signal);
          if (!(await change(index, signal))) return false;
          await entry().setPassword(serializeSeedIndex(index), signal);
          return true;
        }),
      ),
  };
}
