import { shellQuote } from '../../shared/shell-quote';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { errnoCode } from '../fs/errno';
import { describeFsError, fsErrorCode, shownPath } from '../fs/fs-errors';
import { log } from '../log';
import { MAX_KEYFILE_BYTES } from './keyfile';
import type { ConfigPermissions, FilePermissions } from '../../shared/wallets';
import { createWalletFs } from './wallet-fs';

/**
 * Permission checks for files holding a plain-text seed (hotkey files, the CLI's config.ini) and
 * the one write this module ever makes near wallet files: chmod 0600, only when the user asks.
 */
export const PRIVATE_MODE = 0o600;

export function describePermissions(
  mode: number | null,
  holdsSecret: boolean | null,
  platform: NodeJS.Platform = process.platform,
): FilePermissions {
  // Windows reports synthetic modes (0o666/0o444) that say nothing about ACLs.
  if (platform === 'win32' || mode === null) return { status: 'unknown', mode: null };
  const bits = mode & 0o777;
  if (holdsSecret === null) return { status: 'unknown', mode: bits };
  if ((bits & 0o077) === 0) return { status: 'private', mode: bits };
  return { status: holdsSecret ? 'too-open' : 'not-secret', mode: bits };
}

/**
 * Whether the file holds a `hotkey_seed` with a value, in any section: the warning is about a seed
 * others can read, wherever it sits — under a header with a comment after it, in [DEFAULT] (which
 * the CLI reads too), with lone-CR line ends, or on a continuation line.
 */
export function configHoldsSeed(text: string): boolean {
  return /^[ \t]*hotkey_seed[ \t]*[=:][ \t]*(\S|\n[ \t]+\S)/im.test(text.replace(/\r\n?/g, '\n'));
}

