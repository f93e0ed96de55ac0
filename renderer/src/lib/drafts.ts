import { useState } from 'react';

/**
 * What was typed into a form the user left without submitting or cancelling (another panel,
 * another screen, another profile): it is there again when the form comes back. In the page's
 * memory only, so nothing secret belongs in a draft; a successful submit or Cancel drops it.
 */
export interface DraftSlot<T> {
  read(key: string): T | undefined;
  keep(key: string, draft: T): void;
  /** Drop the draft; with `sent`, only while it still is what was sent (not newer typing). */
  drop(key: string, sent?: T): void;
}

/** One slot per kind of form; keys tell its instances apart (a profile id, a purpose). */
export function draftSlot<T>(): DraftSlot<T> {
  const drafts = new Map<string, T>();
  return {
    read: (key) => drafts.get(key),
    keep: (key, draft) => void drafts.set(key, draft),
    drop: (key, sent) => {
      const now = drafts.get(key);
      if (sent === undefined || (now !== undefined && JSON.stringify(now) === JSON.stringify(sent))) drafts.delete(key);
    },
  };
}

/**
 * A form's fields as one value, kept in `slot` under `key` on every change. `update` merges a
 * patch; the value read back after leaving is whatever was last typed.
 */
export function useDraft<T extends object>(
  slot: DraftSlot<T>,
  key: string,
  initial: () => T,
): [T, (patch: Partial<T>) => void] {
  const [value, setValue] = useState<T>(() => slot.read(key) ?? initial());
  const update = (patch: Partial<T>) => {
    const next = { ...value, ...patch };
    slot.keep(key, next);
    setValue(next);
  };
  return [value, update];
}
