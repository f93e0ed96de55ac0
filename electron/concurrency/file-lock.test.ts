import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { HELD_MAX_MS, lockPathFor, withFileLock } from './file-lock';
import { processStartTicks } from './process-identity';

let dir: string;
let lock: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'file-lock-'));
  lock = lockPathFor(dir, 'profiles.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
/** The pid of a process that has exited (pids are not reused that fast). */
const deadPid = () =>
  spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
const ownerFile = (pid: number, start: string | null) =>
  JSON.stringify({ pid, start, host: os.hostname(), token: 'someone-else' });

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected an AppFailure, got ${String(error)}`);
  return error;
}

describe('withFileLock', () => {
  it('holds a lock file with our pid during the job, removes it after, and creates the folder', async () => {
    lock = lockPathFor(path.join(dir, 'new', 'data'), 'seed-index.chutes desktop/session');
    expect(path.basename(lock)).toBe('seed-index.chutes_desktop_session.lock');
    const seen = await withFileLock(lock, async () => JSON.parse(await readFile(lock, 'utf8')) as { pid: number });
    expect(seen.pid).toBe(process.pid);
    expect(await exists(lock)).toBe(false);
  });

  it('says, typed, when the lock file cannot be made, and runs nothing (a data folder that is a file, a folder in its place)', async () => {
    let ran = false;
    const job = () => {
      ran = true;
      return Promise.resolve();
    };
    await writeFile(path.join(dir, 'data'), 'a file where the data folder should be');
    const underFile = await failureOf(withFileLock(lockPathFor(path.join(dir, 'data'), 'profiles.json'), job));
    expect(underFile.appError.message).toMatch(
      /a part of the path is a file, not a folder\. It guards profiles\.json\.lock/,
    );
    expect(underFile.appError.detail?.hint).toContain(`Make sure you can write to ${path.join(dir, 'data')}`);
    await mkdir(lock);
    const folder = await failureOf(withFileLock(lock, job, { what: 'your saved profiles' }));
    expect(folder.appError.code).toBe('invalid-input');
    expect(folder.appError.message).toContain('Is a folder, not a file. It guards your saved profiles');
    expect(ran).toBe(false);
  });

  it('releases the lock when the job fails', async () => {
    await expect(withFileLock(lock, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await exists(lock)).toBe(false);
    expect(await withFileLock(lock, () => Promise.resolve('again'))).toBe('again');
  });

  it('runs this process’s callers one at a time', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withFileLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 2));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('takes over the lock of an owner that is gone', async () => {
    await writeFile(lock, ownerFile(Number(deadPid()), null));
    const started = performance.now();
    expect(await withFileLock(lock, () => Promise.resolve('mine'), { timeoutMs: 5_000 })).toBe('mine');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await exists(lock)).toBe(false);
    expect(await exists(`${lock}.takeover`)).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'takes over when the owner’s pid now belongs to a process started later',
    async () => {
      await writeFile(lock, ownerFile(process.ppid, '1'));
      expect(await withFileLock(lock, () => Promise.resolve('mine'), { timeoutMs: 5_000 })).toBe('mine');
    },
  );

  it('waits for a live owner, then fails as data-busy saying who holds it and leaves the lock alone', async () => {
    const held = ownerFile(process.ppid, processStartTicks(process.ppid));
    await writeFile(lock, held);
    const started = performance.now();
    const failure = await failureOf(
      withFileLock(lock, () => Promise.resolve('never'), { timeoutMs: 300, what: 'your saved profiles' }),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(failure.appError.code).toBe('conflict');
    expect(failure.reason).toBe('data-busy');
    expect(failure.message).toContain(`pid ${process.ppid}`);
    expect(failure.message).toContain('your saved profiles');
    expect(failure.appError.detail?.hint).toContain(lock);
    expect(await readFile(lock, 'utf8')).toBe(held);
  });

  it('gets the lock as soon as a live owner lets go', async () => {
    await writeFile(lock, ownerFile(process.ppid, processStartTicks(process.ppid)));
    setTimeout(() => void rm(lock), 150);
    const started = performance.now();
    expect(await withFileLock(lock, () => Promise.resolve('mine'), { timeoutMs: 5_000 })).toBe('mine');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('takes over a lock left by an earlier process with our pid, or one older than any holder lives', async () => {
    // A crash, then this process got the same pid (containers, or after a reboot).
    await writeFile(lock, ownerFile(process.pid, null));
    expect(await withFileLock(lock, () => Promise.resolve('reused pid'), { timeoutMs: 300 })).toBe('reused pid');
    // A live process (our parent) or another host named in a lock file older than HELD_MAX_MS.
    for (const owner of [
      ownerFile(process.ppid, processStartTicks(process.ppid)),
      JSON.stringify({ pid: process.ppid, start: null, host: 'renamed-since', token: 'someone-else' }),
    ]) {
      await writeFile(lock, owner);
      const old = new Date(Date.now() - HELD_MAX_MS - 60_000);
      await utimes(lock, old, old);
      expect(await withFileLock(lock, () => Promise.resolve('old'), { timeoutMs: 300 })).toBe('old');
      expect(await exists(lock)).toBe(false);
    }
  });

  it('leaves no file of its attempts behind (each writes its owner to a file of its own, then links it in)', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () => withFileLock(lock, () => new Promise((resolve) => setImmediate(resolve)))),
    );
    await writeFile(lock, ownerFile(process.ppid, processStartTicks(process.ppid)));
    await failureOf(withFileLock(lock, () => Promise.resolve(1), { timeoutMs: 100 }));
    expect((await readdir(dir)).sort()).toEqual([path.basename(lock)]);
  });

  it('removes the owner drafts of attempts that died midway, and leaves live ones and other files alone', async () => {
    const dead = ownerFile(Number(deadPid()), null);
    const live = ownerFile(process.ppid, processStartTicks(process.ppid));
    await writeFile(`${lock}.${'a'.repeat(24)}`, dead);
    await writeFile(`${lock}.takeover.${'b'.repeat(16)}`, dead);
    await writeFile(`${lock}.${'c'.repeat(24)}`, live);
    // Empty, even seconds old: an attempt slowed before writing its owner, not a crash.
    await writeFile(`${lock}.${'d'.repeat(24)}`, '');
    const secondsAgo = new Date(Date.now() - 5_000);
    await utimes(`${lock}.${'d'.repeat(24)}`, secondsAgo, secondsAgo);
    // Not files: a folder and a FIFO by a draft's name are neither read nor removed, and do not hold the lock.
    await mkdir(`${lock}.${'f'.repeat(24)}`);
    if (process.platform !== 'win32') spawnSync('mkfifo', [`${lock}.${'9'.repeat(24)}`]);
    await writeFile(path.join(dir, 'profiles.json'), dead);
    await withFileLock(lock, () => Promise.resolve(1));
    const kept = [
      'c'.repeat(24),
      'd'.repeat(24),
      'f'.repeat(24),
      ...(process.platform !== 'win32' ? ['9'.repeat(24)] : []),
    ];
    expect((await readdir(dir)).sort()).toEqual(
      [...kept.map((t) => `${path.basename(lock)}.${t}`), 'profiles.json'].sort(),
    );
  });

  it('treats an empty lock file as being written, and as abandoned once it is seconds old', async () => {
    await writeFile(lock, '');
    expect((await failureOf(withFileLock(lock, () => Promise.resolve(1), { timeoutMs: 100 }))).reason).toBe(
      'data-busy',
    );
    const old = new Date(Date.now() - 10_000);
    await utimes(lock, old, old);
    expect(await withFileLock(lock, () => Promise.resolve(2), { timeoutMs: 5_000 })).toBe(2);
  });

  it('lets many waiters take over one dead lock without two of them inside at once', async () => {
    await writeFile(lock, ownerFile(Number(deadPid()), null));
    // Paths through symlinks to one folder, so each caller has its own in-process queue and races on the file.
    const paths = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        await symlink(dir, path.join(dir, `via${i}`));
        return path.join(dir, `via${i}`, path.basename(lock));
      }),
    );
    let inside = 0;
    let most = 0;
    await Promise.all(
      paths.map((p) =>
        withFileLock(p, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
