import type * as Keyring from '@napi-rs/keyring';
import { describe, expect, it, vi } from 'vitest';
import { failure, rawEntry, seedOf, useTestVault } from './fixtures/secret-service';

// Count every AsyncEntry the vault builds, on the real Secret Service.
const built = vi.hoisted(() => ({ entries: [] as Array<[string, string]> }));
vi.mock('@napi-rs/keyring', async (importOriginal) => {
  const real = await importOriginal<typeof Keyring>();
  class CountingEntry extends real.AsyncEntry {
    constructor(service: string, account: string, options?: ConstructorParameters<typeof real.AsyncEntry>[2]) {
      super(service, account, options);
      built.entries.push([service, account]);
    }
  }
  return { ...real, AsyncEntry: CountingEntry };
});

const HOTKEY = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const { vault, seedService, sessionService } = useTestVault();

const copyOf = (ss58: string) => vault.withSeed(ss58, (seed) => Promise.resolve(Uint8Array.from(seed)));

describe('reused keychain entries (real Secret Service)', () => {
  it('builds one entry per hotkey however many times its seed is read (each build blocks the main thread on D-Bus)', async () => {
    await vault.putSeed(HOTKEY, seedOf(1));
    const before = built.entries.filter(([service]) => service === seedService).length;
    for (let i = 0; i < 5; i++) expect(await copyOf(HOTKEY)).toEqual(seedOf(1));
    expect(built.entries.filter(([service]) => service === seedService).length - before).toBe(0);
    // The index entry is reused too.
    const indexBuilds = built.entries.filter(([service]) => service === sessionService).length;
    for (let i = 0; i < 3; i++) await vault.listSeeds();
    expect(built.entries.filter(([service]) => service === sessionService).length).toBe(indexBuilds);
  });

  it('a reused entry still sees a seed changed or deleted outside the vault', async () => {
    await vault.putSeed(HOTKEY, seedOf(2));
    expect(await copyOf(HOTKEY)).toEqual(seedOf(2));
    await rawEntry(seedService, HOTKEY).setSecret(seedOf(3));
    expect(await copyOf(HOTKEY)).toEqual(seedOf(3));
    await rawEntry(seedService, HOTKEY).deleteCredential();
    expect((await failure(copyOf(HOTKEY))).appError.code).toBe('not-found');
    await vault.putSeed(HOTKEY, seedOf(4));
    expect(await copyOf(HOTKEY)).toEqual(seedOf(4));
  });
});
