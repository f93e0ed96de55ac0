// Just enough of pydantic v2's lax-mode coercion for the request models the account API declares.
// Error types, messages and `loc`s follow pydantic; `input` is the offending value, as FastAPI echoes it.

import { issue } from './fastapi-errors';
import type { Loc, ValidationIssue } from './fastapi-errors';

export type FieldSpec =
  | { kind: 'str' | 'bool' | 'int' | 'float'; required?: boolean; nullable?: boolean }
  | { kind: 'enum'; values: readonly string[]; required?: boolean; nullable?: boolean }
  | { kind: 'list'; item: ModelSpec; required?: boolean; nullable?: boolean };

export type ModelSpec = Record<string, FieldSpec>;

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function coerceBool(value: unknown, loc: Loc, issues: ValidationIssue[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (value === 0 || value === 1) return value === 1;
    issues.push(issue.boolParsing(loc, value));
    return undefined;
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    issues.push(issue.boolParsing(loc, value));
    return undefined;
  }
  issues.push(issue.boolType(loc, value));
  return undefined;
}

export function coerceInt(value: unknown, loc: Loc, issues: ValidationIssue[]): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
    issues.push(Number.isFinite(value) ? issue.intFromFloat(loc, value) : issue.intParsing(loc, value));
    return undefined;
  }
  if (typeof value === 'string') {
    const m = /^\s*([+-]?\d+)(?:\.0*)?\s*$/.exec(value);
    if (m?.[1] !== undefined) return Number(m[1]);
    issues.push(issue.intParsing(loc, value));
    return undefined;
  }
  issues.push(issue.intType(loc, value));
  return undefined;
}

export function coerceFloat(value: unknown, loc: Loc, issues: ValidationIssue[]): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (/^[+-]?(inf|infinity|nan)$/i.test(t))
      return Number(t.replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN'));
    issues.push(issue.floatParsing(loc, value));
    return undefined;
  }
  issues.push(issue.floatType(loc, value));
  return undefined;
}

function coerceField(spec: FieldSpec, value: unknown, loc: Loc, issues: ValidationIssue[]): unknown {
  if (value === null && spec.nullable) return null;
  switch (spec.kind) {
    case 'str':
      if (typeof value === 'string') return value;
      issues.push(issue.strType(loc, value));
      return undefined;
    case 'bool':
      return coerceBool(value, loc, issues);
    case 'int':
      return coerceInt(value, loc, issues);
    case 'float':
      return coerceFloat(value, loc, issues);
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return value;
      issues.push(issue.enumValue(loc, value, spec.values));
      return undefined;
    case 'list': {
      if (!Array.isArray(value)) {
        issues.push(issue.listType(loc, value));
        return undefined;
      }
      return value.map((item, i) => validateModel(spec.item, item, [...loc, i], issues));
    }
  }
}

/** Validates `input` against a model; returns the coerced object (meaningful only if no issues were added). */
export function validateModel(
  spec: ModelSpec,
  input: unknown,
  loc: Loc,
  issues: ValidationIssue[],
): Record<string, unknown> {
  if (!isRecord(input)) {
    issues.push(issue.modelAttributes(loc, input));
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    const present = Object.prototype.hasOwnProperty.call(input, name);
    if (!present) {
      if (field.required) issues.push(issue.missing([...loc, name], input));
      else out[name] = field.kind === 'list' ? [] : null;
      continue;
    }
    out[name] = coerceField(field, input[name], [...loc, name], issues);
  }
  return out;
}

/** pydantic's datetime parsing for query strings (ISO 8601 / RFC 3339 subset, or a date). Returns epoch ms. */
export function parseDatetime(value: string, loc: Loc, issues: ValidationIssue[]): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) {
    const error =
      value.length < 10
        ? 'input is too short'
        : /^\d{4}/.test(value)
          ? 'invalid date separator, expected `-`'
          : 'invalid character in year';
    issues.push(issue.datetimeParsing(loc, value, error));
    return undefined;
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', tz] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) {
    issues.push(issue.datetimeParsing(loc, value, 'month value is outside expected range of 1-12'));
    return undefined;
  }
  const base = Date.UTC(
    Number(y),
    month - 1,
    day,
    Number(h),
    Number(mi),
    Number(s),
    Math.round(Number(`0${frac || '.0'}`) * 1000),
  );
  if (new Date(base).getUTCDate() !== day) {
    issues.push(issue.datetimeParsing(loc, value, 'day value is outside expected range'));
    return undefined;
  }
  let offsetMin = 0;
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return base - offsetMin * 60_000;
}
