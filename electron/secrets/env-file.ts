/**
 * A .env text read the way python-dotenv reads it (its `parser.py`, 1.x): Chutes is a Python
 * platform, so the file the user imports is the one their chute code loads with python-dotenv, and
 * a value must mean here what it means there. The differences from JavaScript's dotenv that matter:
 * in an unquoted value `#` starts a comment only after whitespace (`abc#def` is all value); inside
 * double quotes `\"`, `\\`, `\n`, `\t` (and `\' \a \b \f \r \v`) are unescaped; inside single quotes
 * only `\'` and `\\` are; `KEY: value` is not an assignment. `${VAR}` and `${VAR:-default}` are
 * expanded from keys set earlier in the file, in every value (`./env-interpolate.ts`).
 *
 * Written as a scanner rather than with regular expressions: every step moves forward, so no text
 * (80,000 blank lines, a 100 kB run of spaces) makes the main process wait.
 */

import { expandReferences, type Unresolved } from './env-interpolate';

/** What the preview needs of a file: values by key, plus what it could not read (by line number only). */
export interface ParsedEnv {
  /** In order of each key's first line; a key defined twice keeps its last value, as python-dotenv does. */
  entries: { key: string; value: string; unresolved?: Unresolved[] }[];
  /**
   * 1-based lines that are neither KEY=VALUE, a comment nor blank. Their text is never reported: a
   * malformed line may well be a bare secret.
   */
  unreadLines: number[];
  /** Keys defined more than once, with every line that defines them (the last one wins). */
  duplicates: { key: string; lines: number[] }[];
}

interface Binding {
  /** Null for a comment or blank stretch, and for a line that could not be read. */
  key: string | null;
  /** Null for a bare `KEY` (no `=`), which sets nothing. */
  value: string | null;
  error: boolean;
  /** Index where the binding's text starts (after blank space) and where it ends. */
  start: number;
  end: number;
}

class Unreadable extends Error {}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
/** python-dotenv's `[^\S\r\n]`: blank space within a line (line ends are all `\n` here). */
const isLineSpace = (c: string | undefined): boolean => c !== '\n' && isSpace(c);

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const SINGLE_QUOTE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'" };

/** Left to right, each backslash taking at most the one character after it (as `re.sub` does). */
function unescape(body: string, escapes: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const next = body.charAt(i + 1);
    if (body.charAt(i) === '\\' && i + 1 < body.length && Object.hasOwn(escapes, next)) {
      out += escapes[next];
      i++;
    } else {
      out += body.charAt(i);
    }
  }
  return out;
}

class Reader {
  at = 0;
  constructor(readonly text: string) {}
  peek(): string | undefined {
    return this.at < this.text.length ? this.text.charAt(this.at) : undefined;
  }
  skip(test: (c: string | undefined) => boolean): void {
    while (this.at < this.text.length && test(this.text.charAt(this.at))) this.at++;
  }
  /** To the next line end, or the end of the text. */
  lineEnd(): number {
    const end = this.text.indexOf('\n', this.at);
    return end === -1 ? this.text.length : end;
  }

  key(): string | null {
    const c = this.peek();
    if (c === '#') return null;
    if (c === "'") {
      const close = this.text.indexOf("'", this.at + 1);
      // `'([^']+)'`: at least one character between the quotes.
      if (close <= this.at + 1) throw new Unreadable();
      const key = this.text.slice(this.at + 1, close);
      this.at = close + 1;
      return key;
    }
    const start = this.at;
    this.skip((ch) => ch !== '=' && ch !== '#' && !isSpace(ch));
    if (this.at === start) throw new Unreadable();
    return this.text.slice(start, this.at);
  }

