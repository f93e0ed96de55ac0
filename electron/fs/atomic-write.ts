import { link, lstat, mkdir, open, realpath, rename, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { errnoCode } from './errno';
import { newTempPath, releaseTempPath, sweepStaleTempFiles } from './temp-files';

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
  /**
   * Create `filePath`, never replace it. The temp file is published with link(2), which fails with
   * an `EEXIST` error (left as Node's error, for the caller to word) if anything — file, folder,
   * dangling link — is at `filePath` by then, so a file that appears after the caller checked is
   * never clobbered. `symlink` does not apply: an existing link is simply `EEXIST`.
   */
  exclusive?: boolean;
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
      throw new AppFailure(
        'conflict',
        `${filePath} is a symbolic link; the app will not replace it. Choose the file it points to instead.`,
      );
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

/** link(2) errors meaning "this filesystem has no hard links" (FAT, exFAT, some network mounts). */
export const NO_HARD_LINKS: readonly string[] = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'];

/** Write, force 0600, fsync, close. The umask can only remove bits, but an inherited ACL or odd umask could leave it looser. */
async function writePrivateAndClose(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  try {
    await handle.writeFile(data);
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Exclusive create with plain writes, for filesystems without hard links: still never replaces
 * anything (`wx`), but a crash mid-write can leave a short file behind.
 */
async function writeNewFile(target: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(target, 'wx', PRIVATE_FILE_MODE);
  let done = false;
  try {
    await writePrivateAndClose(handle, data);
    done = true;
  } finally {
    // `wx` succeeded, so this file is ours: never leave half of it.
    if (!done) await unlink(target).catch(() => undefined);
  }
}

/** Publish the finished temp file at `target` unless something is there already (EEXIST). */
async function publishExclusive(tempPath: string, target: string, data: string | Uint8Array): Promise<void> {
  try {
    await link(tempPath, target);
  } catch (error) {
    if (!NO_HARD_LINKS.includes(errnoCode(error) ?? '')) throw error;
    await writeNewFile(target, data);
  }
}

/**
 * Replace `filePath` with `data` so readers see either the old or the new file, never half of one:
 * temp file in the same directory (same filesystem, so rename is atomic), exclusive create (a
 * pre-planted temp name or link is never followed), fsync, rename, fsync of the directory.
 * With `exclusive`, the temp file is hard-linked at `filePath` instead of renamed over it, then
 * removed. The result is always mode 0600; missing parent directories are created 0700, and removed
 * again when the write fails.
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  const absolute = path.resolve(filePath);
  const parent = path.dirname(absolute);
  // The first folder mkdir created, if any: removed again if the write fails, so a failed export leaves nothing behind.
  const created = await mkdir(parent, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    return await writeInto(absolute, data, options);
  } catch (error) {
    if (created !== undefined) await removeCreatedFolders(parent, created);
    throw error;
  }
}

/** rmdir from `deepest` up to and including `top`, stopping at the first that is not empty. */
async function removeCreatedFolders(deepest: string, top: string): Promise<void> {
  for (let dir = deepest; ; dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    if (dir === top || path.dirname(dir) === dir) return;
  }
}

async function writeInto(
  absolute: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<AtomicWriteResult> {
  const exclusive = options.exclusive === true;
  const target = exclusive ? absolute : await resolveTarget(absolute, options.symlink ?? 'refuse');
  const dir = path.dirname(target);
  // Temp files a killed writer left here may hold a seed; this write is the next chance to remove them.
  await sweepStaleTempFiles(dir, target);
  const tempPath = newTempPath(target);

  let handle: FileHandle;
  try {
    handle = await open(tempPath, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    // Not created, so not ours to remove.
    releaseTempPath(tempPath);
    throw error;
  }
  let published = false;
  try {
    await writePrivateAndClose(handle, data);
    if (exclusive) await publishExclusive(tempPath, target, data);
    else await rename(tempPath, target);
    published = true;
  } finally {
    if (!published) await unlink(tempPath).catch(() => undefined);
    if (!published || !exclusive) releaseTempPath(tempPath);
  }
  if (exclusive) {
    // The target is written; the temp name must not stay behind as a second copy (it may hold a seed).
    try {
      await unlink(tempPath);
      releaseTempPath(tempPath);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') {
        throw new AppFailure(
          'forbidden',
          `${target} was written, but its temporary copy ${tempPath} could not be removed (${errnoCode(error) ?? 'unknown error'}). Delete that file: it holds the same content.`,
        );
      }
      releaseTempPath(tempPath);
    }
  }
  await fsyncDir(dir);
  return { path: target };
}
