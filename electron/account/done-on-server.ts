import { AppFailure } from '../../shared/errors';
import { lostAnswerCause } from '../chutes-api/outcome-unknown';

// What the Account screen's handlers say of a money request whose answer was lost: it may have
// been carried out (a local step after a request that was, see ../after-done.ts).

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