export function checkConfigPermissions(
  configPath: string,
  platform: NodeJS.Platform = process.platform,
): ConfigPermissions {
  const target = path.resolve(configPath);
  const missing: ConfigPermissions = {
    path: target,
    exists: false,
    holdsSeed: false,
    permissions: describePermissions(null, null, platform),
  };
  let read;
  try {
    read = createWalletFs().readCapped(Buffer.from(target), MAX_KEYFILE_BYTES);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return missing;
    return { ...missing, exists: true };
  }
  if (read.kind === 'not-a-file') return missing;
  if (read.kind === 'too-large')
    return { ...missing, exists: true, permissions: describePermissions(read.mode, null, platform) };
  const holdsSeed = configHoldsSeed(read.bytes.toString('utf8'));
  read.bytes.fill(0);
  return { path: target, exists: true, holdsSeed, permissions: describePermissions(read.mode, holdsSeed, platform) };
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * The app changes the mode of the file it was shown, never of whatever a link points to (which
 * could be swapped between check and change). Where the link leads, and the one command that
 * does it, are said instead: a dotfiles user's config is often such a link.
 */
function throughLink(target: string | Buffer): AppFailure {
  const shown = Buffer.isBuffer(target) ? target.toString('utf8') : target;
  let points = '';
  try {
    points = fs.realpathSync(target).toString();
  } catch {
    // a dangling link: nothing to name
  }
  return new AppFailure(
    'forbidden',
    `${shown} is a symbolic link${points ? ` to ${points}` : ''}, and the app does not change permissions through links.`,
    {
      hint: points
        ? `Make the file itself private: chmod 600 ${shellQuote(points)}`
        : 'Make the file the link points to private (chmod 600).',
    },
  );
}

/**
 * Why the mode of a file could not be changed, with the way to do it by hand: chmod needs the
 * file's owner (or root) and a disk that can be written, and both are ordinary states of a wallets
 * folder (restored from a backup as root, on a mounted read-only disk), not bugs of the app.
 */
function chmodFailure(error: unknown, target: string | Buffer, ownerUid: number): AppFailure {
  const full = Buffer.isBuffer(target) ? target.toString('utf8') : target;
  const shown = shownPath(full);
  const errno = errnoCode(error);
  const command = `chmod 600 ${shellQuote(full)}`;
  if (errno === 'EROFS')
    return new AppFailure('forbidden', `${shown} is on a read-only disk, so its permissions cannot be changed.`, {
      hint: `Mount the disk read-write and try again, or run ${command} where it is writable.`,
    });
  if (errno === 'EPERM' || errno === 'EACCES') {
    const me = process.getuid?.();
    if (me !== undefined && me !== ownerUid)
      return new AppFailure(
        'forbidden',
        `${shown} belongs to another user (uid ${ownerUid}), so the app cannot change its permissions.`,
        { hint: `Make it private as its owner, or with: sudo ${command}` },
      );
    return new AppFailure('forbidden', `The system refused to change the permissions of ${shown}.`, {
      hint: `The file may be immutable (lsattr shows an i) or on a disk that does not keep Unix permissions (a Windows or network share). Running ${command} in a terminal says why.`,
    });
  }
  return new AppFailure(
    fsErrorCode(error),
    `The permissions of ${shown} could not be changed: ${describeFsError(error)}`,
  );
}

/**
 * chmod 0600 on an exact file: never through a symlink (lstat + O_NOFOLLOW, so a link swapped in
 * between is still refused), and only for paths the caller has already tied to a scanned hotkey.
 */
export async function chmodPrivate(
  target: string | Buffer,
  platform: NodeJS.Platform = process.platform,
): Promise<FilePermissions> {
  if (platform === 'win32') {
    throw new AppFailure('invalid-input', 'File permissions cannot be tightened this way on Windows.', {
      hint: 'Use the file’s Properties → Security tab to limit access to your own account.',
    });
  }
  const st = await fs.promises.lstat(target).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') throw new AppFailure('not-found', 'The file could not be found.');
    throw new AppFailure(fsErrorCode(error), `The file could not be inspected: ${describeFsError(error)}`);
  });
  if (st.isSymbolicLink()) throw throughLink(target);
  if (!st.isFile()) throw new AppFailure('invalid-input', 'Only regular files can be fixed.');
  const flags = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;
  const handle = await fs.promises.open(target, flags).catch((error: unknown) => {
    if (errnoCode(error) === 'ELOOP') throw throughLink(target);
    throw new AppFailure(
      fsErrorCode(error),
      `The file could not be opened to fix its permissions: ${describeFsError(error)}`,
    );
  });
  try {
    const opened = await handle.stat();
    if (opened.ino !== st.ino || opened.dev !== st.dev)
      throw new AppFailure('conflict', 'The file changed while fixing it; try again.');
    await handle.chmod(PRIVATE_MODE).catch((error: unknown) => {
      throw chmodFailure(error, target, opened.uid);
    });
    const after = await handle.stat();
    // The only write this module makes: leave an audit line (modes only, no path or contents).
    log.info(
      `tightened a seed file's permissions from ${(opened.mode & 0o777).toString(8)} to ${(after.mode & 0o777).toString(8)}`,
    );
    return describePermissions(after.mode, true, platform);
  } finally {
    await handle.close();
  }
}

export interface FixScope {
  walletsPath: string;
  /** The CLI config.ini the app knows about; the only allowed target outside walletsPath. */
  configPath?: string;
}

/** Tighten a seed-holding file to 0600; refuses anything outside `scope` and symlinks. */
export async function fixPermissions(
  filePath: string,
  scope: FixScope,
  platform: NodeJS.Platform = process.platform,
): Promise<FilePermissions> {
  const target = path.resolve(filePath);
  const allowed =
    (scope.configPath !== undefined && target === path.resolve(scope.configPath)) ||
    isInside(path.resolve(scope.walletsPath), target);
  if (!allowed)
    throw new AppFailure('forbidden', 'Only files inside the wallets folder or the Chutes config file can be fixed.');
  return chmodPrivate(target, platform);
}
