import { AppFailure, type ErrorCode } from '../../shared/errors';
import { errnoCode } from './errno';

/**
 * The one mapping from a failed filesystem call (errno) to words a user can act on. Messages
 * never include file contents; callers add the path where it helps.
 */
const MESSAGES: Record<string, string> = {
  EACCES: 'Permission denied.',
  EPERM: 'Permission denied.',
  EROFS: 'The disk is read-only.',
  ELOOP: 'Symbolic link loop.',
  ENOTDIR: 'Not a folder.',
  EISDIR: 'Is a folder, not a file.',
  ENAMETOOLONG: 'The path is too long.',
  EIO: 'Input/output error from the disk.',
  ENXIO: 'Not a file: nothing can be read there (a socket or a device without a reader).',
  ENODEV: 'Not a file: it is a device.',
  EAGAIN: 'Not a file: reading it would have to wait for data.',
  EWOULDBLOCK: 'Not a file: reading it would have to wait for data.',
  EINVAL: 'That kind of file cannot be read or written this way.',
  EBUSY: 'The file is busy (in use by the system).',
  ETXTBSY: 'The file is busy (a running program).',
  EEXIST: 'Something already exists with that name.',
  ENOSPC: 'The disk is full.',
  EDQUOT: 'The disk quota is used up.',
  EFBIG: 'The file is too large.',
  EMFILE: 'Too many files are open; try again.',
  ENFILE: 'Too many files are open; try again.',
  EXDEV: 'The file is on another disk.',
};

/** A short sentence for a failed filesystem call; never includes the path or file contents. */
export function describeFsError(error: unknown, viaSymlink = false): string {
  const code = errnoCode(error);
  if (code === 'ENOENT') return viaSymlink ? 'Broken symbolic link.' : 'It disappeared while being read.';
  if (code !== undefined && MESSAGES[code] !== undefined) return MESSAGES[code];
  return code ? `Could not be read (${code}).` : 'Could not be read.';
}

/**
 * An operating-system error (ENOENT, ELOOP…), as opposed to Node's own argument errors (ERR_*) or
 * ours. libuv names errors it has no name for `UNKNOWN` (on Windows: a cloud placeholder, an
 * antivirus lock), and a failed system call always carries `syscall`.
 */
export function isSystemError(error: unknown): boolean {
  const code = errnoCode(error);
  if (error instanceof AppFailure || code === undefined || code.startsWith('ERR_')) return false;
  return /^(E[A-Z0-9]+|UNKNOWN)$/.test(code) || typeof (error as { syscall?: unknown }).syscall === 'string';
}

/** The error code for a system error: missing → not-found, refused → forbidden, taken → conflict, else invalid-input. */
export function fsErrorCode(error: unknown): ErrorCode {
  const errno = errnoCode(error);
  if (errno === 'ENOENT') return 'not-found';
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return 'forbidden';
  if (errno === 'EEXIST') return 'conflict';
  return 'invalid-input';
}

/** Long paths (up to 4096 characters) would drown the message; keep both ends. */
export function shownPath(filePath: string, max = 160): string {
  return filePath.length <= max ? filePath : `${filePath.slice(0, 60)}…${filePath.slice(-(max - 61))}`;
}

const NOT_FOUND: Record<'read' | 'write', string> = {
  read: 'There is no file at',
  write: 'A folder on the way does not exist:',
};

/** A typed failure for a system error met while reading or writing `filePath`. */
export function fsFailure(error: unknown, filePath: string, action: 'read' | 'write'): AppFailure {
  const errno = errnoCode(error);
  const where = shownPath(filePath);
  if (errno === 'ENOENT') return new AppFailure('not-found', `${NOT_FOUND[action]} ${where}.`);
  if (errno === 'ENOTDIR')
    return new AppFailure('invalid-input', `${where}: a part of the path is a file, not a folder.`);
  const verb = action === 'read' ? 'could not be read' : 'could not be written';
  return new AppFailure(fsErrorCode(error), `${where} ${verb}: ${describeFsError(error)}`);
}

/** Run `task`; a system error from it becomes the specific `fsFailure` for `filePath`. */
export async function withFsErrors<T>(filePath: string, action: 'read' | 'write', task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (isSystemError(error)) throw fsFailure(error, filePath, action);
    throw error;
  }
}
