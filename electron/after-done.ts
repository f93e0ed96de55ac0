import { AppFailure, type ErrorCode } from '../shared/errors';
import { describeError, log } from './log';

/** What the user can be told of a thrown value: an AppFailure's own words, or a plain fallback. */
export function errorText(error: unknown): { code: ErrorCode; message: string } {
  return error instanceof AppFailure
    ? { code: error.appError.code, message: error.appError.message }
    : { code: 'internal', message: 'an unexpected error' };
}

/**
 * A local step after the server (or the profile store) has done what was asked: keeping a
 * fingerprint or a seed, dropping a session, removing a profile. Its failure is logged and
 * returned as words, never thrown, so a change that happened is never reported as one that failed.
 */
export async function afterDone(step: string, work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (error) {
    log.warn(`done, but could not ${step}: ${describeError(error)}`);
    return errorText(error).message;
  }
}
