import { unsafe } from 'ini';

/**
 * A line-level view of an INI file. The `ini` package reads values well but rebuilds a file from
 * scratch when writing, dropping comments and mangling what it does not model (`key: value`
 * lines, inline `;`, quoting). The chutes CLI's config may hold the user's only plaintext copy of a
 * seed, so edits to an existing file are made line by line here and everything else is copied
 * byte for byte. Section and key names are decoded with the `ini` package's own rules, so this
 * view and `ini.decode` agree on what a line means.
 */
export type IniLine =
  | { kind: 'other'; raw: string }
  | { kind: 'section'; raw: string; name: string }
  | { kind: 'entry'; raw: string; section: string; key: string }
  | { kind: 'continuation'; raw: string };

export interface IniProblem {
  line: number;
  message: string;
}

export interface ScannedIni {
  lines: IniLine[];
  eol: '\n' | '\r\n';
  problems: IniProblem[];
}

export interface IniEdit {
  section: string;
  key: string;
  /** null removes every occurrence of the key in that section. */
  value: string | null;
}

const SECTION = /^\[([^\]]*)\]\s*$/;

/**
 * Only the names the CLI itself uses are echoed in messages: anything else on a malformed line is
 * the user's own text (a note, a password, a seed), so messages say the line number instead.
 */
const KNOWN_NAMES = new Set([
  'api',
  'auth',
  'payment',
  'base_url',
  'username',
  'user_id',
  'hotkey_seed',
  'hotkey_name',
  'hotkey_ss58address',
  'address',
]);
const isPrintable = (name: string): boolean => KNOWN_NAMES.has(name.trim().toLowerCase());
const printable = (key: string): string => (isPrintable(key) ? `"${key}"` : 'a key');
const printableSection = (name: string): string => (isPrintable(name) ? `[${name}]` : 'a section');

/** Values we write must read back identically with both `ini` and Python's configparser. */
export function isIniSafeValue(value: string): boolean {
  return (
    value.length > 0 &&
    value === value.trim() &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f;#]/.test(value) &&
    !value.startsWith('[') &&
    !/^(['"]).*\1$/.test(value)
  );
}

const entryId = (section: string, key: string): string => `${section}\u0000${key.toLowerCase()}`;

/**
 * Split into lines and flag what the CLI (Python configparser, strict mode) would reject: keys
 * outside a section, lines that are not `key = value`, broken headers, duplicate sections or keys.
 * Keys compare case-insensitively, as configparser lowercases them.
 */
export function scanIni(input: string): ScannedIni {
  const text = input.replace(/^\uFEFF/, '');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const raws = text.split(/\r?\n/);
  if (raws.at(-1) === '') raws.pop();

  const lines: IniLine[] = [];
  const problems: IniProblem[] = [];
  const sectionsSeen = new Map<string, number>();
  const keysSeen = new Map<string, number>();
  let section: string | null = null;
  let afterEntry = false;

  raws.forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*$/.test(raw) || /^\s*[;#]/.test(raw)) {
      lines.push({ kind: 'other', raw });
      afterEntry = false;
      return;
    }
    // configparser folds indented lines into the previous value; keep them with their key.
    if (afterEntry && /^\s/.test(raw)) {
      lines.push({ kind: 'continuation', raw });
      return;
    }
    afterEntry = false;
    const header = SECTION.exec(raw);
    if (header) {
      section = unsafe(header[1] ?? '');
      const first = sectionsSeen.get(section);
      if (first !== undefined) {
        problems.push({
          line,
          message: `${printableSection(section)} appears again (first on line ${first}); the CLI rejects duplicate sections`,
        });
      } else sectionsSeen.set(section, line);
      lines.push({ kind: 'section', raw, name: section });
      return;
    }
    if (raw.trimStart().startsWith('[')) {
      problems.push({ line, message: 'a section header must look like [name] on a line of its own' });
      lines.push({ kind: 'other', raw });
      return;
    }
    const eq = raw.indexOf('=');
    if (eq === -1) {
      const colon = raw.includes(':') ? ' (use "=" rather than ":")' : '';
      problems.push({ line, message: `expected "key = value"${colon}` });
      lines.push({ kind: 'other', raw });
      return;
    }
    const key = unsafe(raw.slice(0, eq));
    if (key === '') {
      problems.push({ line, message: 'the line has "=" but no key before it' });
      lines.push({ kind: 'other', raw });
      return;
    }
    if (section === null) {
      problems.push({ line, message: `${printable(key)} comes before the first [section]` });
      lines.push({ kind: 'other', raw });
      return;
    }
    const id = entryId(section, key);
    const first = keysSeen.get(id);
    if (first !== undefined) {
      problems.push({
        line,
        message: `${printable(key)} appears twice in ${printableSection(section)} (first on line ${first})`,
      });
    } else keysSeen.set(id, line);
    lines.push({ kind: 'entry', raw, section, key });
    afterEntry = true;
  });
  return { lines, eol, problems };
}

