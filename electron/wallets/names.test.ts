import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alnumCompare, entryFromBytes, escapedName, naturalSort, plainNameFromId } from './names';

describe('entry ids', () => {
  it('uses the name itself for clean UTF-8', () => {
    expect(entryFromBytes(Buffer.from('default'))).toMatchObject({ id: 'default', name: 'default' });
    expect(entryFromBytes(Buffer.from('wället-ß'))).toMatchObject({ id: 'wället-ß', name: 'wället-ß' });
  });

  it('gives non-UTF-8 names a display name with the stray bytes escaped, and a reversible id', () => {
    const bytes = Buffer.from([0x66, 0xff, 0x6f]);
    const entry = entryFromBytes(bytes);
    expect(entry.name).toBe('f\\xFFo');
    expect(entry.id).toBe('hex:66ff6f');
    expect(plainNameFromId(entry.id)?.equals(bytes)).toBe(true);
  });

  it('keeps valid sequences around stray bytes, and escapes truncated or overlong ones byte by byte', () => {
    const ok = Buffer.from('é', 'utf8');
    expect(escapedName(Buffer.concat([ok, Buffer.from([0xfe]), ok]))).toBe('é\\xFEé');
    expect(escapedName(Buffer.from([0x61, 0xe2, 0x82]))).toBe('a\\xE2\\x82');
    expect(escapedName(Buffer.from([0xc0, 0xaf]))).toBe('\\xC0\\xAF');
    expect(escapedName(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xED\\xA0\\x80');
    // A backslash of its own is doubled, so every \x in an escaped name is a byte.
    expect(escapedName(Buffer.from([0x6b, 0x5c, 0x78, 0xff]))).toBe('k\\\\x\\xFF');
    expect(escapedName(Buffer.from('😀', 'utf8'))).toBe('😀');
    expect(escapedName(Buffer.from('😀', 'utf8').subarray(0, 3))).toBe('\\xF0\\x9F\\x98');
  });

  it('escapes clean names that look like hex ids, so ids never collide', () => {
    const entry = entryFromBytes(Buffer.from('hex:66ff6f'));
    expect(entry.id).not.toBe('hex:66ff6f');
    expect(plainNameFromId(entry.id)?.toString()).toBe('hex:66ff6f');
  });
});

describe('plainNameFromId (path-traversal guard)', () => {
  it.each(['', '.', '..', '../x', 'a/b', '/etc', 'a\0b', 'hex:2e2e', 'hex:2f', 'hex:zz', 'hex:6', 'hex:'])(
    'rejects %j',
    (id) => {
      expect(plainNameFromId(id, 'linux')).toBeNull();
    },
  );
  it('rejects backslashes and drive colons on Windows only', () => {
    expect(plainNameFromId('a\\b', 'win32')).toBeNull();
    expect(plainNameFromId('c:x', 'win32')).toBeNull();
    expect(plainNameFromId('a\\b', 'linux')?.toString()).toBe('a\\b');
  });
  it('rejects non-strings and over-long names', () => {
    expect(plainNameFromId(42)).toBeNull();
    expect(plainNameFromId('x'.repeat(256))).toBeNull();
  });
});

describe('naturalSort', () => {
  it('orders numbers by value, case-insensitively', () => {
    const names = ['hk10', 'HK3', 'hk2', 'Hk1', 'alpha', 'hk20', 'Beta'];
    const sorted = naturalSort(names.map((n) => ({ id: n, name: n }))).map((e) => e.name);
    expect(sorted).toEqual(['alpha', 'Beta', 'Hk1', 'hk2', 'HK3', 'hk10', 'hk20']);
  });
  it('is total: names equal but for case keep a stable order by id', () => {
    const sorted = naturalSort([
      { id: 'b', name: 'X' },
      { id: 'a', name: 'x' },
    ]).map((e) => e.id);
    expect(sorted).toEqual(['a', 'b']);
  });
  it('orders names of letters and digits exactly as the collator does (property)', () => {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const sign = (n: number) => Math.sign(n);
    const part = fc.oneof(
      fc.stringMatching(/^[a-zA-Z]{1,3}$/),
      fc.stringMatching(/^[0-9]{1,4}$/),
      fc.stringMatching(/^0{1,3}[0-9]{0,2}$/),
      fc.constantFrom('hotkey', 'HK', 'default', 'miner', '99999999999999999999'),
    );
    const name = fc.array(part, { minLength: 0, maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sign(alnumCompare(a, b))).toBe(sign(collator.compare(a, b)));
      }),
      { numRuns: 3000 },
    );
  });
  it('sorts mixed names (punctuation, non-ASCII) with the collator', () => {
    const names = ['hk-2', 'hk_1', 'hk10', 'hk2', 'émile', 'Zed'];
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const sorted = naturalSort(names.map((n) => ({ id: n, name: n }))).map((e) => e.name);
    expect(sorted).toEqual([...names].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : 1)));
  });
});
