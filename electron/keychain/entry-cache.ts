import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';

/**
 * Keychain entries built once and reused. Measured on Linux (Secret Service): constructing an
 * `AsyncEntry` blocks the main thread ~6 ms (a synchronous D-Bus exchange) while the `getSecret`
 * that follows takes ~0.6 ms off-thread, so a new entry per call made every signed request pay
 * 6 ms with the event loop stalled. An entry holds only its service and account names (no secret);
 * each operation looks the item up afresh, so a reused entry sees changes made elsewhere.
 * Construct only inside a keychainCall: the constructor may block on a silent bus.
 */
export interface EntryCache {
  entry(service: string, account: string): AsyncEntry;
  /** Drop every entry, e.g. after a failure: the next call builds (and so re-checks) a fresh one. */
  clear(): void;
}

/** More distinct entries than any real use (a few hotkeys and servers); past it, start over. */
const MAX_ENTRIES = 256;

export function createEntryCache(options: EntryOptions): EntryCache {
  const entries = new Map<string, AsyncEntry>();
  return {
    entry(service, account) {
      const key = `${service}\n${account}`;
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entry = new AsyncEntry(service, account, options);
        entries.set(key, entry);
      }
      return entry;
    },
    clear: () => entries.clear(),
  };
}
