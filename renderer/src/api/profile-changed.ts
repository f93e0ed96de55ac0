import { moduleStore } from '../lib/module-store';

/**
 * The last action main refused because another profile had become active since it was reviewed
 * (`profile-changed`). Kept outside the screen that sent it: the refresh that follows remounts
 * that screen on the new profile, and the user must still read that nothing was sent.
 */
const refused = moduleStore<string | null>(null);
const refreshers = new Set<() => void>();

export const useProfileChanged = refused.use;

/** The user read it. */
export const dismissProfileChanged = (): void => refused.set(null);

/**
 * Main refused an action for a profile that is no longer active (switched in another window):
 * everything on screen belongs to the old one, so the frame says what happened and every screen
 * reads the profile now active — whichever screen or panel sent it (client.ts calls this).
 */
export function reportProfileChanged(message: string): void {
  refused.set(message);
  followActiveProfile();
}

/**
 * A read found another profile active than the one it was for (switched in another window): every
 * screen follows; nothing was refused, so nothing is said.
 */
export function followActiveProfile(): void {
  for (const refresh of refreshers) refresh();
}

/** How the app re-reads everything after such a change (main.tsx: the query cache). */
export function onProfileChanged(refresh: () => void): () => void {
  refreshers.add(refresh);
  return () => refreshers.delete(refresh);
}
