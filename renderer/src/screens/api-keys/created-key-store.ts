import { useSyncExternalStore } from 'react';
import type { ApiKeyView, CreatedApiKey } from '../../../../shared/api-keys';

/**
 * Keys created whose secret has not been shown and closed yet, and the state of rotations. Module
 * state, not component state: a create that answers after the user left the form (another screen,
 * another profile, a rotation left half-way) must still show its secret, which the server will
 * never send again, and a rotation must come back at the step it reached. The API keys screen
 * shows the first secret; every other screen says one is waiting (frame/once-only-notices.tsx).
 */
export interface PendingReveal {
  created: CreatedApiKey;
  /** The account the key belongs to, said in the dialog (it may not be the active one by then). */
  account: { profileId: string; username: string; baseUrl: string };
  /** The key it replaces, when made by a rotation. */
  replaces: { id: string; name: string } | null;
}

export interface CreatedKeys {
  pending: readonly PendingReveal[];
  /** Creates sent and not answered yet: a secret is on its way, so closing the window must ask. */
  inFlight: number;
  /** Rotations (by the old key's id) whose replacement is being created right now. */
  rotating: ReadonlySet<string>;
  /** Rotations whose replacement's secret was shown and closed: deleting the old key is next. */
  replaced: ReadonlyMap<string, ApiKeyView>;
  /** Creates that failed after the user left their form, so nobody saw why (said until dismissed). */
  unseenFailures: readonly UnseenFailure[];
}

export interface UnseenFailure {
  name: string;
  message: string;
  /** Set when the key exists without a secret anyone saw (`key-created-secret-lost`): delete it. */
  keyId: string | null;
}

let state: CreatedKeys = { pending: [], inFlight: 0, rotating: new Set(), replaced: new Map(), unseenFailures: [] };
const listeners = new Set<() => void>();

function update(next: Partial<CreatedKeys>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

/** Counts a create while it is out; `rotating` names the key a rotation replaces. */
export function trackCreate<T>(request: Promise<T>, rotating?: string): Promise<T> {
  update({
    inFlight: state.inFlight + 1,
    ...(rotating === undefined ? {} : { rotating: new Set(state.rotating).add(rotating) }),
  });
  return request.finally(() => {
    const stillRotating = new Set(state.rotating);
    if (rotating !== undefined) stillRotating.delete(rotating);
    update({ inFlight: state.inFlight - 1, rotating: stillRotating });
  });
}

export function holdCreatedKey(reveal: PendingReveal): void {
  update({ pending: [...state.pending, reveal] });
}

/** The secret was shown and the user closed it: it is dropped from memory here. */
export function releaseCreatedKey(keyId: string): void {
  const released = state.pending.find((p) => p.created.key.id === keyId);
  const replaced = new Map(state.replaced);
  if (released?.replaces) replaced.set(released.replaces.id, released.created.key);
  update({ pending: state.pending.filter((p) => p.created.key.id !== keyId), replaced });
}

/** The rotation of `oldId` is over (its old key is deleted). */
export function endRotation(oldId: string): void {
  forgetKeys([oldId]);
}

/** Keys deleted: no rotation resumes from or to one of them (its "delete the old key" would leave none). */
export function forgetKeys(ids: readonly string[]): void {
  const gone = new Set(ids);
  const replaced = new Map([...state.replaced].filter(([oldId, created]) => !gone.has(oldId) && !gone.has(created.id)));
  if (replaced.size !== state.replaced.size) update({ replaced });
}

export function noteUnseenFailure(failure: UnseenFailure): void {
  update({ unseenFailures: [...state.unseenFailures, failure] });
}

export function dismissUnseenFailure(failure: UnseenFailure): void {
  update({ unseenFailures: state.unseenFailures.filter((f) => f !== failure) });
}

/** The state now, outside React (a request's outcome, a test). */
export const currentCreatedKeys = (): CreatedKeys => state;

export function useCreatedKeys(): CreatedKeys {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
