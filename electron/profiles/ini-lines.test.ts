import { decode } from 'ini';
import { describe, expect, it } from 'vitest';
import { isIniSafeValue, patchIni, scanIni } from './ini-lines';

const SAMPLE = [
  '# written by chutes register',
  '[api]',
  'base_url = https://api.chutes.ai',
  '',
  '[auth]',
  'username = alice',
  'hotkey_seed = 00ff',
  '; keep me',
  '',
  '[custom]',
  'colour = blue',
  '',
].join('\n');

describe('scanIni', () => {
  it('accepts what the CLI writes', () => {
    expect(scanIni(SAMPLE).problems).toEqual([]);
  });

  it('reports each line the CLI would reject, with line numbers and without echoing the content', () => {
    const secret = 'ab'.repeat(32);
    const { problems } = scanIni(
      ['stray = 1', '[auth', '[auth]', secret, 'username: bob', '= x', 'a = 1', 'A = 2', '[auth]'].join('\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([1, 2, 4, 5, 6, 8, 9]);
    expect(problems[0]?.message).toContain('before the first [section]');
    expect(problems[1]?.message).toContain('[name]');
    expect(problems[3]?.message).toContain('use "=" rather than ":"');
    expect(problems[5]?.message).toContain('appears twice in [auth] (first on line 7)');
    expect(problems[6]?.message).toContain('[auth] appears again');
    expect(JSON.stringify(problems)).not.toContain(secret);
  });
});

describe('patchIni', () => {
  it('replaces and removes keys in place, keeping comments, unknown sections and order', () => {
    const out = patchIni(SAMPLE, [
      { section: 'auth', key: 'username', value: 'bob' },
      { section: 'auth', key: 'hotkey_seed', value: null },
    ]);
    expect(out).toBe(SAMPLE.replace('username = alice', 'username = bob').replace('hotkey_seed = 00ff\n', ''));
  });

  it('adds missing keys at the end of their section and missing sections at the end of the file', () => {
    const out = patchIni(SAMPLE, [
      { section: 'auth', key: 'user_id', value: 'u-1' },
      { section: 'payment', key: 'address', value: '5Abc' },
    ]);
    expect(out).toContain('hotkey_seed = 00ff\nuser_id = u-1\n; keep me');
    expect(out.endsWith('colour = blue\n\n[payment]\naddress = 5Abc\n')).toBe(true);
    expect(decode(out)).toMatchObject({ custom: { colour: 'blue' }, payment: { address: '5Abc' } });
  });

  it('matches keys case-insensitively, drops continuation lines with their key and keeps CRLF', () => {
    const text = '[auth]\r\nHOTKEY_SEED = aa\r\n  bb\r\nname = x\r\n';
    expect(patchIni(text, [{ section: 'auth', key: 'hotkey_seed', value: null }])).toBe('[auth]\r\nname = x\r\n');
  });

  it('builds a file from nothing', () => {
    expect(patchIni('', [{ section: 'api', key: 'base_url', value: 'https://x' }])).toBe(
      '[api]\nbase_url = https://x\n',
    );
  });

  it('refuses values that would not read back the same', () => {
    expect(() => patchIni('', [{ section: 'a', key: 'k', value: 'x\ny = 1' }])).toThrow(/unsafe/);
    for (const bad of ['a;b', 'a#b', ' a', '"q"', '[x', '']) expect(isIniSafeValue(bad)).toBe(false);
    expect(isIniSafeValue('https://api.chutes.ai/v1')).toBe(true);
  });
});
