import { describe, expect, it } from 'vitest';
import { decodeEnvBytes, envTextMessage, envTextProblem } from './env-text';

// No Node types in shared/: the encodings spelled out (every character here is below U+0100 or UTF-8).
const bytes = (text: string, encoding: 'utf8' | 'latin1' | 'utf16le' = 'utf8'): Uint8Array => {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const codes = [...text].map((c) => c.charCodeAt(0));
  return Uint8Array.from(encoding === 'latin1' ? codes : codes.flatMap((c) => [c & 0xff, c >> 8]));
};

describe('decodeEnvBytes', () => {
  it('reads UTF-8, dropping a byte-order mark', () => {
    expect(decodeEnvBytes(bytes('A=café\n'))).toEqual({ ok: true, text: 'A=café\n' });
    expect(decodeEnvBytes(bytes('\uFEFFA=1\n'))).toEqual({ ok: true, text: 'A=1\n' });
  });

  it('tells Latin-1, UTF-16 (with or without a byte-order mark) and NUL bytes apart', () => {
    expect(decodeEnvBytes(bytes('A=café\n', 'latin1'))).toEqual({ ok: false, problem: 'not-utf-8' });
    expect(decodeEnvBytes(bytes('\uFEFFA=1\n', 'utf16le'))).toEqual({ ok: false, problem: 'utf-16' });
    expect(decodeEnvBytes(bytes('A=1\n', 'utf16le'))).toEqual({ ok: false, problem: 'utf-16' });
    expect(decodeEnvBytes(bytes('A=1\nB=\0\n'))).toEqual({ ok: false, problem: 'nul', line: 2 });
    expect(decodeEnvBytes(bytes('A=1\nB=caf\uFFFD\n'))).toEqual({ ok: false, problem: 'replacement-char', line: 2 });
  });
});

describe('envTextProblem and its message', () => {
  it('finds U+FFFD in text by line, and says what to do', () => {
    expect(envTextProblem('A=1\n\nB=\uFFFD')).toEqual({ problem: 'replacement-char', line: 3 });
    expect(envTextProblem('A=1\n')).toBeNull();
    expect(envTextMessage('app.env', 'not-utf-8')).toMatch(
      /^app\.env is not UTF-8 text .*save it as UTF-8 and try again\.$/,
    );
  });
});
