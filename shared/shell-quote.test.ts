import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote';

describe('shellQuote', () => {
  it('makes one single-quoted word, each quote closed, escaped and reopened', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('a b $HOME `x` \\ ;')).toBe(`'a b $HOME \`x\` \\ ;'`);
    expect(shellQuote('')).toBe(`''`);
  });
});
