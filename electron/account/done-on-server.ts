import { AppFailure } from '../../shared/errors';
import { lostAnswerCause } from '../chutes-api/outcome-unknown';

// What the Account screen's handlers say of a money request whose answer was lost: it may have
// been carried out (a local step after a request that was, see ../after-done.ts).

export const TRANSFER_HINT =
  'Do not send it again yet: look at your balance on this screen in a minute (Chutes updates it within about a minute), or ask the other user.';
export const REFUND_HINT =
  'Do not ask again yet: look at the destination wallet (the refund is an on-chain transfer) in a few minutes; ask again only if nothing arrived.';

/**
 * Account changes whose answer was lost. Sent again blindly, each would be refused in words that
 * mislead (the move: "Hotkey already associated with another user", the account itself; the
 * delete: "Not authorized", the account gone): so the way to find out comes first.
 */
export const moveHint = (hotkey: string): string =>
  `Do not move it again yet: in a minute, look up the account of ${hotkey} on the Profiles & hotkeys screen. If it is this account, the move was made; add it as a profile from that row and remove this one.`;
export const DELETE_HINT =
  'Do not delete it again yet: reload this screen in a minute. If Chutes says this hotkey is not registered, the account was deleted, and this profile can be removed on the Profiles & hotkeys screen.';
export const FINGERPRINT_CHANGE_HINT =
  'Do not change it again yet: in a minute, try the new fingerprint (log in with it on chutes.ai). If it works, the change was made and the old one no longer does.';

/** A request whose answer was lost: it may have been carried out, so it is said as such. */
export function lostAnswer(error: unknown, what: string, host: string, hint: string): AppFailure {
  const network = error instanceof AppFailure ? error.appError.detail?.network : undefined;
  return new AppFailure(
    'network',
    `${what} was sent to ${host}, but ${lostAnswerCause(error)}, so it may or may not have gone through.`,
    { ...(network ? { network } : {}), hint },
    'answer-lost',
  );
}
