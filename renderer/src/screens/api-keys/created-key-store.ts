import { moduleStore } from '../../lib/module-store';
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
  /**
   * Creates out now, by the form that sent them (its draft key: per profile, and per rotated key
   * for a rotation) → the new key's name: that form, opened again, waits for the answer instead of
   * offering a second create (the server would refuse the name, or a rotation make two keys).
   */
  sending: ReadonlyMap<string, string>;
  /** Rotations whose replacement's secret was shown and closed: deleting the old key is next. */
  replaced: ReadonlyMap<string, ApiKeyView>;
  /**
   * New keys whose secret was closed without "I have stored it": nobody may hold it, so a rotation
   * to one must not offer to delete the key it replaces.
   */
  unstored: ReadonlySet<string>;
  /**
   * Bulk deletes running: the screen sends them a batch at a time (delete-batches.ts), so closing
   * or reloading the page would stop the rest unsent, and must ask.
   */
  deleting: number;
}

const store = moduleStore<CreatedKeys>({
  pending: [],
  inFlight: 0,
  sending: new Map(),
  replaced: new Map(),
  unstored: new Set(),
  deleting: 0,
});

function update(next: Partial<CreatedKeys>): void {
  store.set({ ...store.get(), ...next });
}

/** Counts a create while it is out, and notes which form sent it (see `sending`). */
export function trackCreate<T>(request: Promise<T>, sentBy?: { form: string; name: string }): Promise<T> {
  update({
    inFlight: store.get().inFlight + 1,
    ...(sentBy ? { sending: new Map(store.get().sending).set(sentBy.form, sentBy.name) } : {}),
  });
  return request.finally(() => {
    const sending = new Map(store.get().sending);
    if (sentBy) sending.delete(sentBy.form);
    update({ inFlight: store.get().inFlight - 1, sending });
  });
}

/** Counts a bulk delete while it runs (see `deleting`). */
export function trackDelete<T>(run: Promise<T>): Promise<T> {
  update({ deleting: store.get().deleting + 1 });
  return run.finally(() => update({ deleting: store.get().deleting - 1 }));
}

export function holdCreatedKey(reveal: PendingReveal): void {
  update({ pending: [...store.get().pending, reveal] });
}

/** The secret was shown and the user closed it: it is dropped from memory here. */
export function releaseCreatedKey(keyId: string, stored = true): void {
  const released = store.get().pending.find((p) => p.created.key.id === keyId);
  const replaced = new Map(store.get().replaced);
  if (released?.replaces) replaced.set(released.replaces.id, released.created.key);
  const unstored = new Set(store.get().unstored);
  if (!stored) unstored.add(keyId);
  update({ pending: store.get().pending.filter((p) => p.created.key.id !== keyId), replaced, unstored });
}

/** The rotation of `oldId` is over (its old key is deleted). */
export function endRotation(oldId: string): void {
  forgetKeys([oldId]);
}

/** Keys deleted: no rotation resumes from or to one of them (its "delete the old key" would leave none). */
export function forgetKeys(ids: readonly string[]): void {
  const gone = new Set(ids);
  const replaced = new Map(
    [...store.get().replaced].filter(([oldId, created]) => !gone.has(oldId) && !gone.has(created.id)),
  );
  const unstored = new Set([...store.get().unstored].filter((id) => !gone.has(id)));
  if (replaced.size !== store.get().replaced.size || unstored.size !== store.get().unstored.size)
    update({ replaced, unstored });
}

/** The state now, outside React (a request's outcome, a test). */
export const currentCreatedKeys = store.get;
export const useCreatedKeys = store.use;
