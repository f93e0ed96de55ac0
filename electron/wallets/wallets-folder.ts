import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { errnoCode } from '../fs/errno';
import { fsFailure, shownPath, withFsErrors } from '../fs/fs-errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveUserPath } from '../fs/user-path';
import { log } from '../log';

/**
 * The wallets folder chosen in the app (Profiles & hotkeys → Change folder…), for people who start
 * the app from a menu and cannot set `BT_WALLET_PATH`. Kept in the data folder, which the window
 * and the web host share: each reads it when it looks for wallets, so a choice made in one is used
 * by the other at once. `--wallets-path` and `BT_WALLET_PATH` still win over it (app-config.ts).
 */
const FILE = 'wallets-folder.json';
/** Far more than a path needs; a bigger file is not ours. */
const MAX_BYTES = 16 * 1024;

const fileIn = (dataDir: string) => path.join(dataDir, FILE);

/** What the file says: a folder, a problem reading it (the default is used meanwhile), or nothing chosen. */
export type WalletsFolderChoice = { folder: string } | { problem: string } | null;

let cached: { file: string; stamp: string; choice: WalletsFolderChoice } | null = null;

function parseChoice(text: string): string {
  const value: unknown = JSON.parse(text);
  const folder = typeof value === 'object' && value !== null ? (value as { folder?: unknown }).folder : undefined;
  if (typeof folder !== 'string' || !path.isAbsolute(folder)) throw new Error('no absolute "folder" in it');
  return folder;
}

/** Why the file could not be used, in a few words for Settings and the wallets section. */
function problemOf(file: string, error: unknown): string {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') return `${shownPath(file)} could not be read: permission denied`;
  if (error instanceof SyntaxError) return `${shownPath(file)} is not valid JSON`;
  return `${shownPath(file)} could not be used: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The folder chosen in the app, or why the file saying so cannot be used, or null when none was
 * chosen. A choice that cannot be read is not "no choice": the default is used meanwhile, and the
 * screens say why (the problem is logged once). Synchronous and cheap: one stat, a read only when changed.
 */
export function readWalletsFolderChoice(dataDir: string): WalletsFolderChoice {
  const file = fileIn(dataDir);
  let stamp = '';
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) return null;
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (cached?.file === file && cached.stamp === stamp) return cached.choice;
    if (!st.isFile() || st.size > MAX_BYTES) throw new Error('not a small regular file');
    const choice = { folder: parseChoice(fs.readFileSync(file, 'utf8')) };
    cached = { file, stamp, choice };
    return choice;
  } catch (error) {
    // Said once per damaged version of the file (or per failing stat), not at every scan.
    if (stamp === '') stamp = `unreadable:${errnoCode(error) ?? 'unknown'}`;
    if (cached?.file === file && cached.stamp === stamp) return cached.choice;
    const choice = { problem: problemOf(file, error) };
    cached = { file, stamp, choice };
    log.warn(
      `chosen wallets folder ignored (${file}: ${error instanceof Error ? error.message : String(error)}); using the default`,
    );
    return choice;
  }
}

/** The chosen folder, or null when none was chosen or its file cannot be used (then the default applies). */
export function readChosenWalletsFolder(dataDir: string): string | null {
  const choice = readWalletsFolderChoice(dataDir);
  return choice && 'folder' in choice ? choice.folder : null;
}

/**
 * Choose `typed` (a full path, `~` allowed) as the wallets folder, or go back to the default with
 * null. The folder must exist and be a folder: a typo would otherwise show "no wallets" and look
 * like lost keys. Returns the folder now in use.
 */
export async function chooseWalletsFolder(dataDir: string, typed: string | null, home: string): Promise<string | null> {
  const file = fileIn(dataDir);
  if (typed === null) {
    try {
      await fs.promises.unlink(file);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw fsFailure(error, file, 'write');
    }
    return null;
  }
  const folder = resolveUserPath(typed, home, 'folder');
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(folder);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT')
      throw new AppFailure('not-found', `There is no folder at ${shownPath(folder)}.`, {
        fields: [{ path: 'path', message: 'No folder there' }],
        hint: 'Check the path; btcli keeps wallets in ~/.bittensor/wallets unless told otherwise.',
      });
    throw fsFailure(error, folder, 'read');
  }
  if (!st.isDirectory())
    throw new AppFailure('invalid-input', `${shownPath(folder)} is a file, not a folder.`, {
      fields: [{ path: 'path', message: 'A file, not a folder' }],
    });
  await refuseSingleWallet(folder);
  await withFsErrors(file, 'write', () => writeFileAtomic(file, `${JSON.stringify({ folder })}\n`));
  return folder;
}

/** What only a wallet's own folder holds (btcli's layout): the coldkey files and the hotkeys folder. */
const WALLET_PARTS: ReadonlyArray<{ name: string; folder: boolean }> = [
  { name: 'coldkeypub.txt', folder: false },
  { name: 'coldkey', folder: false },
  { name: 'hotkeys', folder: true },
];

async function isWallet(folder: string): Promise<boolean> {
  for (const name of ['coldkeypub.txt', 'coldkey', 'hotkeys']) {
    if (
      await fs.promises.lstat(path.join(folder, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

/**
 * One wallet's folder chosen instead of the folder of wallets: the scan would list its `hotkeys/`
 * as a wallet named "hotkeys" and none of its keys, which reads like lost keys. Refused, naming the
 * folder to choose instead.
 */
async function refuseSingleWallet(folder: string): Promise<void> {
  const found: string[] = [];
  for (const part of WALLET_PARTS) {
    // Unreadable or absent is "not found": the scan says what it cannot read, in its own words.
    const st = await fs.promises.lstat(path.join(folder, part.name)).catch(() => null);
    if (!st || (part.folder ? !st.isDirectory() : st.isDirectory())) continue;
    // A wallet that is itself named "hotkeys" has a wallet's own files inside: a folder of wallets.
    if (part.folder && (await isWallet(path.join(folder, part.name)))) continue;
    found.push(part.folder ? `${part.name}/` : part.name);
  }
  if (found.length === 0) return;
  const holds = found.length === 1 ? found.join('') : `${found.slice(0, -1).join(', ')} and ${found.at(-1) ?? ''}`;
  const wallet = path.basename(folder);
  const parent = path.dirname(folder);
  throw new AppFailure(
    'invalid-input',
    `${shownPath(folder)} is the wallet “${wallet}” itself (it holds ${holds}), not the folder of wallets.`,
    {
      fields: [{ path: 'path', message: `The wallet “${wallet}”: choose its parent, ${shownPath(parent)}` }],
      hint: `Choose the folder that holds it: ${parent}`,
    },
  );
}
