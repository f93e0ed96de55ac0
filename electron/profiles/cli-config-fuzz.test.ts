import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { editCliConfig, parseCliConfig, stripSeedEdits } from './cli-config';

// config.ini is user input: whatever a file holds, reading or editing it fails only as a typed
// AppFailure, never as an exception of our own (an `internal` error), and never touches the process.
const PIECES = [
  '[auth]',
  '[api]',
  '[DEFAULT]',
  '[__proto__]',
  '[constructor]',
  '[ auth ]',
  '[payment]',
  'username = a',
  'user_id: u',
  'hotkey_seed = %(x)s',
  'hotkey_seed =',
  'hotkey_name = 50%',
  'x = %(hotkey_name)s',
  'hotkey_ss58address = 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  '  continued',
  '\t\tdeeper',
  '# c',
  '; c',
  '',
  '=',
  ':',
  '__proto__ = 1',
  'constructor = %(constructor)s',
  'toString = x',
  '\uFEFF',
  '\u2028',
  '[',
  ']',
];
const fileText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 25 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));

function typedOrNothing(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
  }
}

describe('config.ini under arbitrary input', () => {
  it('reads, strips and edits with typed failures only, leaving Object.prototype alone', () => {
    fc.assert(
      fc.property(fileText, (text) => {
        typedOrNothing(() => parseCliConfig(text, '/x/config.ini'));
        typedOrNothing(() => editCliConfig(text, '/x/config.ini', stripSeedEdits(text, '/x/config.ini', 'ab')));
        typedOrNothing(() =>
          editCliConfig(text, '/x/config.ini', [{ section: 'auth', key: 'username', value: 'bob' }]),
        );
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});