  /**
   * python-dotenv's `"((?:\\"|[^"])*)"` with its backtracking: the value ends at the first quote
   * not preceded by a backslash; with none before the end of the text, at the quote of the last
   * `\"` (so `A="x\\"` is `x\`), and with no such pair the value is unreadable.
   */
  quoted(quote: string, escapes: Record<string, string>): string {
    const open = this.at;
    let lastPair = -1;
    let i = open + 1;
    let close = -1;
    while (i < this.text.length) {
      const c = this.text.charAt(i);
      if (c === '\\' && this.text.charAt(i + 1) === quote) {
        lastPair = i;
        i += 2;
      } else if (c === quote) {
        close = i;
        break;
      } else {
        i++;
      }
    }
    if (close === -1) {
      if (lastPair === -1) throw new Unreadable();
      close = lastPair + 1;
    }
    this.at = close + 1;
    return unescape(this.text.slice(open + 1, close), escapes);
  }

  unquoted(): string {
    const end = this.lineEnd();
    const part = this.text.slice(this.at, end);
    this.at = end;
    // `\s+#.*` removed: a `#` starts a comment only after blank space.
    let cut = part.length;
    for (let i = 1; i < part.length; i++) {
      if (part.charAt(i) === '#' && isSpace(part.charAt(i - 1))) {
        cut = i;
        break;
      }
    }
    return part.slice(0, cut).trimEnd();
  }

  value(): string {
    const c = this.peek();
    if (c === "'") return this.quoted("'", SINGLE_QUOTE_ESCAPES);
    if (c === '"') return this.quoted('"', DOUBLE_QUOTE_ESCAPES);
    if (c === undefined || c === '\n') return '';
    return this.unquoted();
  }

  binding(): Binding {
    this.skip(isSpace);
    const start = this.at;
    if (this.at >= this.text.length) return { key: null, value: null, error: false, start, end: this.at };
    try {
      if (this.text.startsWith('export', this.at) && isLineSpace(this.text.charAt(this.at + 6))) {
        this.at += 6;
        this.skip(isLineSpace);
      }
      const key = this.key();
      this.skip(isLineSpace);
      let value: string | null = null;
      if (this.peek() === '=') {
        this.at++;
        this.skip(isLineSpace);
        value = this.value();
      }
      // An optional comment, then the line must end.
      const afterValue = this.at;
      this.skip(isLineSpace);
      if (this.peek() === '#') this.at = this.lineEnd();
      if (this.at < this.text.length && this.peek() !== '\n') {
        this.at = afterValue;
        throw new Unreadable();
      }
      if (this.peek() === '\n') this.at++;
      return { key, value, error: false, start, end: this.at };
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      // The rest of the line from where reading stopped (a quoted value may have run over several).
      this.at = this.lineEnd();
      if (this.peek() === '\n') this.at++;
      return { key: null, value: null, error: true, start, end: this.at };
    }
  }
}

export function parseEnv(input: string): ParsedEnv {
  // Python reads the file with universal newlines: \r\n and \r are \n, inside values too.
  const text = input.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  // A null-prototype store, so a key such as `__proto__` is a key like any other.
  const byKey = new Map<string, { value: string; unresolved: Unresolved[]; lines: number[] }>();
  // What a `${KEY}` further down sees: each key's value as expanded when it was set.
  const resolved = new Map<string, string>();
  const unreadLines: number[] = [];
  const reader = new Reader(text);
  while (reader.at < text.length) {
    const b = reader.binding();
    if (b.start >= b.end) continue;
    const first = lineOf(b.start);
    if (b.error || (b.key !== null && b.value === null)) {
      // Every line the unread stretch covers: a quote left open may have run over several.
      const last = lineOf(Math.max(b.start, b.end - 1));
      for (let line = first; line <= last; line++) unreadLines.push(line);
    } else if (b.key !== null && b.value !== null) {
      const { value, unresolved } = expandReferences(b.value, resolved);
      resolved.set(b.key, value);
      const seen = byKey.get(b.key);
      if (seen) {
        seen.value = value;
        seen.unresolved = unresolved;
        seen.lines.push(first);
      } else {
        byKey.set(b.key, { value, unresolved, lines: [first] });
      }
    }
  }
  const entries = [...byKey].map(([key, { value, unresolved }]) =>
    unresolved.length ? { key, value, unresolved } : { key, value },
  );
  const duplicates = [...byKey].filter(([, e]) => e.lines.length > 1).map(([key, e]) => ({ key, lines: e.lines }));
  return { entries, unreadLines, duplicates };
}
