import { beforeEach, describe, expect, it } from 'vitest';
import { adoptTokenFromFragment, webToken } from './web-token';

describe('web token', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('moves the token from the fragment into session storage and out of the address bar', () => {
    const token = 'A'.repeat(43);
    window.history.replaceState(null, '', `/#token=${token}`);
    adoptTokenFromFragment();
    expect(webToken()).toBe(token);
    expect(window.location.hash).toBe('#/accounts');
    expect(window.location.href).not.toContain(token);
  });

  it('ignores fragments without a plausible token', () => {
    window.history.replaceState(null, '', '/#/settings');
    adoptTokenFromFragment();
    expect(webToken()).toBeNull();
    expect(window.location.hash).toBe('#/settings');
  });
});
