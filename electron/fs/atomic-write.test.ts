import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { writeFileAtomic } from './atomic-write';
import { MAX_CONFIG_BYTES, readTextFileCapped } from './read-capped';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (p: string) => (await stat(p)).mode & 0o777;
const posix = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  it('creates parent directories 0700 and the file 0600, leaving no temp files', async () => {
    const target = path.join(dir, 'a', 'b', 'config.ini');
    const result = await writeFileAtomic(target, 'hello\n');
    expect(result.path).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('hello\n');
    if (posix) {
      expect(await mode(target)).toBe(0o600);
      expect(await mode(path.join(dir, 'a'))).toBe(0o700);
      expect(await mode(path.join(dir, 'a', 'b'))).toBe(0o700);
    }
    expect(await readdir(path.join(dir, 'a', 'b'))).toEqual(['config.ini']);
  });

  it('replaces an existing world-readable file and tightens it to 0600', async () => {
    const target = path.join(dir, 'config.ini');
    await writeFile(target, 'old');
    // chmod, not writeFile's mode: the umask (077 on some machines) takes bits off that one.
    await chmod(target, 0o644);
    await writeFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    if (posix) expect(await mode(target)).toBe(0o600);
    expect(await readdir(dir)).toEqual(['config.ini']);
  });

  it('refuses to replace a symbolic link by default and leaves both link and target alone', async () => {
    const real = path.join(dir, 'real.ini');
    const link = path.join(dir, 'link.ini');
    await writeFile(real, 'original');
    await symlink(real, link);
    await expect(writeFileAtomic(link, 'evil')).rejects.toMatchObject({ appError: { code: 'conflict' } });
    expect(await readFile(real, 'utf8')).toBe('original');
    expect((await readdir(dir)).sort()).toEqual(['link.ini', 'real.ini']);
  });

  it('with symlink "follow" rewrites the target atomically and keeps the link', async () => {
    const sub = path.join(dir, 'dotfiles');
    const real = path.join(sub, 'real.ini');
    const link = path.join(dir, 'link.ini');
    await writeFileAtomic(real, 'original');
    await symlink(real, link);
    const result = await writeFileAtomic(link, 'updated', { symlink: 'follow' });
    expect(result.path).toBe(real);
    expect(await readFile(link, 'utf8')).toBe('updated');
    expect(await readdir(sub)).toEqual(['real.ini']);
  });

  it('refuses a directory in place of the file', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toBeInstanceOf(AppFailure);
  });
});

describe('writeFileAtomic with exclusive', () => {
  it('creates a new file 0600 and leaves no temp file or second link', async () => {
    const target = path.join(dir, 'sub', 'config.ini');
    const result = await writeFileAtomic(target, 'fresh\n', { exclusive: true });
    expect(result.path).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('fresh\n');
    expect((await stat(target)).nlink).toBe(1);
    if (posix) expect(await mode(target)).toBe(0o600);
    expect(await readdir(path.join(dir, 'sub'))).toEqual(['config.ini']);
  });

  it('fails with EEXIST on an existing file and leaves it untouched', async () => {
    const target = path.join(dir, 'config.ini');
    await writeFile(target, 'precious');
    await chmod(target, 0o644);
    await expect(writeFileAtomic(target, 'new', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('precious');
    if (posix) expect(await mode(target)).toBe(0o644);
    expect(await readdir(dir)).toEqual(['config.ini']);
  });

  it('fails with EEXIST on a symbolic link, even a dangling one, and writes nothing through it', async () => {
    const link = path.join(dir, 'link.ini');
    const pointee = path.join(dir, 'nowhere.ini');
    await symlink(pointee, link);
    await expect(writeFileAtomic(link, 'x', { exclusive: true, symlink: 'follow' })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readdir(dir)).toEqual(['link.ini']);
  });
});

describe('readTextFileCapped', () => {
  it('returns text and the permission bits as found', async () => {
    const target = path.join(dir, 'c.ini');
    await writeFile(target, '[api]\n');
    await chmod(target, 0o644);
    const file = await readTextFileCapped(target);
    expect(file.text).toBe('[api]\n');
    if (posix) expect(file.mode).toBe(0o644);
  });

  it('refuses files over 1 MiB with a specific message', async () => {
    const target = path.join(dir, 'big.ini');
    await writeFile(target, Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x61));
    await expect(readTextFileCapped(target)).rejects.toMatchObject({
      appError: { code: 'payload-too-large', message: expect.stringContaining('big.ini') as unknown },
    });
    await writeFile(target, Buffer.alloc(MAX_CONFIG_BYTES, 0x61));
    expect((await readTextFileCapped(target)).size).toBe(MAX_CONFIG_BYTES);
  });

  it('reports a missing file as not-found and a folder as invalid input', async () => {
    await expect(readTextFileCapped(path.join(dir, 'nope.ini'))).rejects.toMatchObject({
      appError: { code: 'not-found' },
    });
    await expect(readTextFileCapped(dir)).rejects.toMatchObject({ appError: { code: 'invalid-input' } });
  });
});
