import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { MAX_BLANK_STRETCH, parseEnv } from './env-file';

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
  it('refuses a blank stretch across lines longer than the bound, naming the lines, before dotenv scans it', () => {
    const text = `A=1\n${'\n'.repeat(80_000)}!\n`;
    let thrown: unknown;
    try {
      parseEnv(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppFailure);
    expect((thrown as AppFailure).appError.message).toMatch(/^Lines 1–80002 are one blank stretch of more than 512/);
  });

  it('still reads blank lines within the bound, and long runs of spaces on one line', () => {
    const text = `A=1${'\n'.repeat(MAX_BLANK_STRETCH)}B=2\nC=${' '.repeat(100_000)}3\n`;
    expect(parseEnv(text).entries).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '2' },
      { key: 'C', value: '3' },
    ]);
  });
});
