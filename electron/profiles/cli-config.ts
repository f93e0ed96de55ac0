import { decode, encode } from 'ini';
import { AppFailure, type FieldIssue } from '../../shared/errors';
import { apiBaseUrl, normaliseBaseUrl } from '../../shared/validation';
import { isIniSafeValue, patchIni, scanIni, type IniEdit } from './ini-lines';

/** The `[auth]` keys the chutes CLI requires, in the order it writes them (`../shared/reference/chutes-account-api.md` §2.5). */
export const REQUIRED_AUTH_KEYS = ['username', 'user_id', 'hotkey_seed', 'hotkey_name', 'hotkey_ss58address'] as const;

/** Base58, 47–48 characters: the shape of a generic-prefix (42) SS58 address. */
export const SS58_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{46,48}$/;

/** What config.ini says about one account. `hotkeySeed` is raw text from the file: never log or return it. */
export interface CliConfigValues {
  /** `[api] base_url`; null when absent (the CLI then uses CHUTES_API_URL or the default). */
  baseUrl: string | null;
  username: string;
  userId: string;
  hotkeySeed: string | null;
  hotkeyName: string;
  hotkeySs58: string;
  paymentAddress: string | null;
}

/** Everything an export writes; `hotkeySeed` null leaves the key out. */
export type CliConfigOutput = Omit<CliConfigValues, 'baseUrl'> & { baseUrl: string };

type IniData = Record<string, unknown>;

function isSection(value: unknown): value is IniData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** configparser lowercases keys, so `Username = x` is what the CLI reads as `username`. */
function lookup(section: IniData, key: string): unknown {
  const found = Object.keys(section).find((k) => k.toLowerCase() === key);
  return found === undefined ? undefined : section[found];
}

