import { describe, expect, it } from 'vitest';
import { hrefTo, placeFromHash, routeFromHash } from './routes';

describe('routeFromHash', () => {
  it('maps hashes to screens and falls back to Profiles & hotkeys', () => {
    expect(routeFromHash('#/settings')).toBe('settings');
    expect(routeFromHash('#/api-keys/123')).toBe('api-keys');
    expect(routeFromHash('')).toBe('accounts');
    expect(routeFromHash('#token=abc')).toBe('accounts');
    expect(routeFromHash('#/nope')).toBe('accounts');
  });
});

describe('placeFromHash and hrefTo', () => {
  it('keep the sub-path of a screen, decoded, and round-trip through hrefTo', () => {
    expect(placeFromHash('#/register/username')).toEqual({ route: 'register', sub: ['username'] });
    expect(placeFromHash('#/api-keys/a%2Fb/details')).toEqual({ route: 'api-keys', sub: ['a/b', 'details'] });
    expect(placeFromHash(hrefTo('secrets', 'my chute', 'HF_TOKEN'))).toEqual({
      route: 'secrets',
      sub: ['my chute', 'HF_TOKEN'],
    });
    expect(placeFromHash('#/settings/')).toEqual({ route: 'settings', sub: [] });
  });

  it('ignores a malformed sub-path instead of failing', () => {
    expect(placeFromHash('#/api-keys/%E0%A4%A')).toEqual({ route: 'api-keys', sub: [] });
    expect(placeFromHash('#/nope/x')).toEqual({ route: 'accounts', sub: [] });
  });
});
