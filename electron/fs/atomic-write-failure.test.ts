import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './atomic-write';

// Fault injection: the rename or link that publishes the temp file fails, as on a full or vanished
// disk or a filesystem without hard links; or another process creates the target just before it.
const fault = vi.hoisted(() => ({
  failRename: false,
  linkError: null as string | null,
  beforeLink: null as null | ((to: string) => Promise<void>),
}));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    rename: (from: string, to: string) =>
      fault.failRename
        ? Promise.reject(Object.assign(new Error('injected EIO'), { code: 'EIO' }))
        : actual.rename(from, to),
    link: async (from: string, to: string) => {
      if (fault.beforeLink) await fault.beforeLink(to);
      if (fault.linkError) throw Object.assign(new Error(`injected ${fault.linkError}`), { code: fault.linkError });
      return actual.link(from, to);
    },
  };
});

let dir: string | undefined;
afterEach(async () => {
  fault.failRename = false;
  fault.linkError = null;
  fault.beforeLink = null;
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

describe('writeFileAtomic exclusive publish under races and failures', () => {
  it("does not clobber a file created between the caller's check and the publish", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-fail-'));
    const target = path.join(dir, 'config.ini');
    fault.beforeLink = (to) => writeFile(to, 'written by someone else\n');
    await expect(writeFileAtomic(target, 'mine\n', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('written by someone else\n');
    expect(await readdir(dir)).toEqual(['config.ini']);
  });

  it('creates nothing and removes its temp file when the link fails', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-fail-'));
    fault.linkError = 'EIO';
    await expect(writeFileAtomic(path.join(dir, 'new.ini'), 'x', { exclusive: true })).rejects.toThrow('injected EIO');
    expect(await readdir(dir)).toEqual([]);
  });

  it('falls back to an exclusive plain write on filesystems without hard links, still refusing to replace', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-fail-'));
    const target = path.join(dir, 'config.ini');
    fault.linkError = 'EPERM';
    await writeFileAtomic(target, 'fresh\n', { exclusive: true });
    expect(await readFile(target, 'utf8')).toBe('fresh\n');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['config.ini']);

    fault.beforeLink = (to) => writeFile(to, 'someone else\n');
    const other = path.join(dir, 'other.ini');
    await expect(writeFileAtomic(other, 'mine\n', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(other, 'utf8')).toBe('someone else\n');
    expect((await readdir(dir)).sort()).toEqual(['config.ini', 'other.ini']);
  });
});
