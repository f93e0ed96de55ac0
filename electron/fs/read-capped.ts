import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppFailure } from '../../shared/errors';
import { fsFailure, isSystemError, shownPath } from './fs-errors';

/** A CLI config is a few hundred bytes; anything past this is not one, and reading it whole would be waste. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Flags for every file opened on request. O_NONBLOCK: opening a FIFO (or a symlink to one) without
 * a writer would otherwise park a libuv thread forever, and four of those stall all file I/O of
 * the process; reads of a tty or /proc/kmsg fail with EAGAIN instead of waiting. O_NOCTTY: opening
 * a terminal must never make it ours. Regular files are unaffected by either.
 */
export const NONBLOCKING_READ_FLAGS =
  process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

export interface CappedBytes {
  bytes: Buffer;
  /** Permission bits as found (`stat.mode & 0o777`), before anything of ours touched the file. */
  mode: number;
  size: number;
}

export interface CappedFile {
  text: string;
  mode: number;
  size: number;
}

interface CapOptions {
  /** Names the kind of file in the too-large message ("config files"). */
  what?: string;
}

function kindName(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

async function readAll(
  handle: FileHandle,
  filePath: string,
  sizeHint: number,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  // One byte past the promised size, so a file that grew after the stat (or lies about its size,
  // like /proc) is noticed; grown in steps up to one byte past the cap, which is refused.
  let buffer = Buffer.alloc(Math.min(sizeHint, maxBytes) + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > maxBytes) {
      buffer.fill(0);
      throw new AppFailure(
        'payload-too-large',
        `${shownPath(filePath)} is larger than ${maxBytes} bytes; ${what} that big are refused.`,
      );
    }
    if (length === buffer.length) {
      const bigger = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger);
      buffer.fill(0);
      buffer = bigger;
    }
  }
  const bytes = Buffer.from(buffer.subarray(0, length));
  buffer.fill(0);
  return bytes;
}

/**
 * Run `read` on a file opened without blocking and checked to be a regular file through the same
 * handle (so a FIFO, socket, tty or device swapped in is refused, never waited on). Every failure
 * is a typed `AppFailure` naming the path; the handle is closed whatever happens.
 */
export async function withRegularFile<T>(
  filePath: string,
  read: (handle: FileHandle, stat: Stats) => Promise<T>,
): Promise<T> {
  let handle: FileHandle;
  try {
    handle = await open(filePath, NONBLOCKING_READ_FLAGS);
  } catch (error) {
    if (isSystemError(error)) throw fsFailure(error, filePath, 'read');
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      const kind = kindName(stat);
      throw new AppFailure(
        'invalid-input',
        `${shownPath(filePath)} is ${kind === 'not a regular file' ? kind : `${kind}, not a regular file`}.`,
      );
    }
    return await read(handle, stat);
  } catch (error) {
    if (isSystemError(error)) throw fsFailure(error, filePath, 'read');
    throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The one way to read a file named in a request (`withRegularFile`), up to `maxBytes`. */
export async function readFileCapped(
  filePath: string,
  maxBytes: number,
  options: CapOptions = {},
): Promise<CappedBytes> {
  const what = options.what ?? 'files';
  return withRegularFile(filePath, async (handle, stat) => {
    if (stat.size > maxBytes) {
      throw new AppFailure(
        'payload-too-large',
        `${shownPath(filePath)} is ${stat.size} bytes; ${what} over ${maxBytes} bytes are refused.`,
      );
    }
    const bytes = await readAll(handle, filePath, stat.size, maxBytes, what);
    return { bytes, mode: stat.mode & 0o777, size: bytes.length };
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A small UTF-8 text file (a CLI config): `readFileCapped`, decoded. */
export async function readTextFileCapped(filePath: string, maxBytes: number = MAX_CONFIG_BYTES): Promise<CappedFile> {
  const file = await readFileCapped(filePath, maxBytes, { what: 'config files' });
  let text: string;
  try {
    // Strict: a lenient decode would turn stray bytes into U+FFFD, and an edit would write those back.
    text = UTF8.decode(file.bytes);
  } catch {
    throw new AppFailure(
      'invalid-input',
      `${shownPath(filePath)} is not valid UTF-8 text, so the app will not read or change it (the chutes CLI cannot read such a config either).`,
    );
  } finally {
    file.bytes.fill(0);
  }
  return { text, mode: file.mode, size: file.size };
}
