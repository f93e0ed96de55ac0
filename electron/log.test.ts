import { describe, expect, it } from 'vitest';
import { AppFailure } from '../shared/errors';
import { internalFailureMessage, itemFailureMessage, redact, setLogSink } from './log';

describe('redact', () => {
  it('scrubs seeds, signatures, API keys, bearer tokens, JWTs and fingerprints', () => {
    const seed = `0x${'e5'.repeat(32)}`;
    const key = `cpk_${'a'.repeat(32)}.${'b'.repeat(32)}.${'C1'.repeat(16)}`;
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const fingerprint = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
    const text = `seed ${seed} key ${key} auth Bearer tok123 jwt ${jwt} fp ${fingerprint}`;
    const out = redact(text);
    for (const secret of [seed, key, 'tok123', jwt, fingerprint]) expect(out).not.toContain(secret);
    expect(out).toContain('seed [redacted-hex]');
  });

  it('leaves ordinary text and SS58 addresses readable', () => {
    const text = 'GET /users/me 200 for 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
    expect(redact(text)).toBe(text);
  });
});

describe('itemFailureMessage', () => {
  it('passes a typed failure on, and logs anything else as the bug it is', () => {
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      expect(itemFailureMessage(new AppFailure('not-found', 'That key is gone.'), 'deleting a key')).toBe(
        'That key is gone.',
      );
      // What to do is part of the line: a per-item report has no other place for it.
      expect(
        itemFailureMessage(
          new AppFailure('network', 'The answer was lost.', { hint: 'Refresh the list to see whether it is there.' }),
          'deleting a key',
        ),
      ).toBe('The answer was lost. Refresh the list to see whether it is there.');
      expect(lines).toEqual([]);
      expect(itemFailureMessage(new TypeError('x is undefined'), 'deleting a key')).toBe(internalFailureMessage());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/ error deleting a key failed: TypeError: x is undefined/);
    } finally {
      setLogSink(previous);
    }
  });
});