/** `ini` turns the words true/false/null into JS values; the CLI sees the words. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'boolean' || value === null) return String(value);
  return undefined;
}

function invalid(filePath: string, summary: string, fields: FieldIssue[], hint?: string): AppFailure {
  return new AppFailure('invalid-input', `${filePath}: ${summary}`, hint === undefined ? { fields } : { fields, hint });
}

/** Parse the structure (what the CLI would reject) and decode with `ini`. */
export function decodeIniStrict(source: string, filePath: string): IniData {
  if (source.includes('\u0000')) throw invalid(filePath, 'this is not a text file, so it cannot be a config.ini.', []);
  const { problems } = scanIni(source);
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`);
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw invalid(
      filePath,
      `not a valid config.ini — ${shown.join('; ')}${more}.`,
      problems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
    );
  }
  const data: IniData = decode(source.replace(/^\uFEFF/, ''));
  return data;
}

const AUTH_HINT =
  'The chutes CLI needs an [auth] section with username, user_id, hotkey_seed, hotkey_name and hotkey_ss58address (as "chutes register" writes them).';

export function parseCliConfig(source: string, filePath: string): CliConfigValues {
  const data = decodeIniStrict(source, filePath);
  const auth = data.auth;
  if (!isSection(auth)) {
    throw invalid(filePath, 'there is no [auth] section.', [{ path: 'auth', message: 'missing section' }], AUTH_HINT);
  }
  const read = (key: string) => text(lookup(auth, key));
  const missing = REQUIRED_AUTH_KEYS.filter((key) => key !== 'hotkey_seed' && read(key) === undefined);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw invalid(
      filePath,
      `[auth] is missing ${list}.`,
      missing.map((key) => ({ path: `auth.${key}`, message: 'missing or empty' })),
      AUTH_HINT,
    );
  }
  const api = isSection(data.api) ? data.api : {};
  const payment = isSection(data.payment) ? data.payment : {};
  const rawUrl = text(lookup(api, 'base_url'));
  const values: CliConfigValues = {
    baseUrl: rawUrl === undefined ? null : normaliseBaseUrl(rawUrl),
    username: read('username') ?? '',
    userId: read('user_id') ?? '',
    hotkeySeed: read('hotkey_seed') ?? null,
    hotkeyName: read('hotkey_name') ?? '',
    hotkeySs58: read('hotkey_ss58address') ?? '',
    paymentAddress: text(lookup(payment, 'address')) ?? null,
  };
  if (values.baseUrl !== null && !apiBaseUrl.safeParse(values.baseUrl).success) {
    throw invalid(filePath, '[api] base_url is not a full http:// or https:// address.', [
      { path: 'api.base_url', message: 'not an http(s) URL' },
    ]);
  }
  if (!SS58_PATTERN.test(values.hotkeySs58)) {
    throw invalid(filePath, '[auth] hotkey_ss58address is not an SS58 address.', [
      { path: 'auth.hotkey_ss58address', message: 'not an SS58 address' },
    ]);
  }
  if (values.paymentAddress !== null && !SS58_PATTERN.test(values.paymentAddress)) {
    throw invalid(filePath, '[payment] address is not an SS58 address.', [
      { path: 'payment.address', message: 'not an SS58 address' },
    ]);
  }
  const unsafe = (['username', 'userId', 'hotkeyName', 'paymentAddress'] as const).filter((k) => {
    const value = values[k];
    return value !== null && !isIniSafeValue(value);
  });
  if (unsafe.length > 0) {
    // The app writes these values back into CLI configs; ones that would not round-trip are refused up front.
    throw invalid(
      filePath,
      `${unsafe.join(', ')} contain characters the app cannot write back safely (";", "#", quotes or control characters).`,
      unsafe.map((k) => ({ path: k, message: 'unsupported characters' })),
    );
  }
  return values;
}

/** The canonical layout of reference §2.5, in the CLI's key order. */
function layout(values: CliConfigOutput): Array<[string, Array<[string, string | null]>]> {
  return [
    ['api', [['base_url', values.baseUrl]]],
    [
      'auth',
      [
        ['username', values.username],
        ['user_id', values.userId],
        ['hotkey_seed', values.hotkeySeed],
        ['hotkey_name', values.hotkeyName],
        ['hotkey_ss58address', values.hotkeySs58],
      ],
    ],
    ['payment', [['address', values.paymentAddress]]],
  ];
}

/** A new config.ini in exactly the layout `chutes register` writes. */
export function renderCliConfig(values: CliConfigOutput): string {
  const data: Record<string, Record<string, string>> = {};
  for (const [section, entries] of layout(values)) {
    const present = entries.filter((entry): entry is [string, string] => entry[1] !== null);
    if (present.length > 0) data[section] = Object.fromEntries(present);
  }
  return encode(data, { whitespace: true });
}

export function cliConfigEdits(values: CliConfigOutput): IniEdit[] {
  return layout(values).flatMap(([section, entries]) => entries.map(([key, value]) => ({ section, key, value })));
}

/** Sorted-key JSON, so two decoded files compare by content rather than key order. */
function canonical(value: unknown): string {
  if (!isSection(value)) return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

/** What `edits` should do to decoded data; the oracle the line-level patch is checked against. */
function applyToData(data: IniData, edits: readonly IniEdit[]): IniData {
  const copy = JSON.parse(JSON.stringify(data)) as IniData;
  for (const edit of edits) {
    const current = copy[edit.section];
    const section: IniData = isSection(current) ? current : {};
    for (const key of Object.keys(section)) if (key.toLowerCase() === edit.key.toLowerCase()) delete section[key];
    if (edit.value !== null) section[edit.key] = edit.value;
    if (isSection(current) || edit.value !== null) copy[edit.section] = section;
  }
  return copy;
}

/**
 * Edit an existing config.ini, keeping every line we do not own. The result is decoded again and
 * compared with the intended content; any difference means the file is left alone.
 */
export function editCliConfig(source: string, filePath: string, edits: readonly IniEdit[]): string {
  const before = decodeIniStrict(source, filePath);
  const patched = patchIni(source, edits);
  const after = decodeIniStrict(patched, filePath);
  if (canonical(after) !== canonical(applyToData(before, edits))) {
    // The file's own layout defeats the line-preserving edit: its content, not a bug, so no `internal`.
    throw new AppFailure(
      'conflict',
      `Could not update ${filePath} without disturbing other settings in it; the file was left unchanged.`,
      { hint: 'Edit the file by hand, or export to a new file instead.' },
      'config-not-editable',
    );
  }
  return patched;
}
