/** The app's screens, in navigation order. */
export const ROUTES = [
  { id: 'accounts', label: 'Profiles & hotkeys' },
  { id: 'register', label: 'Register' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'secrets', label: 'Secrets' },
  { id: 'link-hotkey', label: 'Link hotkey' },
  { id: 'account', label: 'Account' },
  { id: 'settings', label: 'Settings' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/**
 * Where the user is: a screen and its sub-path (`#/register/username`, `#/api-keys/<id>`), so
 * Back/Forward and a reload keep the wizard step or the open key.
 */
export interface Place {
  route: RouteId;
  /** Decoded path segments after the screen id; empty on the screen's main view. */
  sub: string[];
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a hand-edited, malformed address: ignore that segment
  }
}

export function placeFromHash(hash: string): Place {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const [id = '', ...rest] = path.split('/');
  const route = ROUTES.find((r) => r.id === id)?.id;
  if (!route) return { route: 'accounts', sub: [] };
  const sub = rest.filter((s) => s !== '').map(decodeSegment);
  return { route, sub: sub.every((s): s is string => s !== null) ? sub : [] };
}

export function routeFromHash(hash: string): RouteId {
  return placeFromHash(hash).route;
}

/** The hash for a screen and sub-path, each segment encoded. */
export function hrefTo(route: RouteId, ...sub: string[]): string {
  return `#/${[route, ...sub.map(encodeURIComponent)].join('/')}`;
}

/**
 * Whether the user is at this very place now: an answer that arrives after they moved on must not
 * pull them back to where they sent it from.
 */
export function isAt(route: RouteId, ...sub: string[]): boolean {
  const here = placeFromHash(window.location.hash);
  return here.route === route && here.sub.length === sub.length && here.sub.every((s, i) => s === sub[i]);
}

/** Go to a place as a new history entry (Back returns here). */
export function navigate(route: RouteId, ...sub: string[]): void {
  window.location.hash = hrefTo(route, ...sub);
}
