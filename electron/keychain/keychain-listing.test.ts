import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import type { KeychainSeed } from '../../shared/keychain';
import { KEYCHAIN_TEXT, keychainStillWaiting, keychainTimeout } from './keychain-errors';
import { createKeychainListing } from './keychain-listing';
import { MemorySeedVault } from './memory-seed-vault.test-helper';

const SEED: KeychainSeed = { ss58: '5Hotkey', label: 'default', addedAt: null };

/** A vault whose listing answers only when the test says so, as one behind an unlock prompt. */
function promptedVault() {
  const vault = new MemorySeedVault();
  const answers: Array<(seeds: KeychainSeed[]) => void> = [];
  vault.listSeedLabels = () => new Promise<KeychainSeed[]>((resolve) => answers.push(resolve));
  return { vault, answers };
}

describe('createKeychainListing', () => {
  it('answers with what the keychain holds when it answers in time', async () => {
    const vault = new MemorySeedVault();
    await vault.putSeed('5Hotkey', new Uint8Array(32).fill(7), 'default');
    const out = await createKeychainListing(vault, 1_000)();
    expect(out.status).toEqual({ available: true });
    expect(out.seeds?.map((s) => s.ss58)).toEqual(['5Hotkey']);
  });

  it('answers "waiting" after its patience, with the next calls joining the one keychain call', async () => {
    const { vault, answers } = promptedVault();
    const listing = createKeychainListing(vault, 30);
    const started = performance.now();
    const first = await listing();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(first).toEqual({ status: { available: false, waiting: true, ...KEYCHAIN_TEXT.waiting }, seeds: null });
    const second = listing();
    expect(answers).toHaveLength(1);
    answers[0]?.([SEED]);
    expect(await second).toEqual({ status: { available: true }, seeds: [SEED] });
    // Answered: the next list asks the keychain again rather than repeating an old answer.
    void listing();
    expect(answers).toHaveLength(2);
  });

  it('reports a keychain that failed as unavailable, with its message and hint', async () => {
    const vault = new MemorySeedVault();
    vault.listSeedLabels = () =>
      Promise.reject(new AppFailure('keychain-unavailable', KEYCHAIN_TEXT.locked.message, { hint: 'Unlock it.' }));
    const out = await createKeychainListing(vault, 1_000)();
    expect(out).toEqual({
      status: { available: false, message: KEYCHAIN_TEXT.locked.message, hint: 'Unlock it.' },
      seeds: null,
    });
  });

  it('keeps saying "waiting" after the deadline, while the keychain may still answer', async () => {
    const vault = new MemorySeedVault();
    vault.listSeedLabels = () => Promise.reject(keychainStillWaiting());
    const out = await createKeychainListing(vault, 1_000)();
    expect(out.status).toMatchObject({ available: false, waiting: true, message: keychainStillWaiting().message });
    vault.listSeedLabels = () => Promise.reject(keychainTimeout(15_000));
    expect((await createKeychainListing(vault, 1_000)()).status).toMatchObject({
      waiting: true,
      message: 'The keychain did not answer within 15 s — a hidden unlock prompt may be waiting.',
    });
  });

  it('lets any other failure through: it is not the keychain state', async () => {
    const vault = new MemorySeedVault();
    vault.listSeedLabels = () => Promise.reject(new Error('bug'));
    await expect(createKeychainListing(vault, 1_000)()).rejects.toThrow('bug');
  });
});
