import { useMemo, useSyncExternalStore } from 'react';
import { placeFromHash, type Place } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/**
 * Hash routing: works from app:// and from the web host alike, and survives a reload. An external
 * store, not state set from an effect: a link clicked between the first render and the listener's
 * effect (seen in CI on a loaded machine) changed the address but never the screen, because its
 * hashchange had no listener yet; React compares the hash again once it has subscribed.
 */
export function usePlace(): Place {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => placeFromHash(hash), [hash]);
}
