import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profilesContract } from '../../shared/contract/profiles';
import type { ChutesClient } from '../chutes-api';
import { createKeychainListing } from '../keychain/keychain-listing';
import { profileHandlers } from './profile-handlers';
import { profileWorld, type ProfileWorld } from './fixtures.test-helper';

let world: ProfileWorld;
beforeEach(async () => {
  world = await profileWorld();
});
afterEach(() => world.dispose());

/** alice's profile on api.chutes.ai, signing with the world's hotkey. */
const aliceProfile = () =>
  world.store.upsert({
    baseUrl: 'https://api.chutes.ai',
    username: 'alice',
    userId: 'u-1',
    hotkeyName: 'default',
    hotkeySs58: world.hotkey.ss58,
    source: { kind: 'manual' },
  });

describe('removeProfile', () => {
  it('removes the profile and its sessions, and never the seed (removing one is its own question)', async () => {
    const { store, vault, hotkey } = world;
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'), 'default');
    const profile = await aliceProfile();
    const forgotten: Array<[string, string[]]> = [];
    const chutes = {
      forgetSessions: (hk: string, urls: string[]) => {
        forgotten.push([hk, urls]);
        return Promise.resolve();
      },
    } as unknown as ChutesClient;
    const h = profileHandlers({ vault, keychainListing: createKeychainListing(vault), profiles: store, chutes });
    const result = await h.removeProfile({ profileId: profile.id }, { transport: 'ipc' });
    expect(result).toMatchObject({ removed: { id: profile.id }, activeId: null });
    expect(await store.list()).toEqual([]);
    expect(forgotten).toEqual([[hotkey.ss58, ['https://api.chutes.ai']]]);
    expect(await vault.hasSeed(hotkey.ss58)).toBe(true);
    // The contract has no way left to ask for the seed to go with the profile.
    expect(profilesContract.removeProfile.input.safeParse({ profileId: profile.id, forgetSeed: true }).success).toBe(
      false,
    );
  });

  it('removes the profile when the keychain cannot drop its session, and says so beside the result', async () => {
    const { store } = world;
    const profile = await aliceProfile();
    const locked = new AppFailure('keychain-unavailable', 'The keychain is locked.');
    const chutes = { forgetSessions: () => Promise.reject(locked) } as unknown as ChutesClient;
    const h = profileHandlers({
      vault: world.vault,
      keychainListing: createKeychainListing(world.vault),
      profiles: store,
      chutes,
    });
    const result = await h.removeProfile({ profileId: profile.id }, { transport: 'ipc' });
    expect(result).toMatchObject({ removed: { id: profile.id }, sessionProblem: 'The keychain is locked.' });
    expect(await store.list()).toEqual([]);
  });

  /**
   * alice's profile, its seed in the keychain but missing from the index, and the handlers on that
   * vault; `hasSeed` is the look-up made for the seed the index lost (given the lookup count).
   */
  async function indexLostWorld(hasSeed: (ss58: string, lookup: number) => Promise<boolean>) {
    const { store, vault, hotkey } = world;
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'), 'default');
    await aliceProfile();
    let lookups = 0;
    const indexLost = Object.assign(Object.create(vault) as typeof vault, {
      listSeedLabels: () => Promise.resolve([]),
      hasSeed: (ss58: string) => hasSeed(ss58, ++lookups),
    });
    const h = profileHandlers({
      vault: indexLost,
      keychainListing: createKeychainListing(indexLost),
      profiles: store,
      chutes: {} as ChutesClient,
    });
    const seedShown = async () => (await h.listProfiles({}, { transport: 'ipc' })).profiles[0]?.seedInKeychain;
    return { seedShown, lookups: () => lookups };
  }

  it('finds a seed the index lost in the keychain itself, once per process, instead of saying it is missing', async () => {
    const lost = await indexLostWorld((ss58) => world.vault.hasSeed(ss58));
    expect(await lost.seedShown()).toBe(true);
    await lost.seedShown();
    expect(lost.lookups()).toBe(1);
  });

  it('looks for a seed the index lost again when the keychain did not answer the first look', async () => {
    const lost = await indexLostWorld((ss58, lookup) =>
      lookup === 1 ? Promise.reject(new AppFailure('keychain-unavailable', 'busy')) : world.vault.hasSeed(ss58),
    );
    expect(await lost.seedShown()).toBe(false);
    expect(await lost.seedShown()).toBe(true);
    expect(lost.lookups()).toBe(2);
  });

  it('lists the profiles without waiting on a keychain that has not answered, their seeds unknown', async () => {
    const { store, vault } = world;
    await aliceProfile();
    // A keychain behind an unlock prompt: its listing never answers within the test.
    const prompted = Object.assign(Object.create(vault) as typeof vault, {
      listSeedLabels: () => new Promise<never>(() => undefined),
    });
    const listing = createKeychainListing(prompted, 30);
    const h = profileHandlers({
      vault: prompted,
      keychainListing: listing,
      profiles: store,
      chutes: {} as ChutesClient,
    });
    const view = await h.listProfiles({}, { transport: 'ipc' });
    expect(view.profiles.map((p) => [p.username, p.seedInKeychain])).toEqual([['alice', null]]);
    // Waiting on it, not broken: the badges say so.
    expect(view.keychainWaiting).toBe(true);
  });

  it('does not call a keychain that failed outright one that is waiting', async () => {
    const { store, vault } = world;
    await aliceProfile();
    const broken = Object.assign(Object.create(vault) as typeof vault, {
      listSeedLabels: () => Promise.reject(new AppFailure('keychain-unavailable', 'no Secret Service')),
    });
    const h = profileHandlers({
      vault: broken,
      keychainListing: createKeychainListing(broken),
      profiles: store,
      chutes: {} as ChutesClient,
    });
    const view = await h.listProfiles({}, { transport: 'ipc' });
    expect(view.profiles.map((p) => p.seedInKeychain)).toEqual([null]);
    expect(view.keychainWaiting).toBeUndefined();
  });
});

describe('listProfiles after a damaged profiles file', () => {
  it('says where the file went to every later read, until a profile is saved again', async () => {
    const { store, vault } = world;
    await mkdir(path.dirname(store.filePath), { recursive: true, mode: 0o700 });
    await writeFile(store.filePath, '{"version": 1, "profiles": [ trunc', { mode: 0o600 });
    const h = profileHandlers({
      vault,
      keychainListing: createKeychainListing(vault),
      profiles: store,
      chutes: {} as ChutesClient,
    });
    // The read that finds it moves it aside and says so; any other screen or window reads next.
    await expect(h.listProfiles({}, { transport: 'ipc' })).rejects.toMatchObject({ reason: 'data-file-corrupt' });
    const moved = (await readdir(path.dirname(store.filePath))).filter((n) => n.startsWith('profiles.json.corrupt-'));
    expect(moved).toHaveLength(1);
    const later = await h.listProfiles({}, { transport: 'ipc' });
    expect(later).toEqual({
      profiles: [],
      activeId: null,
      setAside: path.join(path.dirname(store.filePath), moved[0] ?? ''),
    });
    await aliceProfile();
    expect((await h.listProfiles({}, { transport: 'ipc' })).setAside).toBeUndefined();
    // Removing every profile leaves an empty file, not a damaged one: nothing to explain.
    await store.remove((await store.list())[0]?.id ?? '');
    expect(await h.listProfiles({}, { transport: 'ipc' })).toEqual({ profiles: [], activeId: null });
  });
});
