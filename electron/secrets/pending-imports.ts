import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/errors';
import type { ChuteRef } from '../../shared/secrets';

/** How long parsed values wait in memory for the user to press Import. */
export const PENDING_IMPORT_TTL_MS = 15 * 60_000;

export interface PendingImport {
  chute: ChuteRef;
  /** Profile the preview was made for: switching profiles must not import into another account. */
  profileKey: string;
  values: Map<string, string>;
  /** Keys already created by this import: a re-run skips them, so nothing is sent twice. */
  done: Set<string>;
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
    p.values.clear();
    pending.delete(id);
    return true;
  }
  return {
    add(entry: Omit<PendingImport, 'expiresAt' | 'done'>): string {
      sweep();
      const id = randomUUID();
      pending.set(id, { ...entry, done: new Set(), expiresAt: now() + PENDING_IMPORT_TTL_MS });
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
