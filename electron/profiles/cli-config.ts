import { AppFailure, type FieldIssue } from '../../shared/errors';
import { apiBaseUrl, normaliseBaseUrl } from '../../shared/validation';
import {
  DEFAULT_SECTION,
  escapeIniValue,
  isIniSafeValue,
  patchIni,
  scanIni,
  type IniData,
  type IniEdit,
  type ScannedIni,
} from './ini-lines';
import { iniGet, iniLineOf } from './ini-values';

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

function invalid(filePath: string, summary: string, fields: FieldIssue[], hint?: string): AppFailure {
  return new AppFailure('invalid-input', `${filePath}: ${summary}`, hint === undefined ? { fields } : { fields, hint });
}

/** Read with the CLI's rules; anything the CLI would refuse to load is refused, by line number. */
export function readIniStrict(source: string, filePath: string): ScannedIni {
  if (source.includes('\u0000')) throw invalid(filePath, 'this is not a text file, so it cannot be a config.ini.', []);
  const scanned = scanIni(source);
  const { problems } = scanned;
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`);
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw invalid(
      filePath,
      `not a valid config.ini — ${shown.join('; ')}${more}.`,
      problems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
    );
  }
  return scanned;
}

export const decodeIniStrict = (source: string, filePath: string): IniData => readIniStrict(source, filePath).data;

const AUTH_HINT =
  'The chutes CLI needs an [auth] section with username, user_id, hotkey_seed, hotkey_name and hotkey_ss58address (as "chutes register" writes them).';

/** Trimmed spaces inside the brackets: the CLI reads `[ auth ]` as another section. */
function spacedAuthHint(data: IniData): string {
  const spaced = Object.keys(data).find((name) => name !== 'auth' && name.trim() === 'auth');
  return spaced === undefined
    ? AUTH_HINT
    : `The file has [${spaced}]: the chutes CLI reads section names exactly, so that is not [auth]. Write it as [auth].`;
}

/** What an import reads: the account, and why `[payment] address` was left out when it was. */
export interface ParsedCliConfig extends CliConfigValues {
  /** Set when the file has a `[payment] address` the app could not use: said to the user, never a refusal. */
  paymentNote: string | null;
}

/** Why `[payment] address` was not read; the CLI never reads `[payment]` (reference §2.5), so this never blocks an import. */
function paymentNotRead(why: string): string {
  return `[payment] address was not read: ${why}. The rest of the file was imported, without a payment address; the chutes CLI never reads [payment], so it is not affected.`;
}

export function parseCliConfig(source: string, filePath: string): ParsedCliConfig {
  const { data, keyLines } = readIniStrict(source, filePath);
  if (data.auth === undefined) {
    throw invalid(
      filePath,
      'there is no [auth] section.',
      [{ path: 'auth', message: 'missing section' }],
      spacedAuthHint(data),
    );
  }
  const broken: FieldIssue[] = [];
  /** What the CLI's `config.get(section, key)` returns; an empty value counts as none. */
  const read = (section: string, key: string): string | undefined => {
    const got = iniGet(data, section, key);
    if (got.kind === 'error') {
      const line = iniLineOf(keyLines, section, key);
      broken.push({ path: `${section}.${key}`, message: `line ${line ?? '?'}: ${got.message}` });
      return undefined;
    }
    return got.kind === 'value' && got.value !== '' ? got.value : undefined;
  };
  const auth = Object.fromEntries(REQUIRED_AUTH_KEYS.map((key) => [key, read('auth', key)]));
  const rawUrl = read('api', 'base_url');
  if (broken.length > 0) {
    throw invalid(
      filePath,
      `${broken.map((b) => `${b.path} (${b.message})`).join('; ')}. The chutes CLI stops with an error on this file too.`,
      broken,
    );
  }
  // The CLI reads [auth] and [api] only: a [payment] address the app cannot use costs the profile
  // that address, not the import.
  let paymentNote: string | null = null;
  let payment = read('payment', 'address');
  const paymentBroken = broken.pop();
  if (paymentBroken !== undefined) paymentNote = paymentNotRead(`its value cannot be read (${paymentBroken.message})`);
  else if (payment !== undefined && !SS58_PATTERN.test(payment)) {
    paymentNote = paymentNotRead(
      'it is not an SS58 address (values are read literally: no quotes, no comments after the value)',
    );
    payment = undefined;
  }
  const missing = REQUIRED_AUTH_KEYS.filter((key) => key !== 'hotkey_seed' && auth[key] === undefined);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw invalid(
      filePath,
      `[auth] is missing ${list}.`,
      missing.map((key) => ({ path: `auth.${key}`, message: 'missing or empty' })),
      AUTH_HINT,
    );
  }
  const values: ParsedCliConfig = {
    baseUrl: rawUrl === undefined ? null : normaliseBaseUrl(rawUrl),
    username: auth.username ?? '',
    userId: auth.user_id ?? '',
    hotkeySeed: auth.hotkey_seed ?? null,
    hotkeyName: auth.hotkey_name ?? '',
    hotkeySs58: auth.hotkey_ss58address ?? '',
    paymentAddress: payment ?? null,
    paymentNote,
  };
  // The CLI takes values literally: quotes and "; comments" are part of them.
  const literal = ' (the chutes CLI reads values literally: no quotes, no comments after the value)';
  if (values.baseUrl !== null && !apiBaseUrl.safeParse(values.baseUrl).success) {
    throw invalid(filePath, `[api] base_url is not a full http:// or https:// address${literal}.`, [
      { path: 'api.base_url', message: 'not an http(s) URL' },
    ]);
  }
  if (!SS58_PATTERN.test(values.hotkeySs58)) {
    throw invalid(filePath, `[auth] hotkey_ss58address is not an SS58 address${literal}.`, [
      { path: 'auth.hotkey_ss58address', message: 'not an SS58 address' },
    ]);
  }
  const unsafe = (['username', 'userId', 'hotkeyName'] as const).filter((k) => !isIniSafeValue(values[k]));
  if (unsafe.length > 0) {
    // The app writes these values back into CLI configs; ones that would not round-trip are refused up front.
    throw invalid(
      filePath,
      `${unsafe.join(', ')} contain line breaks or control characters, which the app cannot write back.`,
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
  return patchIni('', cliConfigEdits(values));
}

/**
 * The lines an export writes, escaped for configparser. A `hotkey_seed` under `[DEFAULT]` goes
 * too: the CLI would still find it through `[auth]` in an export without the seed.
 */
export function cliConfigEdits(values: CliConfigOutput): IniEdit[] {
  const edits = layout(values).flatMap(([section, entries]) =>
    entries.map(([key, value]) => ({ section, key, value: value === null ? null : escapeIniValue(value) })),
  );
  return [...edits, { section: DEFAULT_SECTION, key: 'hotkey_seed', value: null }];
}

/**
 * Removing the plaintext seed `seed` (as read): from `[auth]`, and from `[DEFAULT]` when it is the
 * same seed. A different one there would become the account's seed for the CLI once `[auth]`'s is
 * gone, so that file is left for the user to fix.
 */
export function stripSeedEdits(source: string, filePath: string, seed: string): IniEdit[] {
  const data = decodeIniStrict(source, filePath);
  // `hotkey_seed = %(other)s`: removing the reference would leave the seed itself in the file.
  const raw = data.auth?.hotkey_seed ?? data[DEFAULT_SECTION]?.hotkey_seed ?? '';
  if (raw.includes('%'))
    throw new AppFailure(
      'conflict',
      `${filePath}: hotkey_seed refers to another key with "%(…)s", so removing it would leave the seed in the file; the file was left unchanged.`,
      { hint: 'Remove the seed from the file by hand, or import without removing the seed.' },
      'config-not-editable',
    );
  const inDefault = iniGet(data, DEFAULT_SECTION, 'hotkey_seed');
  if (inDefault.kind === 'missing') return [{ section: 'auth', key: 'hotkey_seed', value: null }];
  if (inDefault.kind === 'value' && inDefault.value === seed)
    return [
      { section: 'auth', key: 'hotkey_seed', value: null },
      { section: DEFAULT_SECTION, key: 'hotkey_seed', value: null },
    ];
  throw new AppFailure(
    'conflict',
    `${filePath} has another hotkey_seed under [DEFAULT], which the chutes CLI would use once the one in [auth] is removed; the file was left unchanged.`,
    { hint: 'Remove hotkey_seed from [DEFAULT] by hand, or import without removing the seed.' },
    'config-not-editable',
  );
}

/** Sorted-key JSON, so two decoded files compare by content rather than key order. */
function canonical(data: IniData): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify(sorted(Object.fromEntries(Object.entries(data).map(([name, keys]) => [name, sorted(keys)]))));
}

/** What `edits` should do to decoded data; the oracle the line-level patch is checked against. */
function applyToData(data: IniData, edits: readonly IniEdit[]): IniData {
  const copy: IniData = Object.fromEntries(Object.entries(data).map(([name, keys]) => [name, { ...keys }]));
  for (const edit of edits) {
    const key = edit.key.toLowerCase();
    const section = copy[edit.section];
    if (edit.value === null) {
      if (section) delete section[key];
    } else (copy[edit.section] ??= {})[key] = edit.value;
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
