import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { parseEnv } from './env-file';

describe('parseEnv', () => {
  it('reads KEY=VALUE lines as dotenv does, in file order, the last of a repeated key winning', () => {
    const text = '# c\r\nA=1\r\nexport B="two words"\r\nC: colon\r\nA=again\r\n';
    expect(parseEnv(text)).toEqual({
      entries: [
        { key: 'A', value: 'again' },
        { key: 'B', value: 'two words' },
        { key: 'C', value: 'colon' },
      ],
      unreadLines: [],
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

describe('parseEnv on hostile blank space', () => {
  it('refuses blank runs that would hold dotenv for seconds, naming the worst, before dotenv scans them', () => {
    const text = `A=1\n${'\n'.repeat(80_000)}!\n`;
    let thrown: unknown;
    const started = performance.now();
    try {
      parseEnv(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppFailure);
    expect((thrown as AppFailure).appError.message).toContain('(the longest: lines 1–80002)');
    // Measured, not parsed: dotenv alone takes about 9 s on this text.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reads blank space real files have: in a quoted value, after a value, indented, at the end', () => {
    const quoted = `PEM="a${'\r\n'.repeat(300)}b"\n`;
    const trailing = `A=1${' '.repeat(520)}\nB=2\n`;
    const indented = `C=3\n${'    \n'.repeat(110)}D=4\n`;
    const end = `E=5${'\n'.repeat(600)}`;
    const entries = parseEnv(quoted + trailing + indented + end).entries;
    expect(entries.map((e) => e.key)).toEqual(['PEM', 'A', 'B', 'C', 'D', 'E']);
    expect(entries.find((e) => e.key === 'PEM')?.value).toContain('a\n');
    expect(parseEnv(`C=${' '.repeat(100_000)}3\n`).entries).toEqual([{ key: 'C', value: '3' }]);
  });
});
