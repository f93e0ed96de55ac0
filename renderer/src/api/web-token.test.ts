import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: its page-only copy of the token starts empty, as on a page load. */
const load = () => import('./web-token');

const TOKEN = 'A'.repeat(43);
const NEW_TOKEN = 'B'.repeat(43);

/** What the browser does when an address differing only in its fragment is opened in this tab. */
function openFragment(hash: string): void {
  const oldURL = window.location.href;
  window.history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href }));
}

describe('web token', () => {
  beforeEach(() => {
    vi.resetModules();
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => vi.restoreAllMocks());

  it('moves the token from the fragment into session storage and out of the address bar', async () => {
    const { adoptTokenFromFragment, webToken } = await load();
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    expect(adoptTokenFromFragment()).toBe(true);
    expect(webToken()).toBe(TOKEN);
    expect(sessionStorage.getItem('chutes.webToken')).toBe(TOKEN);
    expect(window.location.hash).toBe('#/accounts');
    expect(window.location.href).not.toContain(TOKEN);
  });

  it('ignores fragments without a plausible token', async () => {
    const { adoptTokenFromFragment, webToken } = await load();
    window.history.replaceState(null, '', '/#/settings');
    expect(adoptTokenFromFragment()).toBe(false);
    expect(webToken()).toBeNull();
    expect(window.location.hash).toBe('#/settings');
  });

  it('adopts a new token pasted into the open tab, keeps its screen and says so once', async () => {
    const { adoptTokenFromFragment, watchTokenFragment, webToken } = await load();
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    adoptTokenFromFragment();
    const adopted = vi.fn();
    const stop = watchTokenFragment(adopted);
    try {
      openFragment('#/settings');
      expect(adopted).not.toHaveBeenCalled();
      // The web host restarted: its new address, pasted into this tab.
      openFragment(`#token=${NEW_TOKEN}`);
      expect(adopted).toHaveBeenCalledTimes(1);
      expect(webToken()).toBe(NEW_TOKEN);
      expect(window.location.hash).toBe('#/settings');
      expect(window.location.href).not.toContain(NEW_TOKEN);
    } finally {
      stop();
    }
  });

  it('works in a browser that blocks site storage, for this page', async () => {
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const { adoptTokenFromFragment, webToken } = await load();
    expect(webToken()).toBeNull();
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    expect(adoptTokenFromFragment()).toBe(true);
    expect(webToken()).toBe(TOKEN);
    expect(window.location.href).not.toContain(TOKEN);
  });
});
