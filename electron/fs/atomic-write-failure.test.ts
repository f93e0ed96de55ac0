import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './atomic-write';

// Fault injection: the rename that publishes the temp file fails, as on a full or vanished disk.
const fault = vi.hoisted(() => ({ failRename: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    rename: (from: string, to: string) =>
      fault.failRename ? Promise.reject(Object.assign(new Error('injected EIO'), { code: 'EIO' })) : actual.rename(from, to),
  };
});

let dir: string | undefined;
afterEach(async () => {
  fault.failRename = false;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic under failure', () => {
  it('leaves the original intact and removes its temp file when the rename fails', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-fail-'));
    const target = path.join(dir, 'config.ini');
    await writeFile(target, 'original content\n', { mode: 0o600 });
    fault.failRename = true;
    await expect(writeFileAtomic(target, 'replacement\n')).rejects.toThrow('injected EIO');
    expect(await readFile(target, 'utf8')).toBe('original content\n');
    expect(await readdir(dir)).toEqual(['config.ini']);
  });

  it('creates nothing when a brand-new file cannot be published', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-fail-'));
    fault.failRename = true;
    await expect(writeFileAtomic(path.join(dir, 'new.ini'), 'x')).rejects.toThrow('injected EIO');
    expect(await readdir(dir)).toEqual([]);
  });
});
