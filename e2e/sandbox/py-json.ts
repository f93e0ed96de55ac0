// A JSON reader that fails exactly where and how CPython's `json.loads` fails (C scanner, 3.12),
// because FastAPI copies the decoder's message and position into its 422 `json_invalid` error.
// The real server accepts NaN/Infinity too, so this does.

export class PyJsonError extends Error {
  constructor(
    readonly pyMessage: string,
    /** Position in code points, as Python counts it. */
    readonly pos: number,
  ) {
    super(pyMessage);
  }
}

class StopAt extends Error {
  constructor(readonly idx: number) {
    super(`stop at ${idx}`);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;

export function parsePythonJson(text: string): unknown {
  const fail = (msg: string, idx: number): never => {
    throw new PyJsonError(msg, [...text.slice(0, idx)].length);
  };
  const skip = (idx: number): number => {
    while (idx < text.length && WS.has(text[idx] ?? '')) idx++;
    return idx;
  };

  const scanString = (start: number): [string, number] => {
    // `start` is just after the opening quote.
    let out = '';
    let idx = start;
    for (;;) {
      if (idx >= text.length) return fail('Unterminated string starting at', start - 1);
      const ch = text.charCodeAt(idx);
      if (ch === 0x22) return [out, idx + 1];
      if (ch < 0x20) return fail('Invalid control character at', idx);
      if (ch !== 0x5c) {
        out += text[idx];
        idx++;
        continue;
      }
      const esc = text[idx + 1];
      if (esc === undefined) return fail('Unterminated string starting at', start - 1);
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      const mapped = simple[esc];
      if (mapped !== undefined) {
        out += mapped;
        idx += 2;
        continue;
      }
      if (esc !== 'u') return fail('Invalid \\escape', idx);
      const hex = text.slice(idx + 2, idx + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail('Invalid \\uXXXX escape', idx + 1);
      out += String.fromCharCode(parseInt(hex, 16));
      idx += 6;
    }
  };

  const scanOnce = (idx: number): [unknown, number] => {
    const ch = text[idx];
    if (ch === undefined) throw new StopAt(idx);
    if (ch === '"') return scanString(idx + 1);
    if (ch === '{') return scanObject(idx + 1);
    if (ch === '[') return scanArray(idx + 1);
    if (ch === 'n' && text.startsWith('null', idx)) return [null, idx + 4];
    if (ch === 't' && text.startsWith('true', idx)) return [true, idx + 4];
    if (ch === 'f' && text.startsWith('false', idx)) return [false, idx + 5];
    if (ch === 'N' && text.startsWith('NaN', idx)) return [NaN, idx + 3];
    if (ch === 'I' && text.startsWith('Infinity', idx)) return [Infinity, idx + 8];
    if (ch === '-' && text.startsWith('-Infinity', idx)) return [-Infinity, idx + 9];
    NUMBER_RE.lastIndex = idx;
    const m = NUMBER_RE.exec(text);
    if (m) return [Number(m[0]), idx + m[0].length];
    throw new StopAt(idx);
  };

  const scanObject = (start: number): [unknown, number] => {
    const obj: Record<string, unknown> = {};
    let idx = skip(start);
    if (text[idx] === '}') return [obj, idx + 1];
    for (;;) {
      if (text[idx] !== '"') return fail('Expecting property name enclosed in double quotes', idx);
      const [key, afterKey] = scanString(idx + 1);
      idx = skip(afterKey);
      if (text[idx] !== ':') return fail("Expecting ':' delimiter", idx);
      idx = skip(idx + 1);
      const [value, afterValue] = scanOnce(idx);
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      idx = skip(afterValue);
      if (text[idx] === '}') return [obj, idx + 1];
      if (text[idx] !== ',') return fail("Expecting ',' delimiter", idx);
      idx = skip(idx + 1);
    }
  };

  const scanArray = (start: number): [unknown, number] => {
    const arr: unknown[] = [];
    let idx = skip(start);
    if (text[idx] === ']') return [arr, idx + 1];
    for (;;) {
      const [value, after] = scanOnce(idx);
      arr.push(value);
      idx = skip(after);
      if (text[idx] === ']') return [arr, idx + 1];
      if (text[idx] !== ',') return fail("Expecting ',' delimiter", idx);
      idx = skip(idx + 1);
    }
  };

  try {
    const [value, end] = scanOnce(skip(0));
    const tail = skip(end);
    if (tail !== text.length) fail('Extra data', tail);
    return value;
  } catch (err) {
    if (err instanceof StopAt) return fail('Expecting value', err.idx);
    throw err;
  }
}
