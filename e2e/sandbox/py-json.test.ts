import { describe, expect, it } from 'vitest';
import { parsePythonJson, PyJsonError } from './py-json';

// Expected values produced by CPython's json.loads on the same inputs.
const FAILURES: [string, string, number][] = [
  ['{"name": "desk", "admin": tru}', 'Expecting value', 26],
  ['{"a":1,}', 'Expecting property name enclosed in double quotes', 7],
  ['{"a" 1}', "Expecting ':' delimiter", 5],
  ['{"a":1 "b":2}', "Expecting ',' delimiter", 7],
  ['', 'Expecting value', 0],
  ['{"a":"x', 'Unterminated string starting at', 5],
  ['[1,]', 'Expecting value', 3],
  ['{"a":1}x', 'Extra data', 7],
  ["{'a':1}", 'Expecting property name enclosed in double quotes', 1],
  ['{"a":"\u0001"}', 'Invalid control character at', 6],
  ['{"a":"\\q"}', 'Invalid \\escape', 6],
  ['{"a":"\\u12"}', 'Invalid \\uXXXX escape', 7],
  ['{"é":1,', 'Expecting property name enclosed in double quotes', 7],
  ['  ', 'Expecting value', 2],
  ['{"a":-}', 'Expecting value', 5],
  ['01', 'Extra data', 1],
];

describe('parsePythonJson', () => {
  it.each(FAILURES)('%j fails like CPython', (text, msg, pos) => {
    let caught: unknown;
    try {
      parsePythonJson(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PyJsonError);
    expect((caught as PyJsonError).pyMessage).toBe(msg);
    expect((caught as PyJsonError).pos).toBe(pos);
  });

  it('parses what Python parses, including NaN and escapes', () => {
    expect(parsePythonJson(' {"a": [1, 2.5e1, true, null], "b": "\\u00e9\\n"} ')).toEqual({
      a: [1, 25, true, null],
      b: 'é\n',
    });
    expect(parsePythonJson('NaN')).toBeNaN();
    expect(parsePythonJson('-Infinity')).toBe(-Infinity);
  });
});
