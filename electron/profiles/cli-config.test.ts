import { describe, expect, it } from 'vitest';
import { scanIni } from './ini-lines';
import type { AppFailure } from '../../shared/errors';
import {
  cliConfigEdits,
  editCliConfig,
  parseCliConfig,
  renderCliConfig,
  stripSeedEdits,
  type CliConfigOutput,
} from './cli-config';

/** What the CLI's configparser reads (ini-configparser.test.ts checks this reader against it). */
const decode = (text: string) => scanIni(text).data;

const PATH = '/home/u/.chutes/config.ini';
const SS58 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const SEED = 'e5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a';

const full = (auth: string, extra = '') =>
  `[api]\nbase_url = https://staging.chutes.dev/\n\n[auth]\n${auth}\n\n[payment]\naddress = ${SS58}\n${extra}`;
const AUTH = `username = alice\nuser_id = 11111111-2222-3333-4444-555555555555\nhotkey_seed = ${SEED}\nhotkey_name = hk1\nhotkey_ss58address = ${SS58}`;

function failure(fn: () => unknown): AppFailure['appError'] {
  try {
    fn();
  } catch (error) {
    return (error as AppFailure).appError;
  }
  throw new Error('expected a failure');
}

describe('parseCliConfig', () => {
  it('reads the layout chutes register writes', () => {
    expect(parseCliConfig(full(AUTH), PATH)).toEqual({
      baseUrl: 'https://staging.chutes.dev',
      username: 'alice',
      userId: '11111111-2222-3333-4444-555555555555',
      hotkeySeed: SEED,
      hotkeyName: 'hk1',
      hotkeySs58: SS58,
      paymentAddress: SS58,
      paymentNote: null,
    });
  });

  it('treats [api] and [payment] as optional, like the CLI', () => {
    const values = parseCliConfig(`[auth]\n${AUTH}\n`, PATH);
    expect(values.baseUrl).toBeNull();
    expect(values.paymentAddress).toBeNull();
  });

  it('reads keys case-insensitively, as configparser does', () => {
    expect(parseCliConfig(full(AUTH.replace('username', 'UserName')), PATH).username).toBe('alice');
  });

  it('names the missing [auth] keys and the file', () => {
    const error = failure(() =>
      parseCliConfig(full(AUTH.replace(/^username.*\n/m, '').replace(/^hotkey_name.*\n/m, '')), PATH),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(`${PATH}: [auth] is missing username, hotkey_name.`);
    expect(error.detail?.fields).toEqual([
      { path: 'auth.username', message: 'missing or empty' },
      { path: 'auth.hotkey_name', message: 'missing or empty' },
    ]);
    expect(error.detail?.hint).toContain('username, user_id, hotkey_seed, hotkey_name and hotkey_ss58address');
  });

  it('treats an empty value as missing', () => {
    expect(
      failure(() =>
        parseCliConfig(full(AUTH.replace('user_id = 11111111-2222-3333-4444-555555555555', 'user_id =')), PATH),
      ).message,
    ).toContain('missing user_id');
  });

  it('says when there is no [auth] section at all', () => {
    const error = failure(() => parseCliConfig('[api]\nbase_url = https://api.chutes.ai\n', PATH));
    expect(error.message).toBe(`${PATH}: there is no [auth] section.`);
  });

  it('reports malformed INI by line without quoting the line', () => {
    const error = failure(() => parseCliConfig(`[auth\n${AUTH}\nhotkey_seed ${SEED}\n`, PATH));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/^\/home\/u\/\.chutes\/config\.ini: not a valid config\.ini — line 1: .*\[name\]/);
    expect(error.message).not.toContain(SEED);
    expect(JSON.stringify(error)).not.toContain(SEED);
  });

  it('refuses binary content and bad addresses', () => {
    expect(failure(() => parseCliConfig('\u0000\u0001', PATH)).message).toContain('not a text file');
    expect(
      failure(() =>
        parseCliConfig(full(AUTH.replace(`hotkey_ss58address = ${SS58}`, 'hotkey_ss58address = nope')), PATH),
      ).message,
    ).toContain('hotkey_ss58address is not an SS58 address');
    expect(
      failure(() => parseCliConfig(full(AUTH).replace('https://staging.chutes.dev/', 'ftp://x'), PATH)).message,
    ).toContain('base_url');
  });

  it('imports the rest of a file whose [payment] address it cannot use, which the CLI never reads, and says why', () => {
    const commented = parseCliConfig(
      full(AUTH).replace(`\naddress = ${SS58}`, `\naddress = ${SS58} ; send tao here`),
      PATH,
    );
    expect(commented).toMatchObject({ username: 'alice', hotkeySs58: SS58, paymentAddress: null });
    expect(commented.paymentNote).toBe(
      '[payment] address was not read: it is not an SS58 address (values are read literally: no quotes, no comments after the value). The rest of the file was imported, without a payment address; the chutes CLI never reads [payment], so it is not affected.',
    );
    const percent = parseCliConfig(full(AUTH).replace(`\naddress = ${SS58}`, '\naddress = 5%'), PATH);
    expect(percent.paymentAddress).toBeNull();
    expect(percent.paymentNote).toMatch(
      /^\[payment\] address was not read: its value cannot be read \(line 12: .+\)\. The rest/,
    );
  });
});

