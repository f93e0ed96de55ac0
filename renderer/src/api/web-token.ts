const STORAGE_KEY = 'chutes.webToken';

/**
 * The web host prints `http://127.0.0.1:PORT/#token=…`. Move the token out of the address bar and
 * this tab's back/forward entry into its session storage as early as possible. The browser's
 * global history has already recorded the address as opened; the README says so, and how to
 * retire a token (restart the web host).
 */
export function adoptTokenFromFragment(
  location: Location = window.location,
  storage: Storage = window.sessionStorage,
): void {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{20,})/.exec(location.hash);
  if (!match?.[1]) return;
  storage.setItem(STORAGE_KEY, match[1]);
  window.history.replaceState(null, '', `${location.pathname}${location.search}#/accounts`);
}

export function webToken(storage: Storage = window.sessionStorage): string | null {
  return storage.getItem(STORAGE_KEY);
}
