import { describe, expect, it } from 'vitest';
import { routeFromHash } from './routes';

describe('routeFromHash', () => {
  it('maps hashes to screens and falls back to Accounts', () => {
    expect(routeFromHash('#/settings')).toBe('settings');
    expect(routeFromHash('#/api-keys/123')).toBe('api-keys');
    expect(routeFromHash('')).toBe('accounts');
    expect(routeFromHash('#token=abc')).toBe('accounts');
    expect(routeFromHash('#/nope')).toBe('accounts');
  });
});
