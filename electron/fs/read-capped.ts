import { open } from 'node:fs/promises';
import { AppFailure } from '../../shared/errors';
import { errnoCode } from './errno';

/** A CLI config is a few hundred bytes; anything past this is not one, and reading it whole would be waste. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface CappedFile {
  text: string;
  /** Permission bits as found (`stat.mode & 0o777`), before anything of ours touched the file. */
  mode: number;
  size: number;
}

/**
 * Read a small UTF-8 text file, refusing oversize or non-regular files with a specific message.
 * Mode and content come from the same open handle, so they describe the same file.
 */
export async function readTextFileCapped(filePath: string, maxBytes: number = MAX_CONFIG_BYTES): Promise<CappedFile> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') throw new AppFailure('not-found', `There is no file at ${filePath}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppFailure('forbidden', `The app is not allowed to read ${filePath}.`);
    if (code === 'EISDIR') throw new AppFailure('invalid-input', `${filePath} is a folder, not a file.`);
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppFailure('invalid-input', `${filePath} is not a regular file.`);
    if (stat.size > maxBytes) {
      throw new AppFailure('payload-too-large', `${filePath} is ${stat.size} bytes; config files over ${maxBytes} bytes are refused.`);
    }
    // Read at most one byte past the cap so a file that grows after the stat is still caught.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) {
        throw new AppFailure('payload-too-large', `${filePath} is larger than ${maxBytes} bytes; config files that big are refused.`);
      }
    }
    const text = buffer.subarray(0, length).toString('utf8');
    buffer.fill(0);
    return { text, mode: stat.mode & 0o777, size: length };
  } finally {
    await handle.close();
  }
}
