import { describe, expect, it } from 'vitest';
import { plainTextRemote, serverShown } from './server-address';

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

  it('calls plain text only http:// to a host that is not this machine', () => {
    expect(plainTextRemote('http://chutes.lan:8000')).toBe(true);
    expect(plainTextRemote('http://0.0.0.0:1')).toBe(true);
    expect(plainTextRemote('HTTP://10.0.0.5/')).toBe(true);
    expect(plainTextRemote('https://10.0.0.5')).toBe(false);
    expect(plainTextRemote('http://127.0.0.1:8787')).toBe(false);
    expect(plainTextRemote('http://LOCALHOST:8000')).toBe(false);
    expect(plainTextRemote('http://[::1]:8000')).toBe(false);
    expect(plainTextRemote('not a url')).toBe(false);
  });
});
