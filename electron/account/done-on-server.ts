import { AppFailure, type ErrorCode } from '../../shared/errors';
import { lostAnswerCause } from '../chutes-api/outcome-unknown';
import { describeError, log } from '../log';

// What the Account screen's handlers say once the server has acted, or may have: a step of the
// app's own after it, and a money request whose answer was lost.

/** What the user can be told of a thrown value: an AppFailure's own words, or a plain fallback. */
export function errorText(error: unknown): { code: ErrorCode; message: string } {
  return error instanceof AppFailure
    ? { code: error.appError.code, message: error.appError.message }
    : { code: 'internal', message: 'an unexpected error' };
}

/**
 * A local step after the server has done what was asked (keeping a fingerprint, dropping a
 * session, removing a profile): its failure is logged and returned as words, never thrown, so a
 * change that happened is never reported as one that failed.
 */
export async function afterDone(step: string, work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (error) {
    log.warn(`account: done on the server, but could not ${step}: ${describeError(error)}`);
    return errorText(error).message;
  }
}

export const TRANSFER_HINT =
  'Do not send it again yet: look at your balance on this screen in a minute (Chutes updates it within about a minute), or ask the other user.';
export const REFUND_HINT =
  'Do not ask again yet: look at the destination wallet (the refund is an on-chain transfer) in a few minutes; ask again only if nothing arrived.';

/** A money request whose answer was lost: it may have been carried out, so it is said as such. */
export function lostAnswer(error: unknown, what: string, host: string, hint: string): AppFailure {
  const network = error instanceof AppFailure ? error.appError.detail?.network : undefined;
  return new AppFailure(
    'network',
    `${what} was sent to ${host}, but ${lostAnswerCause(error)}, so it may or may not have gone through.`,
    { ...(network ? { network } : {}), hint },
    'answer-lost',
  );
}
