import { lstatSync } from 'node:fs';
import path from 'node:path';
import { lockPathFor } from '../concurrency/file-lock';

/**
 * The seed index's lock files, in the order they are taken. The index is one keychain entry per
 * service, and the keychain is the user's, not the data folder's: two data folders on one keychain
 * (a second `CHUTES_DESKTOP_DATA_DIR`) rewrite the same entry. So the first lock is in the user's
 * private runtime folder (`$XDG_RUNTIME_DIR`, which Linux sessions and logged-in servers have:
 * local, 0700, this user's), shared by every data folder. The data folder's lock is taken as well:
 * a process started without that variable (sudo -u, cron) on the same folder still meets the
 * others there. Everyone takes them in this order, so no two processes wait on each other.
 */
export function seedIndexLockPaths(
  dataDir: string | undefined,
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const name = `seed-index.${service}`;
  const runtime = privateRuntimeDir(env.XDG_RUNTIME_DIR);
  return [
    ...(runtime ? [lockPathFor(path.join(runtime, 'chutes-desktop'), name)] : []),
    ...(dataDir === undefined ? [] : [lockPathFor(dataDir, name)]),
  ];
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
