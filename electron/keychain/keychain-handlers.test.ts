import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../shared/errors';
import type { AppConfig } from '../app-config';
import type { ChutesClient } from '../chutes-api';
import { cliConfigText, newHotkey, profileWorld, type ProfileWorld } from '../profiles/fixtures.test-helper';
import { createSeedCopies } from '../profiles/seed-copies';
import { createDiscoveryCache } from '../wallets';
import { makeKey, writeTree } from '../wallets/test-fixtures';
import { createKeychainListing } from './keychain-listing';
import { keychainHandlers } from './keychain-handlers';

const ctx = { transport: 'ipc' } as const;
let world: ProfileWorld;
beforeEach(async () => {
  world = await profileWorld();
});
afterEach(async () => {
  await world.dispose();
});

function handlers() {
  const configPath = path.join(world.dir, '.chutes', 'config.ini');
  const config = {
    apiUrl: 'https://api.chutes.ai',
    configPath,
    walletsPath: path.join(world.dir, 'wallets'),
    dataDir: path.join(world.dir, 'data'),
  } as AppConfig;
  const forgetSessions = vi.fn(() => Promise.resolve());
  const chutes = { forgetSessions } as unknown as ChutesClient;
  const seedCopies = createSeedCopies({ dataDir: config.dataDir, cliConfigPath: configPath });
  const h = keychainHandlers({
    config,
    vault: world.vault,
    keychainListing: createKeychainListing(world.vault),
    profiles: world.store,
    chutes,
    discovery: createDiscoveryCache(),
    seedCopies,
    home: world.dir,
  });
  return { h, configPath, forgetSessions };
}

describe('removing a seed from the keychain', () => {
  it('refuses when none of the config files the question named holds the seed any more, and keeps it', async () => {
    const { h, configPath, forgetSessions } = handlers();
    const { hotkey, vault } = world;
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
    await mkdir(path.dirname(configPath), { recursive: true });
    await writeFile(configPath, cliConfigText(hotkey));
    expect(await h.seedCopies({ hotkey: hotkey.ss58 }, ctx)).toEqual([{ path: configPath, exportedAt: null }]);
    // The file loses its seed after the question listed it.
    await writeFile(configPath, cliConfigText(hotkey, { seed: null }));
    const error = await h
      .removeHotkeySeed({ hotkey: hotkey.ss58, copiesShown: [configPath] }, ctx)
      .catch((e: unknown) => e);
    expect((error as AppFailure).appError).toMatchObject({
      code: 'conflict',
      reason: 'file-changed-meanwhile',
      message: `${configPath} no longer holds this seed, so it was not removed from the keychain.`,
    });
    expect((error as AppFailure).appError.detail?.hint).toMatch(
      /^No other copy was found when they were looked for again\./,
    );
    expect(await vault.hasSeed(hotkey.ss58)).toBe(true);
    expect(forgetSessions).not.toHaveBeenCalled();
    // While a named file still holds it, or when the user confirmed another copy, it goes.
    await writeFile(configPath, cliConfigText(hotkey));
    expect(await h.removeHotkeySeed({ hotkey: hotkey.ss58, copiesShown: [configPath] }, ctx)).toEqual({
      removed: true,
    });
    expect(await vault.hasSeed(hotkey.ss58)).toBe(false);
    const other = await newHotkey();
    await vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'));
    expect(await h.removeHotkeySeed({ hotkey: other.ss58 }, ctx)).toEqual({ removed: true });
  });

  it('refuses when the hotkey file the question named no longer holds the seed (overwritten or gone), and keeps it', async () => {
    const { h, forgetSessions } = handlers();
    const { vault } = world;
    const key = await makeKey();
    const other = await makeKey();
    const walletsPath = path.join(world.dir, 'wallets');
    await writeTree(walletsPath, [['w/hotkeys/h', JSON.stringify(key.json)]]);
    await vault.putSeed(key.ss58, key.seed);
    const shown = { walletId: 'w', hotkeyId: 'h' };
    // Overwritten (btcli --overwrite) after the question said it holds the seed.
    await writeFile(path.join(walletsPath, 'w/hotkeys/h'), JSON.stringify(other.json), { mode: 0o600 });
    const overwritten = await h
      .removeHotkeySeed({ hotkey: key.ss58, walletFileShown: shown }, ctx)
      .catch((e: unknown) => e);
    expect((overwritten as AppFailure).appError).toMatchObject({
      reason: 'file-changed-meanwhile',
      message: `The hotkey file w/h no longer holds this seed (it now holds ${other.ss58}), so it was not removed from the keychain.`,
    });
    await rm(path.join(walletsPath, 'w/hotkeys/h'));
    const gone = await h.removeHotkeySeed({ hotkey: key.ss58, walletFileShown: shown }, ctx).catch((e: unknown) => e);
    expect((gone as AppFailure).appError.reason).toBe('file-changed-meanwhile');
    expect(await vault.hasSeed(key.ss58)).toBe(true);
    expect(forgetSessions).not.toHaveBeenCalled();
    // Back as it was: the file holds the seed, so it goes.
    await writeFile(path.join(walletsPath, 'w/hotkeys/h'), JSON.stringify(key.json), { mode: 0o600 });
    expect(await h.removeHotkeySeed({ hotkey: key.ss58, walletFileShown: shown }, ctx)).toEqual({ removed: true });
  });

  it("forgets the hotkey's sessions even when the removal fails after the seed went", async () => {
    const { h, forgetSessions } = handlers();
    const { hotkey, vault } = world;
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
    vi.spyOn(vault, 'removeSeed').mockImplementation((ss58) => {
      vault.seeds.delete(ss58);
      return Promise.reject(new AppFailure('conflict', 'The list of stored hotkeys is busy.', undefined, 'data-busy'));
    });
    await expect(h.removeHotkeySeed({ hotkey: hotkey.ss58 }, ctx)).rejects.toMatchObject({
      appError: { reason: 'data-busy' },
    });
    expect(forgetSessions).toHaveBeenCalledWith(hotkey.ss58, ['https://api.chutes.ai']);
    // A failure to forget does not hide the removal's own failure.
    forgetSessions.mockRejectedValueOnce(new AppFailure('keychain-unavailable', 'The keychain is locked.'));
    await expect(h.removeHotkeySeed({ hotkey: hotkey.ss58 }, ctx)).rejects.toMatchObject({
      appError: { reason: 'data-busy' },
    });
  });

  it('reports the removal as done when forgetting its sessions fails afterwards, and says why beside it', async () => {
    const { h, forgetSessions } = handlers();
    const { hotkey, vault } = world;
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
    forgetSessions.mockRejectedValueOnce(new AppFailure('keychain-unavailable', 'The keychain is locked.'));
    expect(await h.removeHotkeySeed({ hotkey: hotkey.ss58 }, ctx)).toEqual({
      removed: true,
      sessionProblem: 'The keychain is locked.',
    });
    expect(await vault.hasSeed(hotkey.ss58)).toBe(false);
    // The profiles the sessions are looked up by cannot be read: the seed is still gone, and said so.
    const other = await newHotkey();
    await vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'));
    vi.spyOn(world.store, 'list').mockRejectedValueOnce(
      new AppFailure('conflict', 'Your saved profiles are busy.', undefined, 'data-busy'),
    );
    expect(await h.removeHotkeySeed({ hotkey: other.ss58 }, ctx)).toEqual({
      removed: true,
      sessionProblem: 'Your saved profiles are busy.',
    });
    expect(await vault.hasSeed(other.ss58)).toBe(false);
  });

  it('does not go on to forget sessions when the keychain itself could not be used (no second unlock prompt)', async () => {
    const { h, forgetSessions } = handlers();
    const { hotkey, vault } = world;
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
    vi.spyOn(vault, 'removeSeed').mockRejectedValue(new AppFailure('keychain-unavailable', 'The keychain is locked.'));
    await expect(h.removeHotkeySeed({ hotkey: hotkey.ss58 }, ctx)).rejects.toMatchObject({
      appError: { code: 'keychain-unavailable' },
    });
    expect(forgetSessions).not.toHaveBeenCalled();
    expect(await vault.hasSeed(hotkey.ss58)).toBe(true);
  });
});

