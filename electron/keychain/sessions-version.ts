import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { describeError, log } from '../log';

/**
 * Tells a process that another one (the desktop window and the web host share a data folder and a
 * keychain) removed a session token it may hold in memory: every removal replaces a small marker
 * file, and a token kept in memory is trusted only while the marker's stat is the one seen when
 * the token was read. One stat per use; the keychain is read again only after a removal.
 */
export interface SessionsVersion {
  /** Changes after any session removal in any process on this data folder. */
  current(): string;
  /** Called after a removal. Never throws: at worst the other process keeps its token until restart. */
  bump(): Promise<void>;
}

export function createSessionsVersion(dataDir: string | undefined, service: string): SessionsVersion {
  let local = 0;
  if (dataDir === undefined) return { current: () => `local:${local}`, bump: () => Promise.resolve(void local++) };
  const marker = path.join(dataDir, `sessions-removed.${service.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  return {
    current: () => {
      try {
        const st = statSync(marker, { throwIfNoEntry: false });
        // A rename over it gives a new inode; the times and size catch a rewrite in place.
        return st ? `${st.ino}:${st.mtimeMs}:${st.ctimeMs}:${st.size}:${local}` : `none:${local}`;
      } catch {
        // Cannot tell: never trust memory.
        return `unknown:${++local}`;
      }
    },
    bump: async () => {
      local++;
      await writeFileAtomic(marker, randomBytes(8).toString('hex')).catch((error: unknown) =>
        log.warn(`could not mark a removed session for other processes (${describeError(error)})`),
      );
    },
  };
}
