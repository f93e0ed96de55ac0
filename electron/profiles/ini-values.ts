import { DEFAULT_SECTION, entryId, type IniData } from './ini-lines';

/**
 * Reading one value the way the chutes CLI's `config.get(section, key)` does: the section's own
 * key, else `[DEFAULT]`'s, with configparser's basic interpolation (`%%` is a `%`, `%(name)s` is
 * another key of the same section or of `[DEFAULT]`, any other `%` is an error the CLI dies on).
 */
export type IniValue =
  | { kind: 'value'; value: string }
  | { kind: 'missing' }
  /** Says what is wrong without quoting the value (it may be a seed). */
  | { kind: 'error'; message: string };

const MAX_DEPTH = 10; // configparser's MAX_INTERPOLATION_DEPTH
/**
 * Ours: what one value may expand to. Ten levels of ten references each multiply a file of a few
 * hundred bytes into gigabytes, which would take the whole main process down; no value the CLI
 * reads (a URL, a name, a hex seed) comes near this.
 */
const MAX_EXPANDED = 1 << 20;

/** The pieces of one value and their total length, checked as they are added. */
interface Expansion {
  parts: string[];
  length: number;
  /** References followed so far: ones to empty values add no length but still cost time. */
  references: number;
}
/** configparser follows any number; ten levels of ten references to an empty value are 10¹⁰. */
const MAX_REFERENCES = 10_000;
const TOO_MANY = 'its "%(name)s" references are followed more than 10,000 times';
const TOO_LONG = 'its "%(name)s" references expand to more than 1 MiB';

function add(out: Expansion, text: string): boolean {
  out.length += text.length;
  if (out.length > MAX_EXPANDED) return false;
  out.parts.push(text);
  return true;
}

function raw(data: IniData, section: string, key: string): string | undefined {
  return data[section]?.[key] ?? data[DEFAULT_SECTION]?.[key];
}

function interpolate(data: IniData, section: string, value: string, depth: number, out: Expansion): string | null {
  if (depth > MAX_DEPTH) return 'its "%(name)s" references nest more than 10 deep';
  let rest = value;
  while (rest.length > 0) {
    const p = rest.indexOf('%');
    if (p < 0) return add(out, rest) ? null : TOO_LONG;
    if (!add(out, rest.slice(0, p))) return TOO_LONG;
    rest = rest.slice(p);
    const next = rest[1];
    if (next === '%') {
      if (!add(out, '%')) return TOO_LONG;
      rest = rest.slice(2);
      continue;
    }
    const ref = next === '(' ? /^%\(([^)]+)\)s/.exec(rest) : null;
    if (!ref) return 'it has a "%" the CLI cannot read: write a literal "%" as "%%"';
    if (++out.references > MAX_REFERENCES) return TOO_MANY;
    const name = (ref[1] ?? '').toLowerCase();
    const target = raw(data, section, name);
    if (target === undefined) return 'it refers with "%(…)s" to a key that is not in the file';
    rest = rest.slice(ref[0].length);
    if (target.includes('%')) {
      const problem = interpolate(data, section, target, depth + 1, out);
      if (problem !== null) return problem;
    } else if (!add(out, target)) return TOO_LONG;
  }
  return null;
}

export function iniGet(data: IniData, section: string, key: string): IniValue {
  // configparser answers NoSectionError even when [DEFAULT] has the key.
  if (section !== DEFAULT_SECTION && data[section] === undefined) return { kind: 'missing' };
  const value = raw(data, section, key);
  if (value === undefined) return { kind: 'missing' };
  const out: Expansion = { parts: [], length: 0, references: 0 };
  const problem = interpolate(data, section, value, 1, out);
  return problem === null ? { kind: 'value', value: out.parts.join('') } : { kind: 'error', message: problem };
}

/** Where `iniGet` found the key: the section's own line, else `[DEFAULT]`'s. */
export function iniLineOf(keyLines: Map<string, number>, section: string, key: string): number | undefined {
  return keyLines.get(entryId(section, key)) ?? keyLines.get(entryId(DEFAULT_SECTION, key));
}
