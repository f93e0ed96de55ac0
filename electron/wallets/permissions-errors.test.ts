import { chmod, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { chmodPrivate, fixPermissions } from './permissions';

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

/** A system error as fchmod(2) throws it. */
const sysError = (code: string) => Object.assign(new Error(`${code}: fchmod`), { code, syscall: 'fchmod' });

/** Makes the next chmod through a file handle fail with `code` (tests run as root, where it never does). */
async function failChmodWith(code: string): Promise<void> {
  const handle = await open(path.join(dir, 'file'));
  const proto = Object.getPrototypeOf(handle) as { chmod: (mode: number) => Promise<void> };
  await handle.close();
  vi.spyOn(proto, 'chmod').mockRejectedValueOnce(sysError(code));
}

describe.runIf(process.platform !== 'win32')('chmodPrivate when the change itself is refused', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const failure = async (promise: Promise<unknown>) => {
    const error: unknown = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    return (error as AppFailure).appError;
  };

  it("says a file of another user's is theirs, with the sudo command for it", async () => {
    const target = path.join(dir, "bob's key");
    await writeFile(target, 'x', { mode: 0o644 });
    await chmod(target, 0o644);
    await failChmodWith('EPERM');
    // Owned by uid 0 (the test runs as root): the app runs as someone else.
    vi.spyOn(process, 'getuid').mockReturnValue(4242);
    const error = await failure(chmodPrivate(target));
    expect(error).toMatchObject({
      code: 'forbidden',
      message: `${target} belongs to another user (uid 0), so the app cannot change its permissions.`,
    });
    expect(error.detail?.hint).toBe(`Make it private as its owner, or with: sudo chmod 600 '${dir}/bob'\\''s key'`);
  });

  it('says a read-only disk is read-only, also for the CLI config', async () => {
    const config = path.join(dir, 'config.ini');
    await writeFile(config, 'x', { mode: 0o644 });
    await failChmodWith('EROFS');
    const error = await failure(fixPermissions(config, { walletsPath: path.join(dir, 'wallets'), configPath: config }));
    expect(error).toMatchObject({
      code: 'forbidden',
      message: `${config} is on a read-only disk, so its permissions cannot be changed.`,
    });
    expect(error.detail?.hint).toMatch(/^Mount the disk read-write and try again/);
  });

  it('says when the owner itself was refused (an immutable file), and any other error by name', async () => {
    await failChmodWith('EPERM');
    const refused = await failure(chmodPrivate(path.join(dir, 'file')));
    expect(refused.message).toBe(`The system refused to change the permissions of ${path.join(dir, 'file')}.`);
    expect(refused.detail?.hint).toMatch(/immutable/);
    await failChmodWith('EIO');
    const io = await failure(chmodPrivate(path.join(dir, 'file')));
    expect(io.code).not.toBe('internal');
    expect(io.message).toMatch(/could not be changed: Input\/output error/);
  });
});
