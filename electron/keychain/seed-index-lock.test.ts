import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedIndexLockPaths } from './seed-index-lock';

const root = mkdtempSync(path.join(os.tmpdir(), 'seed-index-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dir = (name: string, mode: number) => {
  const made = path.join(root, name);
  mkdirSync(made);
  chmodSync(made, mode);
  return made;
};

describe('seedIndexLockPaths', () => {
  it('is the same for every data folder when the user has a private runtime folder', () => {
    const runtime = dir('runtime', 0o700);
    const env = { XDG_RUNTIME_DIR: runtime };
    const shared = path.join(runtime, 'chutes-desktop', 'seed-index.svc.lock');
    // The user's lock first, then the data folder's (which a process without the variable takes alone).
    expect(seedIndexLockPaths('/data/a', 'svc', env)).toEqual([shared, '/data/a/seed-index.svc.lock']);
    expect(seedIndexLockPaths('/data/b', 'svc', env)).toEqual([shared, '/data/b/seed-index.svc.lock']);
    expect(seedIndexLockPaths('/data/b', 'other', env)[0]).not.toBe(shared);
    expect(seedIndexLockPaths(undefined, 'svc', env)).toEqual([shared]);
  });

  it('falls back to the data folder without a usable runtime folder', () => {
    const open = dir('open', 0o755);
    const link = path.join(root, 'link');
    symlinkSync(dir('target', 0o700), link);
    for (const runtime of [undefined, '', 'relative/dir', open, link, path.join(root, 'missing')])
      expect(seedIndexLockPaths('/data/a', 'svc', { XDG_RUNTIME_DIR: runtime })).toEqual([
        '/data/a/seed-index.svc.lock',
      ]);
    expect(seedIndexLockPaths(undefined, 'svc', {})).toEqual([]);
  });
});