describe('adding a wallet hotkey to the keychain', () => {
  it('refuses when the file now holds another key than the row showed, storing nothing', async () => {
    const { h } = handlers();
    const { vault } = world;
    const shown = await makeKey();
    const now = await makeKey();
    const walletsPath = path.join(world.dir, 'wallets');
    // Another folder chosen in another window (or btcli regen_hotkey) since the row was read.
    await writeTree(walletsPath, [['mywallet/hotkeys/default', JSON.stringify(now.json)]]);
    const refused = await h
      .importHotkey({ walletId: 'mywallet', hotkeyId: 'default', expectedSs58: shown.ss58 }, ctx)
      .catch((e: unknown) => e);
    expect((refused as AppFailure).appError).toMatchObject({
      code: 'conflict',
      reason: 'file-changed-meanwhile',
      message: `The hotkey file mywallet/default now holds ${now.ss58}, not ${shown.ss58} as shown, so nothing was put in the keychain.`,
    });
    expect(await vault.listSeeds()).toEqual([]);
    const added = await h.importHotkey({ walletId: 'mywallet', hotkeyId: 'default', expectedSs58: now.ss58 }, ctx);
    expect(added).toMatchObject({ ss58: now.ss58, name: 'default' });
    expect(await vault.hasSeed(now.ss58)).toBe(true);
  });
});

describe('adding a hotkey file whose seed the keychain holds already', () => {
  it('keeps the name it was stored under and says it was there already', async () => {
    const { h } = handlers();
    const { vault } = world;
    const key = await makeKey();
    await vault.putSeed(key.ss58, key.seed, 'validator-hot');
    const file = path.join(world.dir, 'backup', 'default');
    await writeTree(path.dirname(file), [['default', JSON.stringify(key.json)]]);
    expect(await h.importHotkeyFile({ path: file }, ctx)).toEqual({
      ss58: key.ss58,
      name: 'validator-hot',
      alreadyInKeychain: true,
      permissions: null,
    });
    expect((await vault.listSeedLabels()).find((s) => s.ss58 === key.ss58)?.label).toBe('validator-hot');
    // A new one is listed under the file's name.
    const fresh = await makeKey();
    await writeTree(path.dirname(file), [['other', JSON.stringify(fresh.json)]]);
    expect(await h.importHotkeyFile({ path: path.join(path.dirname(file), 'other') }, ctx)).toMatchObject({
      name: 'other',
      alreadyInKeychain: false,
    });
    expect((await vault.listSeedLabels()).find((s) => s.ss58 === fresh.ss58)?.label).toBe('other');
  });
});
