import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { setLogSink } from '../log';
import { createProfileStore, type ProfileStore } from './profile-store';

export interface TestHotkey {
  /** 64 hex characters, no 0x: the CLI's `hotkey_seed`. */
  seedHex: string;
  ss58: string;
}

/** A real sr25519 hotkey, independent of the code under test's derivation. */
export async function newHotkey(seed: Uint8Array = randomAsU8a(32)): Promise<TestHotkey> {
  await cryptoWaitReady();
  const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromSeed(seed);
  return { seedHex: Buffer.from(seed).toString('hex'), ss58: pair.address };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chutes-profiles-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** What every profiles test starts from: a quiet log, a temp dir, a memory vault, a store and a hotkey. */
export interface ProfileWorld {
  dir: string;
  vault: MemorySeedVault;
  store: ProfileStore;
  hotkey: TestHotkey;
  /** Restores the log sink and removes the temp dir. */
  dispose(): Promise<void>;
}

export async function profileWorld(): Promise<ProfileWorld> {
  const restoreSink = setLogSink(() => undefined);
  const { dir, cleanup } = await tempDir();
  const vault = new MemorySeedVault();
  return {
    dir,
    vault,
    store: createProfileStore({ dataDir: path.join(dir, 'data') }),
    hotkey: await newHotkey(),
    dispose: async () => {
      setLogSink(restoreSink);
      await cleanup();
    },
  };
}

export const USER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const PAYMENT = '5EYCAe5ijiYfyeZ2JJCGq56LmPyNRAKzpG4QkoQkkQNB5e6Z';

/** A config.ini as `chutes register` writes it, plus optional extra text (unknown sections, comments). */
export function cliConfigText(
  hotkey: TestHotkey,
  options: { baseUrl?: string; seed?: string | null; extra?: string } = {},
): string {
  const seed = options.seed === undefined ? hotkey.seedHex : options.seed;
  return [
    '[api]',
    `base_url = ${options.baseUrl ?? 'https://api.chutes.ai'}`,
    '',
    '[auth]',
    'username = alice_dev',
    `user_id = ${USER_ID}`,
    ...(seed === null ? [] : [`hotkey_seed = ${seed}`]),
    'hotkey_name = default',
    `hotkey_ss58address = ${hotkey.ss58}`,
    '',
    '[payment]',
    `address = ${PAYMENT}`,
    '',
    ...(options.extra === undefined ? [] : [options.extra]),
  ].join('\n');
}
