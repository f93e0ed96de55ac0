import { describe, expect, it } from 'vitest';
import { isWindowsPath, plaintextSeedWarning } from './profile-texts';

describe('plaintextSeedWarning', () => {
  it('promises a private file only where the app can make one (not on Windows, where modes do not set access)', () => {
    expect(plaintextSeedWarning(false)).toContain('The app makes the file readable only by you;');
    const windows = plaintextSeedWarning(true);
    expect(windows).not.toContain('readable only by you');
    expect(windows).toContain(
      'Keep the file inside your user folder, where other users of this computer cannot read it;',
    );
  });

  it('tells a Windows path main gave from a POSIX one', () => {
    expect(isWindowsPath('C:\\Users\\u\\.chutes\\config.ini')).toBe(true);
    expect(isWindowsPath('d:/chutes/config.ini')).toBe(true);
    expect(isWindowsPath('\\\\server\\share\\config.ini')).toBe(true);
    expect(isWindowsPath('/home/u/.chutes/config.ini')).toBe(false);
    expect(isWindowsPath('')).toBe(false);
  });
});
