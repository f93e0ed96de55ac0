import { describe, expect, it } from 'vitest';
import { apiBaseUrl, BASE_URL_QUERY_MESSAGE, FULL_PATH_MESSAGE, localPath } from './validation';

describe('localPath', () => {
  it('accepts full paths and paths under the home folder', () => {
    for (const ok of [
      '/etc/chutes/config.ini',
      '~',
      '~/.chutes/config.ini',
      'C:\\Users\\a\\config.ini',
      '\\\\server\\share\\c.ini',
      '  /padded  ',
    ]) {
      expect(localPath.safeParse(ok).success, ok).toBe(true);
    }
  });

  it('refuses relative paths with a message saying what a full path looks like', () => {
    for (const bad of ['etc/passwd', 'config.ini', './config.ini', '../x', '~user/x', 'C:relative']) {
      const result = localPath.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message, bad).toBe(FULL_PATH_MESSAGE);
    }
  });
});

describe('apiBaseUrl', () => {
  it('accepts full http(s) addresses, with a port or a path', () => {
    for (const ok of [
      'https://api.chutes.ai',
      'http://127.0.0.1:8000',
      'http://127.0.0.1:8000/',
      'https://x.test/api',
    ]) {
      expect(apiBaseUrl.safeParse(ok).success, ok).toBe(true);
    }
  });

  it('refuses a ? or # anywhere, a bare one included, saying what to remove', () => {
    // A bare `?` leaves URL.search empty, yet `…?/ping` would ask the server for `/`.
    for (const bad of [
      'http://127.0.0.1:8000?',
      'http://127.0.0.1:8000#',
      'https://x.test/?',
      'https://x.test/a?b=1',
      'https://x.test/#top',
    ]) {
      const result = apiBaseUrl.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(
        result.error?.issues.map((issue) => issue.message),
        bad,
      ).toEqual([BASE_URL_QUERY_MESSAGE]);
    }
  });

  it('gives an address without a scheme the general message, even with a query', () => {
    expect(apiBaseUrl.safeParse('api.chutes.ai?x=1').error?.issues.map((issue) => issue.message)).toEqual([
      'Enter a full http:// or https:// address without a query, e.g. https://api.chutes.ai',
    ]);
  });
});
