import { useSyncExternalStore } from 'react';
import type { CreatedApiKey } from '../../../../shared/api-keys';

/**
 * Keys created whose secret has not been shown and closed yet. Module state, not component state:
 * a create that answers after the user left the form (Cancel, another screen, another profile)
 * must still show its secret, which the server will never send again. The API keys screen shows
 * the first one; every other screen says one is waiting (frame/once-only-notices.tsx).
 */
export interface PendingReveal {
  created: CreatedApiKey;
  /** The account the key belongs to, said in the dialog when it is not the active one. */
  account: { profileId: string; username: string };
  /** The key it replaces, when made by a rotation. */
  replaces: { id: string; name: string } | null;
}

let pending: readonly PendingReveal[] = [];
const listeners = new Set<() => void>();

function set(next: readonly PendingReveal[]): void {
  pending = next;
  for (const listener of listeners) listener();
}

export function holdCreatedKey(reveal: PendingReveal): void {
  set([...pending, reveal]);
}

/** The secret was shown and the user closed it: it is dropped from memory here. */
export function releaseCreatedKey(keyId: string): void {
  set(pending.filter((p) => p.created.key.id !== keyId));
}

export function usePendingReveals(): readonly PendingReveal[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}