const OUTPUT: CliConfigOutput = {
  baseUrl: 'https://api.chutes.ai',
  username: 'alice',
  userId: 'u-1',
  hotkeySeed: SEED,
  hotkeyName: 'default',
  hotkeySs58: SS58,
  paymentAddress: SS58,
};

describe('renderCliConfig', () => {
  it('writes exactly the `../shared/reference/chutes-account-api.md` §2.5 layout', () => {
    expect(renderCliConfig(OUTPUT)).toBe(
      [
        '[api]',
        'base_url = https://api.chutes.ai',
        '',
        '[auth]',
        'username = alice',
        'user_id = u-1',
        `hotkey_seed = ${SEED}`,
        'hotkey_name = default',
        `hotkey_ss58address = ${SS58}`,
        '',
        '[payment]',
        `address = ${SS58}`,
        '',
      ].join('\n'),
    );
  });

  it('omits hotkey_seed (and an unknown payment address) when not given', () => {
    const text = renderCliConfig({ ...OUTPUT, hotkeySeed: null, paymentAddress: null });
    expect(text).not.toContain('hotkey_seed');
    expect(text).not.toContain('[payment]');
    expect(decode(text)).toEqual({
      api: { base_url: OUTPUT.baseUrl },
      auth: { username: 'alice', user_id: 'u-1', hotkey_name: 'default', hotkey_ss58address: SS58 },
    });
  });
});

describe('editCliConfig', () => {
  it('rewrites the account keys of an existing file and keeps everything else', () => {
    const existing =
      '# mine\n[auth]\nusername = old\nhotkey_seed = ' + 'cd'.repeat(32) + '\nextra = keep\n\n[tools]\neditor = vim\n';
    const out = editCliConfig(existing, PATH, cliConfigEdits({ ...OUTPUT, hotkeySeed: null }));
    expect(out.startsWith('# mine\n[auth]\nusername = alice\n')).toBe(true);
    expect(out).not.toContain('hotkey_seed');
    expect(decode(out)).toMatchObject({
      auth: { extra: 'keep' },
      tools: { editor: 'vim' },
      api: { base_url: OUTPUT.baseUrl },
    });
  });
});

