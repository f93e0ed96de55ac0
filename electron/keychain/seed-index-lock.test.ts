import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedIndexLockPath } from './seed-index-lock';

const root = mkdtempSync(path.join(os.tmpdir(), 'seed-index-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dir = (name: string, mode: number) => {
  const made = path.join(root, name);
  mkdirSync(made);
  chmodSync(made, mode);
  return made;
};

describe('seedIndexLockPath', () => {
  it('is the same for every data folder when the user has a private runtime folder', () => {
    const runtime = dir('runtime', 0o700);
    const env = { XDG_RUNTIME_DIR: runtime };
    const a = seedIndexLockPath('/data/a', 'svc', env);
    expect(a).toBe(path.join(runtime, 'chutes-desktop', 'seed-index.svc.lock'));
    expect(seedIndexLockPath('/data/b', 'svc', env)).toBe(a);
    expect(seedIndexLockPath('/data/b', 'other', env)).not.toBe(a);
  });

  it('falls back to the data folder without a usable runtime folder', () => {
    const open = dir('open', 0o755);
    const link = path.join(root, 'link');
    symlinkSync(dir('target', 0o700), link);
    for (const runtime of [undefined, '', 'relative/dir', open, link, path.join(root, 'missing')])
      expect(seedIndexLockPath('/data/a', 'svc', { XDG_RUNTIME_DIR: runtime })).toBe('/data/a/seed-index.svc.lock');
    expect(seedIndexLockPath(undefined, 'svc', {})).toBeUndefined();
  });
});
