import { describe, expect, it } from 'vitest';
import { registrationContract } from './contract/registration';
import { registerBaseUrl, TOKEN_RE, tokenPageUrl, usernameProblem, USERNAME_RE } from './registration';

// The rules of `../shared/reference/chutes-account-api.md` §2.2 and §2.3.
describe('registration rules (§2.2, §2.3)', () => {
  it('usernameProblem agrees with the server regex and says what is wrong', () => {
    for (const name of ['abc', 'a_b-c', 'ABCDEFGHIJKLMNO', '123']) expect(usernameProblem(name)).toBeNull();
    for (const name of ['', 'ab', 'abcdefghijklmnop', 'a b', 'ä123', 'a.b', 'a/b']) {
      expect(usernameProblem(name)).not.toBeNull();
      expect(USERNAME_RE.test(name)).toBe(false);
    }
    expect(usernameProblem('ab')).toBe('Use at least 3 characters.');
    expect(usernameProblem('sixteen_chars_xx')).toContain('at most 15');
    expect(usernameProblem('a.b c.')).toBe(
      'Only letters, digits, underscore (_) and dash (-) are allowed; remove “.”, space.',
    );
  });

  it('production registers through rtok and gets its token there; other servers use their own pages', () => {
    expect(tokenPageUrl('https://api.chutes.ai/')).toBe('https://rtok.chutes.ai/users/registration_token');
    expect(registerBaseUrl('https://api.chutes.ai')).toBe('https://rtok.chutes.ai');
    expect(tokenPageUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/users/registration_token');
    expect(registerBaseUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
  });

  it('a token is a UUID', () => {
    expect(TOKEN_RE.test('0c6b1a44-5d63-4c4c-9d6e-2c2a3b1f0e11')).toBe(true);
    expect(TOKEN_RE.test('0c6b1a445d634c4c9d6e2c2a3b1f0e11')).toBe(false);
    expect(TOKEN_RE.test('replaceme')).toBe(false);
  });

  it('a token pasted in capitals or with spaces around it is sent as the server issued it: lower case, trimmed', () => {
    const input = {
      baseUrl: 'http://127.0.0.1:8787',
      username: 'alice',
      walletId: 'w1',
      hotkeyId: 'h1',
      token: ' 0C6B1A44-5D63-4C4C-9D6E-2C2A3B1F0E11 ',
    };
    expect(registrationContract.previewRegistration.input.parse(input).token).toBe(
      '0c6b1a44-5d63-4c4c-9d6e-2c2a3b1f0e11',
    );
    const dashless = { ...input, token: '0c6b1a445d634c4c9d6e2c2a3b1f0e11' };
    expect(registrationContract.previewRegistration.input.safeParse(dashless).success).toBe(false);
  });
});
