// Error shapes exactly as FastAPI (with pydantic v2) renders them. Every non-2xx answer of the
// sandbox goes through one of these, so clients meet the same bytes as from api.chutes.ai.

export type Loc = (string | number)[];

export interface ValidationIssue {
  type: string;
  loc: Loc;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** An `HTTPException`: `{"detail": …}` with the given status (detail may be an object, `../shared/reference/chutes-account-api.md` §3.4). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
}

/** A `RequestValidationError`: 422 `{"detail": [issue, …]}`. */
export class ValidationFailure extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => i.msg).join('; '));
  }
}

/**
 * A failure the real server does not handle (FastAPI answers 500). Thrown where the sandbox mirrors
 * such a crash on purpose, so it is not reported as a sandbox bug.
 */
export class MirroredCrash extends Error {}

export const unauthorized = (detail: string): HttpError => new HttpError(401, detail);

export const issue = {
  missing: (loc: Loc, input: unknown): ValidationIssue => ({ type: 'missing', loc, msg: 'Field required', input }),
  strType: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'string_type',
    loc,
    msg: 'Input should be a valid string',
    input,
  }),
  boolType: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'bool_type',
    loc,
    msg: 'Input should be a valid boolean',
    input,
  }),
  boolParsing: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'bool_parsing',
    loc,
    msg: 'Input should be a valid boolean, unable to interpret input',
    input,
  }),
  intType: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'int_type',
    loc,
    msg: 'Input should be a valid integer',
    input,
  }),
  intParsing: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'int_parsing',
    loc,
    msg: 'Input should be a valid integer, unable to parse string as an integer',
    input,
  }),
  intFromFloat: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'int_from_float',
    loc,
    msg: 'Input should be a valid integer, got a number with a fractional part',
    input,
  }),
  floatType: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'float_type',
    loc,
    msg: 'Input should be a valid number',
    input,
  }),
  floatParsing: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'float_parsing',
    loc,
    msg: 'Input should be a valid number, unable to parse string as a number',
    input,
  }),
  listType: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'list_type',
    loc,
    msg: 'Input should be a valid list',
    input,
  }),
  modelAttributes: (loc: Loc, input: unknown): ValidationIssue => ({
    type: 'model_attributes_type',
    loc,
    msg: 'Input should be a valid dictionary or object to extract fields from',
    input,
  }),
  enumValue: (loc: Loc, input: unknown, allowed: readonly string[]): ValidationIssue => {
    const quoted = allowed.map((a) => `'${a}'`);
    const expected =
      quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}` : (quoted[0] ?? '');
    return { type: 'enum', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
  },
  datetimeParsing: (loc: Loc, input: unknown, error: string): ValidationIssue => ({
    type: 'datetime_from_date_parsing',
    loc,
    msg: `Input should be a valid datetime or date, ${error}`,
    input,
    ctx: { error },
  }),
  jsonInvalid: (pos: number, error: string): ValidationIssue => ({
    type: 'json_invalid',
    loc: ['body', pos],
    msg: 'JSON decode error',
    input: {},
    ctx: { error },
  }),
};