describe('config.ini read and written as the CLI reads it', () => {
  it('reads values literally and resolves "%%", "%(name)s" and [DEFAULT] like configparser', () => {
    const text = full(AUTH.replace('hotkey_name = hk1', 'hotkey_name = %(team)s#2%%'), '[DEFAULT]\nteam = miner\n');
    expect(parseCliConfig(text, PATH).hotkeyName).toBe('miner#2%');
    const inherited = `[DEFAULT]\nhotkey_name = from-default\n[auth]\n${AUTH.replace(/^hotkey_name.*\n/m, '')}\n`;
    expect(parseCliConfig(inherited, PATH).hotkeyName).toBe('from-default');
  });

  it('refuses a "%" the CLI would die on, naming the key and line but not the value', () => {
    const error = failure(() => parseCliConfig(full(AUTH.replace('username = alice', 'username = 50%off')), PATH));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(
      'auth.username (line 5: it has a "%" the CLI cannot read: write a literal "%" as "%%")',
    );
    expect(error.message).toContain('The chutes CLI stops with an error on this file too.');
    expect(JSON.stringify(error)).not.toContain('50%off');
  });

  it('refuses a base_url or address with a comment or quotes after it, saying the CLI reads them literally', () => {
    const commented = full(AUTH).replace('https://staging.chutes.dev/', 'https://staging.chutes.dev/ ; staging');
    expect(failure(() => parseCliConfig(commented, PATH)).message).toContain('reads values literally');
    const quoted = full(AUTH.replace(`hotkey_ss58address = ${SS58}`, `hotkey_ss58address = "${SS58}"`));
    expect(failure(() => parseCliConfig(quoted, PATH)).message).toContain('hotkey_ss58address is not an SS58 address');
  });

  it('points at [ auth ] written with spaces, which the CLI does not read as [auth]', () => {
    const error = failure(() => parseCliConfig(`[ auth ]\n${AUTH}\n`, PATH));
    expect(error.message).toContain('there is no [auth] section');
    expect(error.detail?.hint).toContain('[ auth ]');
  });

  it('accepts the "key: value" lines, indented keys and commented headers configparser accepts', () => {
    const text = `[auth] ; mine\n${AUTH.replace(/ = /g, ': ').replace(/^/gm, '  ')}\n`;
    expect(parseCliConfig(text, PATH).userId).toBe('11111111-2222-3333-4444-555555555555');
  });

  it('writes "=", ";", "#" and quotes as they are and "%" as "%%", never quoting a value', () => {
    const text = renderCliConfig({ ...OUTPUT, baseUrl: 'https://proxy.example/a=b%20c', hotkeyName: '"50%" #1; x' });
    expect(text).toContain('base_url = https://proxy.example/a=b%%20c\n');
    expect(text).toContain('hotkey_name = "50%%" #1; x\n');
    const back = parseCliConfig(text, PATH);
    expect(back.baseUrl).toBe('https://proxy.example/a=b%20c');
    expect(back.hotkeyName).toBe('"50%" #1; x');
  });

  it('strips the seed from [DEFAULT] too when it is the same one, and refuses when [DEFAULT] holds another', () => {
    const same = `[DEFAULT]\nhotkey_seed = ${SEED}\n[auth]\n${AUTH}\n`;
    const stripped = editCliConfig(same, PATH, stripSeedEdits(same, PATH, SEED));
    expect(stripped).not.toContain(SEED);
    const other = same.replace(`[DEFAULT]\nhotkey_seed = ${SEED}`, `[DEFAULT]\nhotkey_seed = ${'ab'.repeat(32)}`);
    const error = failure(() => stripSeedEdits(other, PATH, SEED));
    expect(error).toMatchObject({ code: 'conflict', reason: 'config-not-editable' });
    expect(JSON.stringify(error)).not.toContain('ab'.repeat(32));
  });

  it('removes a [DEFAULT] hotkey_seed in an export without the seed, where the CLI would still find it', () => {
    const existing = `[DEFAULT]\nhotkey_seed = ${SEED}\n[auth]\nusername = old\n`;
    const out = editCliConfig(existing, PATH, cliConfigEdits({ ...OUTPUT, hotkeySeed: null }));
    expect(out).not.toContain('hotkey_seed');
  });

  it('leaves the process untouched by a section or key named like an object property', () => {
    const hostile = `[__proto__]\nauth = x\nbody = y\n[auth]\nusername = %(constructor)s\n`;
    expect(failure(() => parseCliConfig(hostile, PATH)).code).toBe('invalid-input');
    expect(({} as Record<string, unknown>).auth).toBeUndefined();
    expect(({} as Record<string, unknown>).body).toBeUndefined();
    expect(parseCliConfig(full(AUTH), PATH).username).toBe('alice');
  });

  it('refuses to strip a seed that the file holds under another key through %(…)s', () => {
    const text = `[auth]\n${AUTH.replace(`hotkey_seed = ${SEED}`, 'hotkey_seed = %(real)s')}\nreal = ${SEED}\n`;
    expect(parseCliConfig(text, PATH).hotkeySeed).toBe(SEED);
    const error = failure(() => stripSeedEdits(text, PATH, SEED));
    expect(error).toMatchObject({ code: 'conflict', reason: 'config-not-editable' });
    expect(error.message).toContain('would leave the seed in the file');
  });
});
