import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { chmodPrivate } from './permissions';

// Filesystem errors while fixing permissions are named, never `internal`.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perm-errors-'));
  await writeFile(path.join(dir, 'file'), 'x');
  await symlink(path.join(dir, 'loop'), path.join(dir, 'loop'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(process.platform !== 'win32')('chmodPrivate on paths that cannot be inspected', () => {
  it('answers with a specific typed failure', async () => {
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'file', 'x'), /Not a folder/],
      [path.join(dir, 'loop', 'x'), /Symbolic link loop/],
      [path.join(dir, 'n'.repeat(300)), /path is too long/],
    ];
    for (const [target, message] of cases) {
      const error: unknown = await chmodPrivate(target).catch((e: unknown) => e);
      expect(error, target).toBeInstanceOf(AppFailure);
      const { appError } = error as AppFailure;
      expect(appError.code, target).not.toBe('internal');
      expect(appError.message, target).toMatch(message);
    }
  });
});
