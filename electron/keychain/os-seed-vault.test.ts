import { afterAll, describe, expect, it } from 'vitest';
import { failure, seedOf, useTestVault } from './fixtures/secret-service';

const HOTKEY_A = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const HOTKEY_B = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const { vault } = useTestVault();

afterAll(async () => {
  await vault.removeSession(`${HOTKEY_A}@http://x`).catch(() => undefined);
});

describe('OS seed vault (real Secret Service)', () => {
  it('stores, lists, reads and removes a seed', async () => {
    expect(await vault.hasSeed(HOTKEY_A)).toBe(false);
    await vault.putSeed(HOTKEY_A, seedOf(1));
    await vault.putSeed(HOTKEY_B, seedOf(2));
    expect(await vault.hasSeed(HOTKEY_A)).toBe(true);
    expect(await vault.listSeeds()).toEqual([HOTKEY_A, HOTKEY_B].sort());
    const copy = await vault.withSeed(HOTKEY_A, (seed) => Promise.resolve(Array.from(seed)));
    expect(copy).toEqual(Array.from(seedOf(1)));

    expect(await vault.removeSeed(HOTKEY_B)).toBe(true);
    expect(await vault.removeSeed(HOTKEY_B)).toBe(false);
    expect(await vault.listSeeds()).toEqual([HOTKEY_A]);
  });

  it('replaces a seed and keeps the caller buffer untouched', async () => {
    const input = seedOf(9);
    await vault.putSeed(HOTKEY_A, input);
    expect(Array.from(input)).toEqual(Array.from(seedOf(9)));
    expect(await vault.withSeed(HOTKEY_A, (seed) => Promise.resolve(seed[0]))).toBe(9);
  });

  it('zeroes the seed after fn resolves and after it rejects, passing fn errors through', async () => {
    await vault.putSeed(HOTKEY_A, seedOf(5));
    let kept: Uint8Array | undefined;
    await vault.withSeed(HOTKEY_A, (seed) => {
      kept = seed;
      expect(seed.every((b) => b === 5)).toBe(true);
      return Promise.resolve();
    });
    expect(kept?.length).toBe(32);
    expect(kept?.every((b) => b === 0)).toBe(true);

    const boom = new Error('fn failed');
    let keptOnError: Uint8Array | undefined;
    const error = await vault
      .withSeed(HOTKEY_A, (seed) => {
        keptOnError = seed;
        return Promise.reject(boom);
      })
      .catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(keptOnError?.every((b) => b === 0)).toBe(true);
  });

  it('rejects seeds that are not 32 bytes and stores nothing', async () => {
    await vault.removeSeed(HOTKEY_B);
    for (const bad of [new Uint8Array(31), new Uint8Array(33), new Uint8Array(0)]) {
      const error = await failure(vault.putSeed(HOTKEY_B, bad));
      expect(error.appError.code).toBe('invalid-input');
      expect(error.message).toBe('A hotkey seed must be exactly 32 bytes.');
    }
    expect(await vault.hasSeed(HOTKEY_B)).toBe(false);
  });

  it('says not-found for a hotkey without a seed, and refuses junk addresses', async () => {
    await vault.removeSeed(HOTKEY_B);
    const missing = await failure(vault.withSeed(HOTKEY_B, () => Promise.resolve(1)));
    expect(missing.appError.code).toBe('not-found');
    expect(missing.message).toContain(HOTKEY_B);

    const junk = await failure(vault.putSeed('not an address', seedOf(1)));
    expect(junk.appError.code).toBe('invalid-input');
  });

  it('keeps sessions apart from seeds', async () => {
    const key = `${HOTKEY_A}@http://x`;
    expect(await vault.getSession(key)).toBeNull();
    await vault.putSession(key, 'eyJ.token.one');
    await vault.putSession(key, 'eyJ.token.two');
    expect(await vault.getSession(key)).toBe('eyJ.token.two');
    expect(await vault.listSeeds()).not.toContain(key);
    expect(await vault.removeSession(key)).toBe(true);
    expect(await vault.getSession(key)).toBeNull();
  });

  it('answers each call well within the timeout', async () => {
    const started = performance.now();
    await vault.hasSeed(HOTKEY_A);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
