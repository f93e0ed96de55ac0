import { describe, expect, it } from 'vitest';
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
