import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseServeArgs } from './serve-args';

const fails = (argv: string[]) => {
  try {
    parseServeArgs(argv);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('the web host command line', () => {
  it('takes the documented flags in both forms, and the default port without one', () => {
    expect(parseServeArgs([]).port).toBe(DEFAULT_PORT);
    expect(parseServeArgs(['--port', '0']).port).toBe(0);
    expect(parseServeArgs(['--port=9000']).port).toBe(9000);
    // As the e2e fixture and the bench start it, with a wallets folder after.
    expect(parseServeArgs(['--port', '0', '--wallets-path', '/srv/w'])).toEqual({
      port: 0,
      values: { '--port': '0', '--wallets-path': '/srv/w' },
    });
    expect(parseServeArgs(['--wallets-path=/srv/w']).values['--wallets-path']).toBe('/srv/w');
  });

  it('refuses a port flag without its value instead of picking a random or the default port', () => {
    expect(fails(['--port='])).toBe('--port needs a value (--port 9000, say).');
    expect(fails(['--port'])).toBe('--port needs a value (--port 9000, say).');
    expect(fails(['--port', '--wallets-path', '/w'])).toBe('--port needs a value (--port 9000, say).');
    expect(fails(['--wallets-path='])).toBe('--wallets-path needs a value (--wallets-path DIR).');
    expect(fails(['--port', '0x10'])).toMatch(/^--port must be a whole number from 0 to 65535 \(got "0x10"\)/);
    expect(fails(['--port', '0', '--port', '9000'])).toBe('--port is given twice (0 and 9000): give it once.');
  });

  it('names flags it does not take, mistyped or not, instead of ignoring them', () => {
    expect(fails(['--host', '0.0.0.0'])).toBe(
      'The web host does not take these arguments: --host 0.0.0.0. It takes --port N (0 = any free port) and --wallets-path DIR, as `npm run serve -- --port 9000`.',
    );
    expect(fails(['--prot', '9000'])).toMatch(/^The web host does not take these arguments: --prot 9000\./);
    expect(fails(['--port', '0', '--open'])).toMatch(/^The web host does not take this argument: --open\./);
  });
});
