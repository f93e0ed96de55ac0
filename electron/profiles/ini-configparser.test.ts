import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTION, patchIni, scanIni, type IniEdit } from './ini-lines';
import { iniGet } from './ini-values';

/**
 * The chutes CLI reads config.ini with Python's `configparser.ConfigParser()`; this compares our
 * reader with the real one (python3 from the system, as `npm test` documents) on files written to
 * disk, so line endings and a byte-order mark reach it as they would reach the CLI.
 */
const CASES: Record<string, string> = {
  canonical: '[api]\nbase_url = https://api.chutes.ai\n\n[auth]\nusername = alice\nuser_id = u-1\n',
  'inline comment and hash': '[api]\nbase_url = https://api.chutes.ai   ; production\n[auth]\nname = miner#2\n',
  quotes: '[api]\nbase_url = "https://api.chutes.ai"\n',
  colon: '[auth]\nusername: alice\nuser_id : u-1\nx = a:b=c\ny: a=b\n',
  'section spaces': '[ auth ]\nusername = alice\n',
  'section comment': '[auth]   ; credentials\nusername = alice\n',
  'section bracket inside': '[auth]x]\na = 1\n',
  'indented keys': '[auth]\n  username = alice\n  user_id = u-1\n',
  continuations: '[auth]\na = 1\n  more\n\n  after blank\n# comment\n  after comment\nb = 2\n',
  'deeper then shallower': '[auth]\n    a = 1\n  b = 2\n      c = 3\nd = 4\n',
  'indented header': '[auth]\na = 1\n  [api]\nb = 2\n',
  'header after section': '[api]\n  [auth]\n  a = 1\n',
  default: '[DEFAULT]\nhotkey_name = hk\nteam = blue\n[auth]\nusername = %(team)s-alice\n[api]\n',
  'default twice': '[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[x]\n',
  percent: '[auth]\npct = 50%%\nref = %(pct)s!\nnested = %(ref)s?\n',
  'bad percent': '[auth]\na = 50%\nb = %(missing)s\nc = %(a\nd = %(b)x\n',
  'interpolation loop': '[auth]\nx = %(y)s\ny = %(x)s\n',
  'mixed case keys': '[auth]\nUserName = alice\nUSER_ID = u\n',
  'case sections': '[Auth]\na = 1\n[auth]\nb = 2\n',
  'empty values': '[auth]\na =\nb = \nc=\n',
  crlf: '[auth]\r\na = 1\r\n  two\r\nb = 2',
  'lone cr': '[auth]\ra = 1\rb = 2\r',
  'no final newline': '[auth]\na = 1',
  'unicode spaces': '[auth]\na =\u00a0x\u00a0\n\u3000b = 2\n',
  'crazy delimiters': '[auth]\n= x\n: y\n',
  'duplicate key': '[auth]\na = 1\nA = 2\n',
  'duplicate section': '[auth]\na = 1\n[auth]\nb = 2\n',
  'key before section': 'a = 1\n[auth]\n',
  'not a key': '[auth]\njust words\n',
  bom: '\uFEFF[auth]\na = 1\n',
  'comment before bom-less start': '; hi\n# there\n[auth]\na = 1\n',
  tabs: '[auth]\n\ta = 1\n\t\tmore\n\tb = 2\n',
  'value with brackets': '[auth]\na = [x]\nb = ;c\n',
  'empty first line': '[auth]\nhotkey_seed =\n  abcd\nb =\n\n  c\n',
  'object names': '[__proto__]\nauth = x\n[auth]\nconstructor = %(constructor)s\nx = %(__proto__)s\ntostring = 1\n',
  'line separators': '[auth]\na = x\u2028y\n[b\u2029c]\nd = 1\n',
};

const PY = `
import configparser, json, sys
out = {}
for name, p in json.load(sys.stdin).items():
    cp = configparser.ConfigParser()
    try:
        with open(p, encoding='utf-8') as f:
            cp.read_file(f)
    except configparser.Error:
        out[name] = None
        continue
    res = {}
    for section in ['DEFAULT'] + cp.sections():
        keys = cp.defaults() if section == 'DEFAULT' else cp[section]
        vals = {}
        for key in keys:
            try:
                vals[key] = ['value', cp.get(section, key)]
            except configparser.Error:
                vals[key] = ['error']
        res[section] = vals
    out[name] = res
print(json.dumps(out))
`;

type PyResult = Record<string, Record<string, ['value', string] | ['error']>> | null;

function ours(text: string): PyResult {
  const { problems, data } = scanIni(text);
  if (problems.length > 0) return null;
  const defaults = data[DEFAULT_SECTION] ?? {};
  // Object.fromEntries: own properties, so a section named `__proto__` compares like any other.
  return Object.fromEntries(
    [DEFAULT_SECTION, ...Object.keys(data).filter((s) => s !== DEFAULT_SECTION)].map((section) => [
      section,
      Object.fromEntries(
        [...new Set([...Object.keys(data[section] ?? {}), ...Object.keys(defaults)])].map((key) => {
          const got = iniGet(data, section, key);
          return [key, got.kind === 'value' ? ['value', got.value] : ['error']];
        }),
      ),
    ]),
  );
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'chutes-ini-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python(files: Record<string, string>): Record<string, PyResult> {
  const paths = Object.fromEntries(
    Object.entries(files).map(([name, text], i) => {
      const file = path.join(dir, `${i}.ini`);
      writeFileSync(file, text);
      return [name, file];
    }),
  );
  try {
    return JSON.parse(
      execFileSync('python3', ['-c', PY], { input: JSON.stringify(paths), encoding: 'utf8' }),
    ) as Record<string, PyResult>;
  } catch (error) {
    throw new Error('python3 with configparser is needed for this test (apt-get install python3)', { cause: error });
  }
}

describe('config.ini as the chutes CLI reads it', () => {
  it('matches Python configparser on every case: whether the file loads, and every value or error', () => {
    const expected = python(CASES);
    for (const [name, text] of Object.entries(CASES))
      expect({ name, read: ours(text) }).toEqual({ name, read: expected[name] });
  });

  it('edits files so that configparser reads exactly the intended values', () => {
    const edits: IniEdit[] = [
      { section: 'auth', key: 'hotkey_seed', value: null },
      { section: 'auth', key: 'username', value: 'bob;#"x"' },
      { section: 'auth', key: 'hotkey_name', value: '50%%hk' },
      { section: 'api', key: 'base_url', value: 'https://x/a%%20b' },
    ];
    const sources: Record<string, string> = {
      plain: '[auth]\nusername = alice\nhotkey_seed = aa\n',
      indented: '[auth]\n  username = alice\n  hotkey_seed = aa\n    bb\n  user_id = u\n',
      crlf: '[auth]\r\nusername = alice\r\nhotkey_seed = aa\r\n[payment]\r\naddress = x',
      comments: '# top\n[auth] ; c\nusername: alice\n; note\nhotkey_seed = aa\n\n[api]\n',
    };
    const patched = Object.fromEntries(Object.entries(sources).map(([name, text]) => [name, patchIni(text, edits)]));
    const read = python(patched);
    for (const name of Object.keys(sources)) {
      expect(read[name]?.auth).toMatchObject({ username: ['value', 'bob;#"x"'], hotkey_name: ['value', '50%hk'] });
      expect(read[name]?.auth).not.toHaveProperty('hotkey_seed');
      expect(read[name]?.api).toEqual({ base_url: ['value', 'https://x/a%20b'] });
      expect(ours(patched[name] ?? '')).toEqual(read[name]);
    }
  });
});
