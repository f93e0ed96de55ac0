const STORAGE_KEY = 'chutes.webToken';

/**
 * This page's copy. A browser that blocks site storage throws on any sessionStorage access (even
 * reading the property): the token then lives here, for this page only (a reload asks for the
 * address again), instead of the page failing before it renders.
 */
let pageToken: string | null = null;

function readStored(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage blocked: `pageToken` carries it.
  }
}

/**
 * The web host prints `http://127.0.0.1:PORT/#token=…`. Move the token out of the address bar and
 * this tab's back/forward entry into its session storage as early as possible, leaving `route` in
 * its place. The browser's global history has already recorded the address as opened; the README
 * says so, and how to retire a token (restart the web host). Whether a token was found.
 */
export function adoptTokenFromFragment(location: Location = window.location, route = '#/accounts'): boolean {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{20,})/.exec(location.hash);
  if (!match?.[1]) return false;
  pageToken = match[1];
  store(match[1]);
  window.history.replaceState(null, '', `${location.pathname}${location.search}${route}`);
  return true;
}

/**
 * A restarted web host on the same port prints an address that differs from the open tab's only
 * in its fragment, so pasting it there does not load the page again: adopt it on `hashchange`
 * too, keep the screen the tab was on, and call `onAdopted` so what failed without it is asked
 * again. Registered before React's own hashchange listener, which then sees the route, not the token.
 */
export function watchTokenFragment(onAdopted: () => void): () => void {
  const onHashChange = (event: HashChangeEvent) => {
    const at = event.oldURL.indexOf('#');
    const before = at >= 0 ? event.oldURL.slice(at) : '';
    if (adoptTokenFromFragment(window.location, before.startsWith('#/') ? before : undefined)) onAdopted();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

export function webToken(): string | null {
  return pageToken ?? readStored();
}
