import { describe, expect, it } from 'vitest';
import { exactUsd, needsSeed, parseUsdAmount, usd } from './format';

describe('transfer amounts', () => {
  it('confirms every decimal typed, so what is confirmed is what is sent', () => {
    expect(exactUsd(10.123456)).toBe('$10.123456');
    expect(exactUsd(1.005)).toBe('$1.005');
    expect(exactUsd(0.000001)).toBe('$0.000001');
    expect(exactUsd(25)).toBe('$25.00');
    expect(exactUsd(1234.5)).toBe('$1,234.50');
  });

  it('reads digits with an optional point, and says what is wrong with anything else', () => {
    expect(parseUsdAmount(' 12 ')).toEqual({ usd: 12 });
    expect(parseUsdAmount('.5')).toEqual({ usd: 0.5 });
    expect(parseUsdAmount('5.')).toEqual({ usd: 5 });
    expect(parseUsdAmount('0.000001')).toEqual({ usd: 0.000001 });
    expect(parseUsdAmount('1e2')).toEqual({ problem: expect.stringContaining('in digits') as unknown });
    expect(parseUsdAmount('$5')).toEqual({ problem: expect.stringContaining('in digits') as unknown });
    expect(parseUsdAmount('1.2345678')).toEqual({ problem: 'Use at most 6 decimal places.' });
    expect(parseUsdAmount('0')).toEqual({ problem: expect.stringContaining('above 0') as unknown });
    expect(parseUsdAmount('')).toEqual({ problem: expect.stringContaining('above 0') as unknown });
    expect(parseUsdAmount('.')).toEqual({ problem: expect.stringContaining('in digits') as unknown });
    expect(parseUsdAmount('2000000000')).toEqual({ problem: 'Enter at most $1,000,000,000.' });
  });
});

describe('amounts shown', () => {
  it('never shows a small non-zero amount as $0.00 or -$0.00', () => {
    expect(usd(0.00001)).toBe('$0.00001');
    expect(usd(-0.0000432)).toBe('-$0.000043');
    expect(usd(0.0049)).toBe('$0.0049');
    expect(usd(0)).toBe('$0.00');
    expect(usd(12.5)).toBe('$12.50');
  });
});

describe('why a section cannot be read', () => {
  it('says the seed is missing only when the keychain said so, and that the keychain is silent when it did not answer', () => {
    expect(needsSeed(false)).toBe('Needs the hotkey seed in the keychain (see the note at the top).');
    expect(needsSeed(null)).toBe('Needs the keychain, which is not answering (see the note at the top).');
  });
});
