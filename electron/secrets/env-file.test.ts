import { describe, expect, it } from 'vitest';
import { parseEnv } from './env-file';

const valueOf = (text: string, key = 'A') => parseEnv(text).entries.find((e) => e.key === key)?.value;

describe('parseEnv', () => {
  it('reads KEY=VALUE lines in order of first definition, the last of a repeated key winning, and names the repeats', () => {
    const text = '# c\r\nA=1\r\nexport B="two words"\r\nC=3\r\nA=again\r\n';
    expect(parseEnv(text)).toEqual({
      entries: [
        { key: 'A', value: 'again' },
        { key: 'B', value: 'two words' },
        { key: 'C', value: '3' },
      ],
      unreadLines: [],
      duplicates: [{ key: 'A', lines: [2, 5] }],
    });
  });

  it('reports lines it skipped by number, not by text, and does not count the inside of a quoted multi-line value', () => {
    const text = [
      'A=1',
      'hunter2',
      "KEY='-----BEGIN",
      'not a line of its own',
      "END-----'",
      '   ',
      'B=2',
      '=nokey',
    ].join('\n');
    const parsed = parseEnv(text);
    expect(parsed.entries.map((e) => e.key)).toEqual(['A', 'KEY', 'B']);
    expect(parsed.entries.find((e) => e.key === 'KEY')?.value).toBe('-----BEGIN\nnot a line of its own\nEND-----');
    expect(parsed.unreadLines).toEqual([2, 8]);
  });
});

// Each case as python-dotenv 1.x reads it (checked against its parser), since the chute's Python
// code loads the same file with it.
describe('parseEnv reads values as python-dotenv does', () => {
  it('starts a comment in an unquoted value only after blank space', () => {
    expect(valueOf('A=abc#def\n')).toBe('abc#def');
    expect(valueOf('A=postgres://u:p#ss@h/db\n')).toBe('postgres://u:p#ss@h/db');
    expect(valueOf('A=abc #def\n')).toBe('abc');
    expect(valueOf('A=abc\t# note\n')).toBe('abc');
    expect(valueOf('A=  spaced out  \n')).toBe('spaced out');
  });

  it('unescapes \\" \\\\ \\n \\t inside double quotes', () => {
    expect(valueOf('A="he said \\"hi\\""\n')).toBe('he said "hi"');
    expect(valueOf('A="C:\\\\dir"\n')).toBe('C:\\dir');
    expect(valueOf('A="line1\\nline2\\tend"\n')).toBe('line1\nline2\tend');
    expect(valueOf('A="a#b" # comment\n')).toBe('a#b');
    // A backslash before anything else stays.
    expect(valueOf('A="\\d+"\n')).toBe('\\d+');
  });

  it("keeps single-quoted values literal, but for \\' and \\\\", () => {
    expect(valueOf('A=\'$HOME \\n "x" #y\'\n')).toBe('$HOME \\n "x" #y');
    expect(valueOf("A='it\\'s'\n")).toBe("it's");
    expect(valueOf("A='a\\\\b'\n")).toBe('a\\b');
  });

  it('does not take `KEY: value` (JavaScript dotenv does, python-dotenv does not)', () => {
    expect(parseEnv('C: colon\nD=4\n')).toEqual({
      entries: [{ key: 'D', value: '4' }],
      unreadLines: [1],
      duplicates: [],
    });
  });

  it('reports an unclosed quote on its own line and reads the lines after it', () => {
    const parsed = parseEnv('A="abc\nB=2\nbare line\nC=3\n');
    expect(parsed.entries).toEqual([
      { key: 'B', value: '2' },
      { key: 'C', value: '3' },
    ]);
    expect(parsed.unreadLines).toEqual([1, 3]);
  });

  it('reports every line a quote left open runs over when a later quote closes it', () => {
    // python-dotenv reads lines 1–3 as one broken value: none of them sets anything.
    const parsed = parseEnv('A="abc\nB=2\nC="x"\nD=4\n');
    expect(parsed.entries).toEqual([{ key: 'D', value: '4' }]);
    expect(parsed.unreadLines).toEqual([1, 2, 3]);
  });

  it('takes __proto__ and other Object names as plain keys', () => {
    const parsed = parseEnv('__proto__=x\nconstructor=y\ntoString=z\n');
    expect(parsed.entries).toEqual([
      { key: '__proto__', value: 'x' },
      { key: 'constructor', value: 'y' },
      { key: 'toString', value: 'z' },
    ]);
  });

  it('reads an empty value as empty, and a bare key as not KEY=VALUE', () => {
    expect(parseEnv('A=\nB=""\nC\n')).toEqual({
      entries: [
        { key: 'A', value: '' },
        { key: 'B', value: '' },
      ],
      unreadLines: [3],
      duplicates: [],
    });
  });
});

describe('parseEnv on hostile blank space', () => {
  it('reads long runs of blank lines and spaces at once (every step moves forward)', () => {
    const started = performance.now();
    const parsed = parseEnv(`A=1\n${'\n'.repeat(80_000)}!\nB=${' '.repeat(100_000)}3 ${' '.repeat(100_000)}#\n`);
    expect(parsed.entries).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '3' },
    ]);
    expect(parsed.unreadLines).toEqual([80_002]);
    // JavaScript's dotenv took about 9 s on the blank lines alone.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reads blank space real files have: in a quoted value, after a value, indented, at the end', () => {
    const quoted = `PEM="a${'\r\n'.repeat(300)}b"\n`;
    const trailing = `A=1${' '.repeat(520)}\nB=2\n`;
    const indented = `C=3\n${'    \n'.repeat(110)}D=4\n`;
    const end = `E=5${'\n'.repeat(600)}`;
    const entries = parseEnv(quoted + trailing + indented + end).entries;
    expect(entries.map((e) => e.key)).toEqual(['PEM', 'A', 'B', 'C', 'D', 'E']);
    expect(entries.find((e) => e.key === 'PEM')?.value).toBe(`a${'\n'.repeat(300)}b`);
    expect(parseEnv(`C=${' '.repeat(100_000)}3\n`).entries).toEqual([{ key: 'C', value: '3' }]);
  });
});
