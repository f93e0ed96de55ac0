/**
 * config.ini as the chutes CLI reads it: Python's `configparser.ConfigParser()` with its defaults
 * (strict, `=` or `:` between key and value, whole-line `#`/`;` comments only, no inline comments,
 * no unquoting, indented lines continue the value above, a `[DEFAULT]` section inherited by every
 * other, `%` interpolation on read). The npm `ini` package reads another dialect (inline comments,
 * quotes, trimmed section names), so files it wrote or read could differ from what the CLI sees.
 *
 * Edits to an existing file are made line by line, keeping every other line (comments, unknown
 * keys and sections, their order, each line's own ending) byte for byte: the file may hold the
 * user's only plaintext copy of a seed.
 */
export type IniLine =
  | { kind: 'other'; raw: string; eol: string }
  | { kind: 'section'; raw: string; eol: string; name: string }
  | { kind: 'entry'; raw: string; eol: string; section: string; key: string }
  | { kind: 'continuation'; raw: string; eol: string };

export interface IniProblem {
  line: number;
  message: string;
}

/** Section name (as written; `DEFAULT` included) → lowercased key → raw value, multi-line values joined by `\n`. */
export type IniData = Record<string, Record<string, string>>;

export interface ScannedIni {
  lines: IniLine[];
  /** The line ending to use for new lines: the file's first. */
  eol: string;
  problems: IniProblem[];
  data: IniData;
  /** The line each key is on, by `entryId`. */
  keyLines: Map<string, number>;
}

export interface IniEdit {
  section: string;
  key: string;
  /** Written as is (see `escapeIniValue`); null removes every occurrence of the key in that section. */
  value: string | null;
}

export const DEFAULT_SECTION = 'DEFAULT';

// Python's str.strip() and `\s`: Unicode whitespace, which (unlike JavaScript's) excludes U+FEFF.
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING = new RegExp(`^[${WS}]*`);
const WS_CHAR = new RegExp(`[${WS}]`);
/**
 * A loop, not `/[ws]+$/`: that regex retries from every position of a long run of spaces followed
 * by other text, so one 1 MiB line (within the read cap) would hold the main process for minutes.
 */
function rstripPy(s: string): string {
  let end = s.length;
  while (end > 0 && WS_CHAR.test(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}
const pyStrip = (s: string): string => rstripPy(s.replace(LEADING, ''));
const indentOf = (raw: string): number => LEADING.exec(raw)?.[0].length ?? 0;
// configparser's SECTCRE and OPTCRE, matched against the stripped line.
// `s`: Python's `.` matches any character but \n, U+2028 and U+2029 included.
const SECTION = /^\[(.+)\]/s;
/**
 * OPTCRE's `(.*?)\s*([=:])\s*(.*)$` in linear time (the regex backtracks through every run of
 * spaces on a long line without a delimiter): the key is what comes before the first `=` or `:`.
 */
function splitOption(stripped: string): { key: string; delimiter: string; value: string } | null {
  const at = stripped.search(/[=:]/);
  if (at < 0) return null;
  return {
    key: rstripPy(stripped.slice(0, at)),
    delimiter: stripped.charAt(at),
    value: stripped.slice(at + 1).replace(LEADING, ''),
  };
}

/**
 * Only the names the CLI itself uses are echoed in messages: anything else on a malformed line is
 * the user's own text (a note, a password, a seed), so messages say the line number instead.
 */
const KNOWN_NAMES = new Set([
  'api',
  'auth',
  'payment',
  'DEFAULT',
  'base_url',
  'username',
  'user_id',
  'hotkey_seed',
  'hotkey_name',
  'hotkey_ss58address',
  'address',
]);
const printable = (key: string): string => (KNOWN_NAMES.has(key) ? `"${key}"` : 'a key');
const printableSection = (name: string): string => (KNOWN_NAMES.has(name) ? `[${name}]` : 'a section');

/**
 * Values we write must read back identically with configparser: it strips the ends, has no way
 * to write a control character, and an empty value is no value. `%` is fine once escaped.
 */
export function isIniSafeValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length > 0 && value === pyStrip(value) && value === value.trim() && !/[\u0000-\u001f\u007f]/.test(value);
}

/** configparser reads `%` as the start of a reference, so a literal one is written `%%`. */
export const escapeIniValue = (value: string): string => value.replaceAll('%', '%%');

export const entryId = (section: string, key: string): string => `${section}\u0000${key.toLowerCase()}`;

/** Lines with their own endings; Python's universal newlines end a line at \r\n, \r or \n. */
function splitLines(text: string): Array<{ raw: string; eol: string }> {
  const out: Array<{ raw: string; eol: string }> = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ raw: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ raw: text.slice(start), eol: '' });
  return out;
}

/**
 * Read `input` with configparser's rules and flag everything the CLI would refuse to load: a
 * byte-order mark, a key before any section, a line that is neither, duplicate sections or keys.
 */
