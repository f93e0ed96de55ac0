import { randomUUID } from 'node:crypto';
import { PENDING_IMPORT_MINUTES } from '../../shared/contract/secrets';
import { AppFailure } from '../../shared/errors';
import type { ChuteRef } from '../../shared/secrets';

/** How long parsed values wait in memory for the user to press Import. */
export const PENDING_IMPORT_TTL_MS = PENDING_IMPORT_MINUTES * 60_000;

export interface PendingImport {
  chute: ChuteRef;
  /** Profile the preview was made for: switching profiles must not import into another account. */
  profileKey: string;
  values: Map<string, string>;
  /** Keys already created by this import: a re-run skips them, so nothing is sent twice. */
  done: Set<string>;
  /** Keys whose create went out and whose answer was lost: a 409 on a re-run is that create. */
  lost: Set<string>;
  /** An import is sending these values now: a discard waits for it to end (`drop`). */
  running: boolean;
  dropWhenDone: boolean;
  expiresAt: number;
}

/**
 * Parsed .env values between preview and import, in main's memory only (never on disk, never sent
 * back to the renderer). Dropped when the import completes, is discarded, or expires.
 */
export function createPendingImports(now: () => number = Date.now) {
  const pending = new Map<string, PendingImport>();
  const sweep = () => {
    for (const [id, p] of pending) if (p.expiresAt <= now()) drop(id);
  };
  function drop(id: string): boolean {
    const p = pending.get(id);
    if (!p) return false;
    // Clearing the values under a running import would fail its remaining keys as "not in the file".
    if (p.running) {
      p.dropWhenDone = true;
      return true;
    }
    p.values.clear();
    pending.delete(id);
    return true;
  }
  return {
    add(entry: Pick<PendingImport, 'chute' | 'profileKey' | 'values'>): string {
      sweep();
      const id = randomUUID();
      pending.set(id, {
        ...entry,
        done: new Set(),
        lost: new Set(),
        running: false,
        dropWhenDone: false,
        expiresAt: now() + PENDING_IMPORT_TTL_MS,
      });
      // The values go when they expire even if nothing else is ever asked of this store.
      setTimeout(sweep, PENDING_IMPORT_TTL_MS + 1_000).unref();
      return id;
    },
    get(id: string, profileKey: string): PendingImport {
      sweep();
      const p = pending.get(id);
      if (!p || p.profileKey !== profileKey) {
        throw new AppFailure(
          'not-found',
          'This preview has expired or belongs to another account. Read the .env file again.',
          undefined,
          'import-expired',
        );
      }
      return p;
    },
    drop,
    size: () => pending.size,
  };
}

export type PendingImports = ReturnType<typeof createPendingImports>;
