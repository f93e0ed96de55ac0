import { useSyncExternalStore } from 'react';

/**
 * The last action main refused because another profile had become active since it was reviewed
 * (`profile-changed`). Kept outside the screen that sent it: the refresh that follows remounts
 * that screen on the new profile, and the user must still read that nothing was sent.
 */
let refused: string | null = null;
const listeners = new Set<() => void>();

export function noteProfileChanged(message: string | null): void {
  refused = message;
  for (const listener of listeners) listener();
}

export function useProfileChanged(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => refused,
  );
}
