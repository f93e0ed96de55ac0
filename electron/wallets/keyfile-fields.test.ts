import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual } from '../signer/bytes';
import { flatKeyfileFields, jsonKeyfileFields, type KeyfileFields } from './keyfile-fields';
import { makeKey, type TestKey } from './test-fixtures';

let key: TestKey;
beforeAll(async () => {
  key = await makeKey();
});

/** Everything classification can ask of a file, as plain values. */
function view(fields: KeyfileFields | null, expected: Uint8Array) {
  if (!fields) return null;
  const seed = fields.seed();
  return {
    secretSeed: fields.present('secretSeed'),
    privateKey: fields.present('privateKey'),
    secretPhrase: fields.present('secretPhrase'),
    ss58: fields.ss58(),
    publicKeyDiffers: fields.hexDiffers('publicKey', expected),
    accountIdDiffers: fields.hexDiffers('accountId', expected),
    seed: seed ? Array.from(seed) : null,
  };
}

/** What the general path sees: JSON.parse of the text (no redaction needed for the comparison). */
function viaJson(bytes: Buffer, expected: Uint8Array) {
  let json: unknown;
  try {
    const text = bytes.toString('utf8');
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  return view(jsonKeyfileFields(json as Record<string, unknown>, null), expected);
}

const publicKeyOf = (k: TestKey) => Uint8Array.from(Buffer.from((k.json.publicKey ?? '').slice(2), 'hex'));

describe('flatKeyfileFields', () => {
  it('reads btwallet files, compact or indented, with a BOM or CRLF', () => {
    const expected = publicKeyOf(key);
    for (const text of [
      JSON.stringify(key.json),
      JSON.stringify(key.json, null, 4),
      `\uFEFF${JSON.stringify(key.json)}`,
      JSON.stringify(key.json, null, 2).replace(/\n/g, '\r\n'),
    ]) {
      const bytes = Buffer.from(text);
      expect(view(flatKeyfileFields(bytes), expected)).toEqual(viaJson(bytes, expected));
    }
    const seed = flatKeyfileFields(Buffer.from(JSON.stringify(key.json)))?.seed();
    expect(seed && bytesEqual(seed, key.seed)).toBe(true);
  });

  it.each([
    ['an escape', `{"secretSeed":"\\u0030x00"}`],
    ['a number', '{"version":1}'],
    ['nesting', '{"a":{"b":null}}'],
    ['an array', '[]'],
    ['a trailing comma', '{"a":"b",}'],
    ['text after the object', '{"a":"b"} x'],
    ['a control byte in a string', '{"a":"b\tc"}'],
    ['an unterminated string', '{"a":"b'],
  ])('leaves %s to the general path', (_label, text) => {
    expect(flatKeyfileFields(Buffer.from(text))).toBeNull();
  });

  it('sees every flat file exactly as JSON.parse does (property)', () => {
    const expected = publicKeyOf(key);
    const hex = fc.constantFrom(key.json.publicKey ?? '', (key.json.publicKey ?? '').slice(2), '0x' + '00'.repeat(32));
    const value = fc.oneof(
      fc.constant(null),
      fc.string(),
      hex,
      fc.constantFrom(key.ss58, key.json.secretSeed ?? '', '', 'x'),
    );
    const name = fc.constantFrom(
      'accountId',
      'publicKey',
      'privateKey',
      'secretPhrase',
      'secretSeed',
      'ss58Address',
      'other',
      'ss58address',
    );
    const entries = fc.array(fc.tuple(name, value), { maxLength: 8 });
    const spacing = fc.constantFrom('', ' ', '\n  ', '\t', '\r\n');
    fc.assert(
      fc.property(entries, spacing, (pairs, ws) => {
        const body = pairs.map(([k, v]) => `${ws}${JSON.stringify(k)}${ws}:${ws}${JSON.stringify(v)}`).join(',');
        const bytes = Buffer.from(`${ws}{${body}${ws}}${ws}`);
        const flat = flatKeyfileFields(bytes);
        // Strings with escapes (quotes, backslashes, control characters) are the general path's.
        if (flat === null) expect(bytes.includes('\\')).toBe(true);
        else expect(view(flat, expected)).toEqual(viaJson(bytes, expected));
      }),
      { numRuns: 500 },
    );
  });
});
