/**
 * Errors that cross the process boundary (IPC or the web host) as plain values, never as thrown
 * strings. Every failure a user can meet maps to one of these codes so the renderer can say
 * something specific and keep what the user typed.
 */
import { ERROR_CODES, type ErrorCode } from './error-codes';
import type { FailureReason } from './failure-reasons';

export { ERROR_CODES, type ErrorCode } from './error-codes';
export type { FailureReason } from './failure-reasons';

/** Why a network call failed, as far as the OS and TLS stack let us tell. */
export type NetworkFailure = 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'non-json' | 'other';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `scopes.0.action`; empty for the whole payload. */
  path: string;
  message: string;
}

export interface ErrorDetail {
  fields?: FieldIssue[];
  /** Seconds the local clock is off from the server's (positive = local clock ahead). */
  skewSeconds?: number;
  network?: NetworkFailure;
  /** HTTP status returned by the Chutes API, when there was one. */
  status?: number;
  /** The id of what the failure is about, for the follow-up it offers (the key made when its answer was lost). */
  objectId?: string;
  /** The server's own `detail` text, verbatim, when it is safe to show. */
  serverDetail?: string;
  /** What the user can do about it. */
  hint?: string;
  /** The part of the Account screen where the hint's fix is made, for a button that goes there. */
  fixAt?: 'balance-transfers' | 'top-up';
}

export interface AppError {
  /** The broad class (HTTP-like); decides tone and generic handling. */
  code: ErrorCode;
  /** What exactly happened, stable across versions: what a screen switches on. */
  reason: FailureReason;
  message: string;
  detail?: ErrorDetail;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isErrorCode(v.code) && typeof v.reason === 'string' && typeof v.message === 'string';
}

/** An error value as it crosses a boundary; the reason defaults to the code. */
export function appError(
  code: ErrorCode,
  message: string,
  detail?: ErrorDetail,
  reason: FailureReason = code,
): AppError {
  return detail === undefined ? { code, reason, message } : { code, reason, message, detail };
}

/**
 * "Is this failure X": the one check screens and main use, whatever shape the error arrived in
 * (an AppFailure, the renderer's ApiError, or a bare AppError). Matches the exact reason, or the
 * broad code when given one (every code is also a reason).
 */
export function failureIs(error: unknown, ...reasons: FailureReason[]): boolean {
  const value = error instanceof AppFailure ? error.appError : hasAppError(error) ? error.error : error;
  return isAppError(value) && (reasons.includes(value.reason) || reasons.includes(value.code));
}

function hasAppError(value: unknown): value is { error: unknown } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/**
 * Thrown inside the main process to end a handler with a typed error; the router turns it into
 * `{ ok: false, error }`. Anything else thrown becomes a generic `internal` error.
 */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(code: ErrorCode, message: string, detail?: ErrorDetail, reason: FailureReason = code) {
    super(message);
    this.name = 'AppFailure';
    this.appError = appError(code, message, detail, reason);
  }

  get reason(): FailureReason {
    return this.appError.reason;
  }
}
