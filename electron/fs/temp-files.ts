import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../concurrency/process-identity';

/**
 * Our temp files are `.<target name>.<pid>.<12 hex>.tmp` beside the target. They may hold a seed,
 * so none may outlive the write: each is removed on every failure path, at process exit, and —
 * after a crash or SIGKILL, when no code of ours ran — by the next write to the same target or the
 * sweep at start, once the process named in it is gone.
 */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-f]{12})\.tmp$/;
/** Before the pid was part of the name. No pid to ask, so only old ones are taken as abandoned. */
const LEGACY_TEMP_NAME = /^\.(.+)\.([0-9a-f]{12})\.tmp$/;
const LEGACY_STALE_MS = 10 * 60 * 1000;
/** Leaves room for pid, random part and suffix within the usual 255-byte name limit. */
const MAX_BASE_CHARS = 100;

const inFlight = new Set<string>();
let exitHookInstalled = false;

/** A fresh temp path for `target`, registered so an exit (even on a signal handler's process.exit) removes it. */
export function newTempPath(target: string): string {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const p of inFlight) {
        try {
          unlinkSync(p);
        } catch {
          // already published or gone
        }
      }
    });
  }
  const base = path.basename(target).slice(0, MAX_BASE_CHARS);
  const temp = path.join(path.dirname(target), `.${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  inFlight.add(temp);
  return temp;
}

/** The temp file is published or removed: no longer ours to clean up. */
export function releaseTempPath(temp: string): void {
  inFlight.delete(temp);
}

async function isAbandoned(dir: string, name: string, target: string | undefined, now: number): Promise<boolean> {
  const fullBase = target === undefined ? undefined : path.basename(target);
  const base = fullBase?.slice(0, MAX_BASE_CHARS);
  const full = path.join(dir, name);
  if (inFlight.has(full)) return false;
  const current = TEMP_NAME.exec(name);
  let legacy = false;
  if (current) {
    if (base !== undefined && current[1] !== base) return false;
    // Our own pid but not in flight: left by a failed cleanup of this very process.
    if (Number(current[2]) !== process.pid && processAlive(Number(current[2]))) return false;
  } else {
    const old = LEGACY_TEMP_NAME.exec(name);
    if (!old || (fullBase !== undefined && old[1] !== fullBase)) return false;
    legacy = true;
  }
  const info = await lstat(full);
  if (!info.isFile()) return false;
  return !legacy || now - info.mtimeMs > LEGACY_STALE_MS;
}

/**
 * Remove abandoned temp files of ours in `dir` — only those for `target`'s name when given.
 * Best effort: a folder that cannot be listed, or a file that cannot be removed, is left alone.
 */
export async function sweepStaleTempFiles(dir: string, target?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const now = Date.now();
  const removed: string[] = [];
  for (const name of names) {
    if (!name.endsWith('.tmp') || !name.startsWith('.')) continue;
    try {
      if (!(await isAbandoned(dir, name, target, now))) continue;
      await unlink(path.join(dir, name));
      removed.push(name);
    } catch {
      // raced with its owner, or not ours to remove
    }
  }
  return removed;
}
