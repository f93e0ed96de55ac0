import { describe, expect, it } from 'vitest';
import { FULL_PATH_MESSAGE, localPath } from './validation';

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
