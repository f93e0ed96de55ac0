// Request-input handling the way FastAPI does it: JSON body decoding (before any dependency runs),
// then query/header/body validation collected into one 422.

import { header, queryParam } from './context';
import type { Ctx } from './context';
import { HttpError, MirroredCrash, ValidationFailure, issue } from './fastapi-errors';
import type { ValidationIssue } from './fastapi-errors';
import { parsePythonJson, PyJsonError } from './py-json';
import { coerceBool, coerceInt, parseDatetime, validateModel } from './validate';
import type { ModelSpec } from './validate';

const decoder = new TextDecoder('utf-8', { fatal: true });

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true;
  const mime = (value.split(';')[0] ?? '').trim().toLowerCase();
  if (!mime.includes('/')) return false;
  const [main, sub = ''] = mime.split('/');
  return main === 'application' && (sub === 'json' || sub.endsWith('+json'));
}

/** The body a body-model endpoint sees: undefined when empty, parsed JSON, or the raw text for non-JSON types. */
export function readBody(ctx: Ctx): unknown {
  if (ctx.body.length === 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(ctx.body);
  } catch {
    throw new HttpError(400, 'There was an error parsing the body');
  }
  if (!isJsonContentType(header(ctx, 'content-type'))) return text;
  try {
    return parsePythonJson(text.startsWith('\ufeff') ? text.slice(1) : text);
  } catch (err) {
    if (err instanceof PyJsonError) throw new ValidationFailure([issue.jsonInvalid(err.pos, err.pyMessage)]);
    throw err;
  }
}

/** Endpoints that call `await request.json()` themselves: any decode failure is an unhandled 500. */
export function readJsonLoosely(ctx: Ctx): unknown {
  try {
    return parsePythonJson(decoder.decode(ctx.body));
  } catch {
    throw new MirroredCrash('request.json() failed');
  }
}

export function bodyModel(spec: ModelSpec, raw: unknown, issues: ValidationIssue[]): Record<string, unknown> {
  if (raw === undefined) {
    issues.push(issue.missing(['body'], null));
    return {};
  }
  return validateModel(spec, raw, ['body'], issues);
}

export function requireHeader(ctx: Ctx, name: string, issues: ValidationIssue[]): string {
  const value = header(ctx, name);
  if (value === undefined) issues.push(issue.missing(['header', name], null));
  return value ?? '';
}

export function queryString(ctx: Ctx, name: string, issues: ValidationIssue[], required: boolean): string | undefined {
  const value = queryParam(ctx, name);
  if (value === undefined && required) issues.push(issue.missing(['query', name], null));
  return value;
}

export function queryInt(ctx: Ctx, name: string, fallback: number | null, issues: ValidationIssue[]): number | null {
  const value = queryParam(ctx, name);
  if (value === undefined) return fallback;
  return coerceInt(value, ['query', name], issues) ?? fallback;
}

export function queryBool(ctx: Ctx, name: string, fallback: boolean, issues: ValidationIssue[]): boolean {
  const value = queryParam(ctx, name);
  if (value === undefined) return fallback;
  return coerceBool(value, ['query', name], issues) ?? fallback;
}

export function queryDatetime(ctx: Ctx, name: string, issues: ValidationIssue[]): number | null {
  const value = queryParam(ctx, name);
  if (value === undefined) return null;
  return parseDatetime(value, ['query', name], issues) ?? null;
}

export function failOnIssues(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationFailure(issues);
}
