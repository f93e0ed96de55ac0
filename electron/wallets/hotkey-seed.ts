import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { errnoCode } from '../fs/errno';
import { shownPath } from '../fs/fs-errors';
import { bytesEqual } from '../signer/bytes';
import { loadPublicKeyDeriver } from '../signer/sr25519';
import { locateHotkey, type DiscoverSeams } from './discover';
import { describeFsError } from './fs-messages';
import { MAX_KEYFILE_BYTES, parseHotkeyContent } from './keyfile';
import { chmodPrivate } from './permissions';
import type { FilePermissions } from '../../shared/wallets';
import { createWalletFs, type WalletFs } from './wallet-fs';

/**
 * Main-process only: the seed leaves this module solely to be put into the keychain. Never send
 * these results over IPC. Callers should `seed.fill(0)` once the keychain has it.
 */
export interface HotkeySeed {
  ss58: string;
  seed: Uint8Array;
}

export interface HotkeyFileSeed extends HotkeySeed {
  /** The file name without a `.json`/`.txt` extension, to prefill the name field. */
  suggestedName: string;
}

/** Read, parse and fully verify one hotkey file (sr25519 derivation must give its ss58Address). */
async function readVerifiedSeed(target: Buffer, fs: WalletFs): Promise<HotkeySeed> {
  let read;
  try {
    read = fs.readCapped(target, MAX_KEYFILE_BYTES);
  } catch (error) {
    // The path as resolved (`~` expanded, made absolute): what was looked for, not what was typed.
    if (errnoCode(error) === 'ENOENT')
      throw new AppFailure('not-found', `There is no hotkey file at ${shownPath(target.toString())}.`);
    throw new AppFailure('invalid-input', `The hotkey file cannot be read: ${describeFsError(error)}`);
  }
  if (read.kind === 'not-a-file') throw new AppFailure('invalid-input', 'That is not a regular file.');
  if (read.kind === 'too-large') {
    throw new AppFailure(
      'invalid-input',
      `The file is larger than ${MAX_KEYFILE_BYTES / 1024} KiB; it is not a hotkey file.`,
    );
  }
  const parsed = parseHotkeyContent(read.bytes);
  read.bytes.fill(0);
  if (parsed.status !== 'ok' || !parsed.seed || !parsed.publicKey || !parsed.ss58) {
    parsed.seed?.fill(0);
    throw new AppFailure('invalid-input', parsed.message ?? 'Not a usable hotkey file.');
  }
  const derive = await loadPublicKeyDeriver();
  if (!bytesEqual(derive(parsed.seed), parsed.publicKey)) {
    parsed.seed.fill(0);
    throw new AppFailure('invalid-input', "The file's secretSeed does not belong to its ss58Address.", {
      hint: 'The file is inconsistent; regenerate it with btcli (regen-hotkey) before importing.',
    });
  }
  return { ss58: parsed.ss58, seed: parsed.seed };
}

/** The seed of a discovered hotkey, addressed by the ids from `discoverWallets`. */
export async function readHotkeySeed(
  walletsPath: string,
  walletId: string,
  hotkeyId: string,
  seams: DiscoverSeams = {},
): Promise<HotkeySeed> {
  const located = await locateHotkey(walletsPath, walletId, hotkeyId, seams);
  return readVerifiedSeed(located.path, seams.fs ?? createWalletFs());
}

/** A hotkey JSON file the user picked in a file dialog (any location). */
export async function readHotkeyFile(filePath: string, seams: DiscoverSeams = {}): Promise<HotkeyFileSeed> {
  const target = path.resolve(filePath);
  const result = await readVerifiedSeed(Buffer.from(target), seams.fs ?? createWalletFs());
  const suggestedName = path.basename(target).replace(/\.(json|txt)$/i, '') || 'hotkey';
  return { ...result, suggestedName };
}

/**
 * The row the user acted on showed `shown`, but the file holds `now` (another folder chosen in
 * another window, or the file rewritten since the list was read): refused, so that the action never
 * lands on a key the user did not see.
 */
export function hotkeyFileChanged(where: string, now: string | null, shown: string, notDone: string): AppFailure {
  return new AppFailure(
    'conflict',
    `The hotkey file ${where} now holds ${now ?? 'no readable address'}, not ${shown} as shown, so ${notDone}.`,
    { hint: 'The wallets were read again: check the address shown now, then try again.' },
    'file-changed-meanwhile',
  );
}

/**
 * chmod 0600 a discovered hotkey file, addressed by ids; refuses symlinks, and a file that no
 * longer holds the address the row showed (`expectedSs58`; null: the row showed none).
 */
export async function fixHotkeyPermissions(
  walletsPath: string,
  walletId: string,
  hotkeyId: string,
  expectedSs58: string | null,
  seams: DiscoverSeams = {},
): Promise<FilePermissions> {
  const located = await locateHotkey(walletsPath, walletId, hotkeyId, seams);
  if (expectedSs58 !== null && located.entry.ss58 !== expectedSs58)
    throw hotkeyFileChanged(`${walletId}/${hotkeyId}`, located.entry.ss58, expectedSs58, 'it was left as it was');
  return chmodPrivate(located.path, seams.platform);
}
