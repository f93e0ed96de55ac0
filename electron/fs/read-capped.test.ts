import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { readTextFileCapped } from './read-capped';
import { makeSpecialFiles, within, type SpecialFiles } from './special-files.test-helper';

const posix = process.platform !== 'win32';
let special: SpecialFiles;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'read-capped-'));
  if (posix) special = await makeSpecialFiles(path.join(root, 'special'));
});
afterAll(async () => {
  await special?.release();
  await rm(root, { recursive: true, force: true });
});

describe.runIf(posix)('readTextFileCapped on paths that are not plain files', () => {
  it('answers at once for each, with a typed failure that names the path and is never internal', async () => {
    for (const [name, target] of Object.entries(special.paths)) {
      const error: unknown = await within(readTextFileCapped(target), 2000, name).then(
        () => new Error(`${name} was read as a config`),
        (e: unknown) => e,
      );
      // /proc/self/mem, /dev/null and the like read as empty or fail; either way a typed failure or an empty text.
      if (!(error instanceof AppFailure)) throw new Error(`${name}: ${String(error)}`);
      expect(error.appError.code, name).not.toBe('internal');
      expect(error.appError.message.length, name).toBeLessThan(400);
    }
  }, 30_000);

  it('names FIFOs, sockets and devices as such', async () => {
    await expect(readTextFileCapped(special.fifo)).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        message: expect.stringMatching(/named pipe \(FIFO\), not a regular file/) as unknown,
      },
    });
    await expect(readTextFileCapped(special.fifoLink)).rejects.toMatchObject({
      appError: { code: 'invalid-input', message: expect.stringMatching(/FIFO/) as unknown },
    });
    await expect(readTextFileCapped('/dev/zero')).rejects.toMatchObject({
      appError: { message: '/dev/zero is a device, not a regular file.' },
    });
    await expect(readTextFileCapped(special.loop)).rejects.toMatchObject({
      appError: { code: 'invalid-input', message: expect.stringMatching(/Symbolic link loop/) as unknown },
    });
    await expect(readTextFileCapped(path.join(special.plainFile, 'x'))).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        message: expect.stringMatching(/a part of the path is a file, not a folder/) as unknown,
      },
    });
    await expect(readTextFileCapped(special.paths['name of 300 characters'] ?? '')).rejects.toMatchObject({
      appError: { code: 'invalid-input', message: expect.stringMatching(/path is too long/) as unknown },
    });
  });
});
