import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  devServerUrl,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  originOf,
  WINDOW_WEB_PREFERENCES,
} from './policy';

describe('window policy', () => {
  it('isolates the renderer', () => {
    expect(WINDOW_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('allows no network from the window and only the own origin from the web host', () => {
    const window = contentSecurityPolicy("'none'");
    expect(window).toContain("connect-src 'none'");
    expect(window).toContain("default-src 'none'");
    expect(window).not.toContain('unsafe-inline');
    expect(window).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy("'self'")).toContain("connect-src 'self'");
  });

  it('opens only allow-listed https pages externally', () => {
    expect(isAllowedExternalUrl('https://rtok.chutes.ai/users/registration_token')).toBe(true);
    expect(isAllowedExternalUrl('https://chutes.ai/app')).toBe(true);
    for (const url of [
      'http://chutes.ai/',
      'https://chutes.ai.evil.example/',
      'https://evil.example/?https://chutes.ai/',
      'https://user:pw@chutes.ai/',
      'https://chutes.ai:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false);
  });

  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`, true, [APP_ORIGIN])).toBe(true);
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`, false, [APP_ORIGIN])).toBe(false);
    expect(isTrustedSenderUrl('https://evil.example/', true, [APP_ORIGIN])).toBe(false);
    expect(isTrustedSenderUrl(undefined, true, [APP_ORIGIN])).toBe(false);
    expect(isTrustedSenderUrl('garbage', true, [APP_ORIGIN])).toBe(false);
    expect(isTrustedSenderUrl('app://other/index.html', true, [APP_ORIGIN])).toBe(false);
  });

  it('derives origins for custom schemes, which WHATWG URL reports as "null"', () => {
    expect(new URL('app://chutes/x').origin).toBe('null');
    expect(originOf('app://chutes/index.html#/settings')).toBe('app://chutes');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('data:text/html,hi')).toBeNull();
  });
});

describe('devServerUrl', () => {
  it('honours ELECTRON_RENDERER_URL only in an unpackaged app, and only for http on loopback', () => {
    expect(devServerUrl('http://localhost:5173/', false)).toBe('http://localhost:5173/');
    expect(devServerUrl('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerUrl('http://[::1]:5173/', false)).toBe('http://[::1]:5173/');
    // A packaged app never gives the window (and its channels) to a page an environment variable names.
    expect(devServerUrl('http://localhost:5173/', true)).toBeNull();
    expect(devServerUrl('https://evil.example/', false)).toBeNull();
    expect(devServerUrl('http://localhost.evil.example:5173/', false)).toBeNull();
    expect(devServerUrl('file:///tmp/page.html', false)).toBeNull();
    expect(devServerUrl('http://user:pw@localhost:5173/', false)).toBeNull();
    expect(devServerUrl('not a url', false)).toBeNull();
    expect(devServerUrl(undefined, false)).toBeNull();
  });
});
