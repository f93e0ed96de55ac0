import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { errnoCode } from './errno';

/** Private files only: seeds and account ids must never be readable by other local users. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export interface AtomicWriteOptions {
  /**
   * What to do when `filePath` is a symbolic link. `refuse` (default) throws `conflict`, so a link
   * planted where we expect a plain file cannot redirect the write. `follow` writes the link's
   * final target atomically and leaves the link in place — for files the user explicitly pointed
   * us at, such as a CLI config kept in a dotfiles repository.
   */
  symlink?: 'refuse' | 'follow';
}

export interface AtomicWriteResult {
  /** The file actually replaced (the link target when a symlink was followed). */
  path: string;
}

async function resolveTarget(filePath: string, policy: 'refuse' | 'follow'): Promise<string> {
  let stat;
  try {
    stat = await lstat(filePath);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return filePath;
    throw error;
  }
  if (stat.isSymbolicLink()) {
    if (policy === 'refuse') {
      throw new AppFailure('conflict', `${filePath} is a symbolic link; the app will not replace it. Choose the file it points to instead.`);
    }
    return realpath(filePath);
  }
  if (!stat.isFile()) throw new AppFailure('conflict', `${filePath} exists and is not a regular file.`);
  return filePath;
}

/** Best effort: makes the rename itself durable. Windows cannot open directories, so it is skipped there. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some filesystems (network mounts, FUSE) refuse fsync on directories; the data itself is synced.
    if (!['EINVAL', 'ENOTSUP', 'EPERM', 'EISDIR', 'EBADF'].includes(errnoCode(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replace `filePath` with `data` so readers see either the old or the new file, never half of one:
 * temp file in the same directory (same filesystem, so rename is atomic), exclusive create (a
 * pre-planted temp name or link is never followed), fsync, rename, fsync of the directory.
 * The result is always mode 0600; missing parent directories are created 0700.
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  const absolute = path.resolve(filePath);
  await mkdir(path.dirname(absolute), { recursive: true, mode: PRIVATE_DIR_MODE });
  const target = await resolveTarget(absolute, options.symlink ?? 'refuse');
  const dir = path.dirname(target);
  const tempPath = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);

  const handle = await open(tempPath, 'wx', PRIVATE_FILE_MODE);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      // The umask can only remove bits, but an inherited ACL or odd umask could leave it looser.
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, target);
    renamed = true;
  } finally {
    if (!renamed) await unlink(tempPath).catch(() => undefined);
  }
  await fsyncDir(dir);
  return { path: target };
}