export function scanIni(input: string): ScannedIni {
  const split = splitLines(input);
  const lines: IniLine[] = [];
  const problems: IniProblem[] = [];
  // Null-prototype objects: a section or key named `__proto__` or `constructor` is just a name.
  const data: IniData = Object.create(null) as IniData;
  const section0 = (): Record<string, string> => Object.create(null) as Record<string, string>;
  const values = new Map<string, string[]>();
  const keyLines = new Map<string, number>();
  const sectionLines = new Map<string, number>();
  let section: string | null = null;
  let current: string | null = null; // the entry continuation lines add to
  let indentLevel = 0;

  if (input.startsWith('\uFEFF'))
    problems.push({
      line: 1,
      message:
        'the file starts with a byte-order mark, which the chutes CLI cannot read (save it as UTF-8 without BOM)',
    });
  split.forEach(({ raw, eol }, index) => {
    const line = index + 1;
    const text = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    const stripped = pyStrip(text);
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) {
      // Blank lines inside a value are part of it (trailing ones are dropped at the end).
      if (stripped === '' && current !== null) values.get(current)?.push('');
      lines.push({ kind: 'other', raw, eol });
      return;
    }
    const indent = indentOf(text);
    if (current !== null && indent > indentLevel) {
      values.get(current)?.push(stripped);
      lines.push({ kind: 'continuation', raw, eol });
      return;
    }
    indentLevel = indent;
    current = null;
    const header = SECTION.exec(stripped);
    if (header) {
      const name = header[1] ?? '';
      section = name;
      // configparser allows [DEFAULT] more than once; every other section only once.
      const first = sectionLines.get(name);
      if (first !== undefined && name !== DEFAULT_SECTION) {
        problems.push({
          line,
          message: `${printableSection(name)} appears again (first on line ${first}); the CLI rejects duplicate sections`,
        });
      } else if (first === undefined) sectionLines.set(name, line);
      data[name] ??= section0();
      lines.push({ kind: 'section', raw, eol, name });
      return;
    }
    const option = splitOption(stripped);
    const key = option ? option.key.toLowerCase() : '';
    if (section === null || !option || key === '') {
      const message = stripped.startsWith('[')
        ? 'a section header must look like [name]'
        : section === null
          ? `${key ? printable(key) : 'this line'} comes before the first [section]`
          : option
            ? `the line has "${option.delimiter}" but no key before it`
            : 'expected "key = value"';
      problems.push({ line, message });
      lines.push({ kind: 'other', raw, eol });
      return;
    }
    const id = entryId(section, key);
    const first = keyLines.get(id);
    if (first !== undefined) {
      problems.push({
        line,
        message: `${printable(key)} appears twice in ${printableSection(section)} (first on line ${first})`,
      });
    } else keyLines.set(id, line);
    values.set(id, [pyStrip(option.value)]);
    (data[section] ??= section0())[key] = '';
    current = id;
    lines.push({ kind: 'entry', raw, eol, section, key });
  });
  for (const [name, keys] of Object.entries(data)) {
    // configparser strips the right end only: a value whose first line is empty keeps its leading \n.
    for (const key of Object.keys(keys)) keys[key] = rstripPy((values.get(entryId(name, key)) ?? []).join('\n'));
  }
  return { lines, eol: split[0]?.eol || '\n', problems, data, keyLines };
}

/**
 * Apply `edits` to an INI text, keeping every other line as it was. A replaced key keeps its place
 * and indentation; a new key goes after the last line of its section, indented like the entry
 * before it; a new section goes at the end. Call it on text whose `scanIni(...).problems` is empty.
 */
export function patchIni(text: string, edits: readonly IniEdit[]): string {
  for (const edit of edits) {
    if (edit.value !== null && !isIniSafeValue(edit.value))
      throw new Error(`unsafe INI value for ${edit.section}.${edit.key}`);
  }
  const { lines, eol } = scanIni(text);
  const byId = new Map(edits.map((edit) => [entryId(edit.section, edit.key), edit]));
  const applied = new Set<string>();
  const out: Array<{ raw: string; eol: string }> = [];
  /** Per section: the index in `out` after its last line, and the indentation of its last entry. */
  const sectionEnd = new Map<string, { at: number; indent: string }>();
  let section: string | null = null;
  let indent = '';
  let skipping = false;
  const mark = () => {
    if (section !== null) sectionEnd.set(section, { at: out.length, indent });
  };

  for (const line of lines) {
    if (line.kind === 'continuation') {
      if (skipping) continue;
      out.push(line);
      mark();
      continue;
    }
    if (line.kind === 'other') {
      out.push(line);
      continue;
    }
    skipping = false;
    if (line.kind === 'section') {
      section = line.name;
      indent = '';
      out.push(line);
      mark();
      continue;
    }
    indent = LEADING.exec(line.raw)?.[0] ?? '';
    const id = entryId(line.section, line.key);
    const edit = byId.get(id);
    if (edit) {
      // The old value's continuation lines go with it, whether the key is replaced or removed.
      skipping = true;
      if (edit.value === null || applied.has(id)) continue;
      applied.add(id);
      out.push({ raw: `${indent}${edit.key} = ${edit.value}`, eol: line.eol });
    } else out.push(line);
    mark();
  }

  const inserts = new Map<number, string[]>();
  const newSections = new Map<string, string[]>();
  for (const edit of edits) {
    const id = entryId(edit.section, edit.key);
    if (edit.value === null || applied.has(id)) continue;
    applied.add(id);
    const end = sectionEnd.get(edit.section);
    if (end === undefined)
      newSections.set(edit.section, [...(newSections.get(edit.section) ?? []), `${edit.key} = ${edit.value}`]);
    else inserts.set(end.at, [...(inserts.get(end.at) ?? []), `${end.indent}${edit.key} = ${edit.value}`]);
  }

  const result: Array<{ raw: string; eol: string }> = [];
  const add = (raw: string) => {
    const last = result.at(-1);
    if (last && last.eol === '') last.eol = eol; // the old last line now has lines after it
    result.push({ raw, eol });
  };
  out.forEach((line, index) => {
    result.push({ ...line });
    for (const raw of inserts.get(index + 1) ?? []) add(raw);
  });
  for (const [name, entries] of newSections) {
    if (result.length > 0 && result.at(-1)?.raw.trim() !== '') add('');
    add(`[${name}]`);
    for (const entry of entries) add(entry);
  }
  return result.map((line) => line.raw + line.eol).join('');
}
