import { describe, expect, it } from 'vitest';
import { serverShown } from './server-shown';

describe('serverShown', () => {
  it('shows http:// for a plain-text server elsewhere, and the host alone otherwise', () => {
    expect(serverShown('http://chutes.lan:8000')).toBe('http://chutes.lan:8000');
    expect(serverShown('http://10.0.0.5')).toBe('http://10.0.0.5');
    expect(serverShown('https://api.chutes.ai')).toBe('api.chutes.ai');
    expect(serverShown('http://127.0.0.1:43293')).toBe('127.0.0.1:43293');
    expect(serverShown('http://localhost:8000')).toBe('localhost:8000');
    expect(serverShown('http://[::1]:8000')).toBe('[::1]:8000');
    expect(serverShown('not a url')).toBe('not a url');
  });
});