/**
 * Apply `edits` to an INI text, keeping every other line (comments, unknown keys and sections,
 * their order, line endings) as it was. A replaced key keeps its position; a new key goes after
 * the last entry of its section; a new section goes at the end. Call it on text whose
 * `scanIni(...).problems` is empty.
 */
export function patchIni(text: string, edits: readonly IniEdit[]): string {
  for (const edit of edits) {
    if (edit.value !== null && !isIniSafeValue(edit.value))
      throw new Error(`unsafe INI value for ${edit.section}.${edit.key}`);
  }
  const { lines, eol } = scanIni(text);
  const byId = new Map(edits.map((edit) => [entryId(edit.section, edit.key), edit]));
  const applied = new Set<string>();
  const out: string[] = [];
  /** Index in `out` after the last line of each section's last occurrence: where new keys go. */
  const sectionEnd = new Map<string, number>();
  let section: string | null = null;
  let skipping = false;

  for (const line of lines) {
    if (line.kind === 'continuation') {
      if (skipping) continue;
      out.push(line.raw);
      if (section !== null) sectionEnd.set(section, out.length);
      continue;
    }
    skipping = false;
    if (line.kind === 'section') {
      section = line.name;
      out.push(line.raw);
      sectionEnd.set(section, out.length);
      continue;
    }
    if (line.kind === 'entry') {
      const id = entryId(line.section, line.key);
      const edit = byId.get(id);
      if (edit) {
        // The old value's continuation lines go with it, whether the key is replaced or removed.
        skipping = true;
        if (edit.value === null || applied.has(id)) continue;
        applied.add(id);
        out.push(`${edit.key} = ${edit.value}`);
      } else {
        out.push(line.raw);
      }
      sectionEnd.set(line.section, out.length);
      continue;
    }
    out.push(line.raw);
  }

  const inserts = new Map<number, string[]>();
  const newSections = new Map<string, string[]>();
  for (const edit of edits) {
    const id = entryId(edit.section, edit.key);
    if (edit.value === null || applied.has(id)) continue;
    applied.add(id);
    const entry = `${edit.key} = ${edit.value}`;
    const end = sectionEnd.get(edit.section);
    if (end === undefined) newSections.set(edit.section, [...(newSections.get(edit.section) ?? []), entry]);
    else inserts.set(end, [...(inserts.get(end) ?? []), entry]);
  }

  const result: string[] = [];
  out.forEach((raw, index) => {
    result.push(raw);
    result.push(...(inserts.get(index + 1) ?? []));
  });
  for (const [name, entries] of newSections) {
    if (result.length > 0 && result.at(-1)?.trim() !== '') result.push('');
    result.push(`[${name}]`, ...entries);
  }
  return result.length === 0 ? '' : result.join(eol) + eol;
}
