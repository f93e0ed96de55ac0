import { lstatSync } from 'node:fs';
import path from 'node:path';
import { lockPathFor } from '../concurrency/file-lock';

/**
 * Where the seed index's lock file lives. The index is one keychain entry per service, and the
 * keychain is the user's, not the data folder's: two data folders on one keychain (a second
 * `CHUTES_DESKTOP_DATA_DIR`) rewrite the same entry. So the lock goes in the user's private runtime
 * folder (`$XDG_RUNTIME_DIR`, which Linux sessions and logged-in servers have: local, 0700, this
 * user's), shared by every data folder; only without a usable one does it fall back to the data
 * folder (updates from other data folders are then not serialised with this one's).
 */
export function seedIndexLockPath(
  dataDir: string | undefined,
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const name = `seed-index.${service}`;
  const runtime = privateRuntimeDir(env.XDG_RUNTIME_DIR);
  if (runtime) return lockPathFor(path.join(runtime, 'chutes-desktop'), name);
  return dataDir === undefined ? undefined : lockPathFor(dataDir, name);
}

/** `dir` when it is an absolute path to a real folder of this user that nobody else may enter. */
function privateRuntimeDir(dir: string | undefined): string | null {
  if (!dir || !path.isAbsolute(dir) || typeof process.getuid !== 'function') return null;
  try {
    const st = lstatSync(dir);
    return st.isDirectory() && st.uid === process.getuid() && (st.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}
