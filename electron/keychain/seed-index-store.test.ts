import { describe, expect, it, vi } from 'vitest';
import type { AsyncEntry } from '@napi-rs/keyring';
import { createSeedIndexStore } from './seed-index-store';

describe('seed index updates', () => {
  it('write nothing once the call’s deadline has passed (the caller was told it failed; the lock is going)', async () => {
    const setPassword = vi.fn(() => Promise.resolve());
    const entry = { getSecret: () => Promise.resolve(null), setPassword } as unknown as AsyncEntry;
    const controller = new AbortController();
    // A keychain call whose work runs on, as the native call does, after its deadline passed.
    const store = createSeedIndexStore('svc', (_what, work) => work(controller.signal), {
      entry: () => entry,
      clear: () => undefined,
    });
    const late = store.update('index seed', (index) => {
      controller.abort(); // the deadline passes while the change waits on the keychain
      index.set('5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV', { label: null, addedAt: null });
      return true;
    });
    await expect(late).rejects.toThrow();
    expect(setPassword).not.toHaveBeenCalled();

    const fresh = createSeedIndexStore('svc', (_what, work) => work(new AbortController().signal), {
      entry: () => entry,
      clear: () => undefined,
    });
    expect(await fresh.update('index seed', () => true)).toBe(true);
    expect(setPassword).toHaveBeenCalledOnce();
  });
});
