import { describe, expect, it } from 'vitest';
import { parseEnv } from './env-file';
import { expandReferences } from './env-interpolate';

const values = (text: string) => Object.fromEntries(parseEnv(text).entries.map((e) => [e.key, e.value]));

// Each case as python-dotenv 1.x's dotenv_values reads it with an empty environment, except that a
// name the file does not set stays as written (python-dotenv would make it empty or take it from
// the environment of whatever machine loads the file).
describe('${VAR} expansion as python-dotenv does it', () => {
  it.each([
    ['A=b\nC=${A}', { A: 'b', C: 'b' }],
    ['A=b\nC="x${A}y"', { A: 'b', C: 'xby' }],
    // python-dotenv keeps no record of the quotes: single-quoted values are expanded too.
    ["A=b\nC='${A}'", { A: 'b', C: 'b' }],
    ['A=b\nC=${A}${A}', { A: 'b', C: 'bb' }],
    // From values set earlier only, as they were expanded then; a later repeat does not reach back.
    ['C=${A}\nA=b', { C: '${A}', A: 'b' }],
    ['A=1\nB=${A}\nA=2\nC=${A}', { A: '2', B: '1', C: '2' }],
    ['A=b\nB=${A}\nC=${B}!', { A: 'b', B: 'b', C: 'b!' }],
    // Defaults: used only when the name is not set; a value set to empty is still set.
    ['C=${A:-dflt}', { C: 'dflt' }],
    ['A=b\nC=${A:-dflt}', { A: 'b', C: 'b' }],
    ['A=\nC=${A:-dflt}', { A: '', C: '' }],
    ['C=${A:-}', { C: '' }],
    // Only `${...}`: a bare $A and an escaped \${A} (the backslash stays) are not references.
    ['A=b\nC=$A', { A: 'b', C: '$A' }],
    ['A=b\nC="\\${A}"', { A: 'b', C: '\\b' }],
    // The pattern's edges: `:` without `-` is no reference; the default ends at the first `}`.
    ['A=b\nC=${A:x}', { A: 'b', C: '${A:x}' }],
    ['A=b\nC=${X:-${A}}', { A: 'b', C: '${A}' }],
    ['A=b\nC=${A', { A: 'b', C: '${A' }],
    ['A=b\nC=${${A}', { A: 'b', C: '${${A}' }],
  ])('%j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('reports each reference the file cannot fill in, with whether its default was used', () => {
    const parsed = parseEnv('A=1\nB=${A}\nC=${NOPE}-${A}-${ALSO:-x}\n');
    expect(parsed.entries).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '1' },
      {
        key: 'C',
        value: '${NOPE}-1-x',
        unresolved: [
          { name: 'NOPE', defaulted: false },
          { name: 'ALSO', defaulted: true },
        ],
      },
    ]);
  });

  it('keeps the last definition’s report for a repeated key', () => {
    expect(parseEnv('A=${X}\nA=plain\n').entries).toEqual([{ key: 'A', value: 'plain' }]);
  });

  it('takes one pass over a value full of unclosed or colon-broken references', () => {
    const known = new Map([['A', 'b']]);
    const started = performance.now();
    expect(expandReferences('${'.repeat(100_000), known).unresolved).toEqual([]);
    expect(expandReferences(`${'${:'.repeat(100_000)}}`, known).unresolved).toEqual([]);
    expect(expandReferences(`${'${A}'.repeat(50_000)}`, known).value).toBe('b'.repeat(50_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
