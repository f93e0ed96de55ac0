import { describe, expect, it } from 'vitest';
import { escapeIniValue, isIniSafeValue, patchIni, scanIni } from './ini-lines';
import { iniGet } from './ini-values';

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

const data = (text: string) => scanIni(text).data;

describe('scanIni', () => {
  it('accepts what the CLI writes', () => {
    expect(scanIni(SAMPLE).problems).toEqual([]);
  });

  it('reports each line the CLI would reject, with line numbers and without echoing the content', () => {
    const secret = 'ab'.repeat(32);
    const { problems } = scanIni(
      ['stray = 1', '[auth', '[auth]', secret, 'username: bob', '= x', 'a = 1', 'A = 2', '[auth]'].join('\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([1, 2, 4, 6, 8, 9]);
    expect(problems[0]?.message).toContain('before the first [section]');
    expect(problems[1]?.message).toContain('[name]');
    expect(problems[2]?.message).toContain('expected "key = value"');
    expect(problems[3]?.message).toContain('no key before it');
    expect(problems[4]?.message).toContain('appears twice in [auth] (first on line 7)');
    expect(problems[5]?.message).toContain('[auth] appears again');
    expect(JSON.stringify(problems)).not.toContain(secret);
  });

  it('reads values literally, as configparser does: no inline comments, no unquoting, ":" as a delimiter', () => {
    const read = data('[auth]\nname = miner#2 ; not a comment\nquoted = "x"\nuser_id: u-1\n');
    expect(read.auth).toEqual({ name: 'miner#2 ; not a comment', quoted: '"x"', user_id: 'u-1' });
  });

  it('keeps section names exactly as written and allows text after the closing bracket', () => {
    expect(Object.keys(data('[ auth ]\na = 1\n[api] ; the server\nb = 2\n'))).toEqual([' auth ', 'api']);
  });

  it('continues a value only on lines indented deeper than its key, across blank and comment lines', () => {
    const read = data('[auth]\n  a = 1\n  b = 2\n    more\n# note\n\n    last\nc = 3\n');
    expect(read.auth).toEqual({ a: '1', b: '2\nmore\n\nlast', c: '3' });
  });

  it('refuses a byte-order mark, which the CLI reads as text before the first section', () => {
    expect(scanIni('\uFEFF[auth]\na = 1\n').problems).toEqual([
      { line: 1, message: expect.stringContaining('byte-order mark') as unknown },
    ]);
  });
});

describe('iniGet', () => {
  const text = '[DEFAULT]\nteam = blue\n[auth]\nname = %(team)s-hk\npct = 50%%\nbad = 50%\nmissing = %(nope)s\n';

  it('interpolates like configparser and falls back to [DEFAULT]', () => {
    const read = data(text);
    expect(iniGet(read, 'auth', 'name')).toEqual({ kind: 'value', value: 'blue-hk' });
    expect(iniGet(read, 'auth', 'pct')).toEqual({ kind: 'value', value: '50%' });
    expect(iniGet(read, 'auth', 'team')).toEqual({ kind: 'value', value: 'blue' });
    expect(iniGet(read, 'api', 'team')).toEqual({ kind: 'missing' });
  });

  it('says what is wrong with a "%" without quoting the value', () => {
    const read = data(text);
    expect(iniGet(read, 'auth', 'bad')).toEqual({ kind: 'error', message: expect.stringContaining('"%%"') as unknown });
    expect(iniGet(read, 'auth', 'missing')).toMatchObject({ kind: 'error' });
    const loop = data('[a]\nx = %(y)s\ny = %(x)s\n');
    expect(iniGet(loop, 'a', 'x')).toEqual({ kind: 'error', message: expect.stringContaining('10 deep') as unknown });
  });

  it('stops references that would expand a small file into gigabytes, or be followed 10¹⁰ times, with a message', () => {
    // Ten references per level, ten levels: 10 KB at the bottom would become 10¹⁴ bytes.
    const levels = (bottom: string) =>
      `[a]\nl0 = ${bottom}\n` + Array.from({ length: 9 }, (_, i) => `l${i + 1} = ${`%(l${i})s`.repeat(10)}\n`).join('');
    const big = iniGet(data(levels('x'.repeat(10_000))), 'a', 'l9');
    expect(big).toEqual({ kind: 'error', message: expect.stringContaining('expand to more than 1 MiB') as unknown });
    const empty = iniGet(data(levels('')), 'a', 'l9');
    expect(empty).toEqual({ kind: 'error', message: expect.stringContaining('more than 10,000 times') as unknown });
    // Within both bounds it still expands as configparser does.
    expect(iniGet(data(levels('ab')), 'a', 'l3')).toEqual({ kind: 'value', value: 'ab'.repeat(1000) });
  });
});

describe('scanIni on long lines', () => {
  it('reads a line of 200,000 spaces between text in linear time (no regex backtracking), as configparser does', () => {
    const spaces = ' '.repeat(200_000);
    const started = performance.now();
    const read = scanIni(`[a]\nk${spaces}x = v${spaces}w${spaces}\nno delimiter${spaces}here\n`);
    // A quadratic scan of these lines takes minutes; a linear one, milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(read.data.a).toEqual({ [`k${spaces}x`]: `v${spaces}w` });
    expect(read.problems.map((p) => p.line)).toEqual([3]);
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
    expect(data(out)).toMatchObject({ custom: { colour: 'blue' }, payment: { address: '5Abc' } });
  });

  it('matches keys case-insensitively, drops continuation lines with their key and keeps CRLF', () => {
    const text = '[auth]\r\nHOTKEY_SEED = aa\r\n  bb\r\nname = x\r\n';
    expect(patchIni(text, [{ section: 'auth', key: 'hotkey_seed', value: null }])).toBe('[auth]\r\nname = x\r\n');
  });

  it("keeps each line's own ending and a missing final newline", () => {
    const text = '[auth]\r\nname = x\nhotkey_seed = aa\r\nuser_id = u';
    expect(patchIni(text, [{ section: 'auth', key: 'hotkey_seed', value: null }])).toBe(
      '[auth]\r\nname = x\nuser_id = u',
    );
    expect(patchIni(text, [{ section: 'auth', key: 'username', value: 'bob' }])).toBe(
      '[auth]\r\nname = x\nhotkey_seed = aa\r\nuser_id = u\r\nusername = bob\r\n',
    );
  });

  it('writes replaced and added keys with the indentation of their section, so they stay keys', () => {
    const text = '[auth]\n  name = x\n  hotkey_seed = aa\n  user_id = u\n';
    const out = patchIni(text, [
      { section: 'auth', key: 'name', value: 'y' },
      { section: 'auth', key: 'username', value: 'bob' },
    ]);
    expect(out).toBe('[auth]\n  name = y\n  hotkey_seed = aa\n  user_id = u\n  username = bob\n');
    expect(data(out).auth).toEqual({ name: 'y', hotkey_seed: 'aa', user_id: 'u', username: 'bob' });
  });

  it('builds a file from nothing', () => {
    expect(patchIni('', [{ section: 'api', key: 'base_url', value: 'https://x' }])).toBe(
      '[api]\nbase_url = https://x\n',
    );
  });

  it('refuses values that would not read back the same, and escapes "%"', () => {
    expect(() => patchIni('', [{ section: 'a', key: 'k', value: 'x\ny = 1' }])).toThrow(/unsafe/);
    for (const bad of [' a', 'a ', '', 'a\tb', 'a\u0085']) expect(isIniSafeValue(bad)).toBe(false);
    for (const good of ['a;b', 'a#b', '"q"', '[x', 'https://api.chutes.ai/v1']) expect(isIniSafeValue(good)).toBe(true);
    const out = patchIni('', [{ section: 'auth', key: 'hotkey_name', value: escapeIniValue('50%hk') }]);
    expect(out).toBe('[auth]\nhotkey_name = 50%%hk\n');
    expect(iniGet(data(out), 'auth', 'hotkey_name')).toEqual({ kind: 'value', value: '50%hk' });
  });
});
