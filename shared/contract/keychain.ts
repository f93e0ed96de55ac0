import { z } from 'zod';
import type { ImportedHotkey, KeychainStatus, SeedCopy } from '../keychain';
import { entryId, localPath, ss58Address } from '../validation';
import { empty, returns, slice } from './define';

/** Keychain custody. Seeds travel from files to the keychain inside main only. */
export const keychainContract = slice({
  keychainStatus: { input: empty, result: returns<KeychainStatus>() },
  importHotkey: {
    /** `expectedSs58`: the address the row showed; refused when the file holds another key by now. */
    input: z.object({ walletId: entryId, hotkeyId: entryId, expectedSs58: ss58Address }).strict(),
    result: returns<ImportedHotkey>(),
  },
  importHotkeyFile: { input: z.object({ path: localPath }).strict(), result: returns<ImportedHotkey>() },
  /** Before a seed is removed: the config files the app knows of that still hold it. */
  seedCopies: { input: z.object({ hotkey: ss58Address }).strict(), result: returns<SeedCopy[]>() },
  removeHotkeySeed: {
    input: z
      .object({
        hotkey: ss58Address,
        /** The config files the user was told still hold the seed, instead of confirming a copy: one still must. */
        copiesShown: z.array(localPath).max(100).optional(),
        /** The hotkey file the user was told still holds the seed: it still must, checked when removing. */
        walletFileShown: z.object({ walletId: entryId, hotkeyId: entryId }).strict().optional(),
      })
      .strict(),
    /** `sessionProblem`: the seed is gone, but its sign-in sessions could not be dropped (why). */
    result: returns<{ removed: boolean; sessionProblem?: string }>(),
  },
});
