import type { AccountLookup } from '../../shared/account';
import { NONCE_WINDOW_SECONDS } from '../../shared/diagnostics';
import { AppFailure, type ErrorDetail } from '../../shared/errors';
import { serverDay, serverMs } from '../../shared/server-time';
import { lostAnswerCause, outcomeUnknown } from '../chutes-api/outcome-unknown';
import { MIN_COLDKEY_TAO, TOKEN_LIFETIME_SECONDS, underscoreNote } from '../../shared/registration';

/**
 * What a failed `POST /users/register` means for the person in the wizard (`../shared/reference/chutes-account-api.md` §2.4): the reason
 * stays the one failure-map.ts gave; the message names their username, hotkey or coldkey, and the
 * hint says which step to go back to. Every answer keeps the wizard's input (the renderer's job).
 */
export interface RegistrationAttempt {
  host: string;
  username: string;
  hotkey: string;
  hotkeyName: string;
  coldkey: string;
}

function retold(failure: AppFailure, message: string, hint: string): AppFailure {
  const { code, detail, reason } = failure.appError;
  const merged: ErrorDetail = { ...detail, hint };
  return new AppFailure(code, message, merged, reason);
}

export function registrationFailure(error: unknown, at: RegistrationAttempt): unknown {
  if (!(error instanceof AppFailure)) return error;
  const { reason, detail } = error.appError;
  if (outcomeUnknown(error)) {
    return new AppFailure(
      'network',
      `The registration was sent to ${at.host}, but ${lostAnswerCause(error)}. The account may or may not have been created.`,
      {
        ...(detail?.network ? { network: detail.network } : {}),
        hint: 'Nothing is sent again blindly: the app first asks Chutes, signed with your hotkey, whether the account exists.',
      },
      'answer-lost',
    );
  }
  switch (reason) {
    case 'ip-limit':
      return retold(
        error,
        `Chutes allows 3 registrations per IP address in 24 hours, and ${at.host} has counted 3 from your address.`,
        `Try again 24 hours after the last registration from this address (each one starts the 24 hours again), or from another network. You will need a new registration token then (tokens last ${TOKEN_LIFETIME_SECONDS / 60} minutes); everything else you entered is kept.`,
      );
    case 'token-missing':
      return retold(
        error,
        'The registration was sent without a registration token.',
        'Go back to the token step and paste a fresh token.',
      );
    case 'token-invalid':
      return retold(
        error,
        `The registration token was not accepted: it has expired (tokens last ${TOKEN_LIFETIME_SECONDS / 60} minutes), was mistyped, or is unknown to ${at.host}.`,
        'Go back to the token step, get a new token and paste it; then register again.',
      );
    case 'hotkey-registered':
      return retold(
        error,
        `The hotkey ${at.hotkeyName} (${at.hotkey}) already belongs to a Chutes account on ${at.host}.`,
        'Add that account as a profile instead, or go back and pick another hotkey.',
      );
    case 'username-invalid':
      return retold(
        error,
        `${at.host} does not accept the username “${at.username}”${detail?.serverDetail ? `: ${detail.serverDetail}` : '.'}`,
        'Go back to the username step and change it.',
      );
    case 'username-taken': {
      const note = underscoreNote(at.username);
      return retold(
        error,
        // The newest servers also hold a name for a pending agent registration (§2.4).
        detail?.serverDetail?.includes('reserved by a pending registration')
          ? `The username “${at.username}” is reserved on ${at.host} by a registration still pending.`
          : `The username “${at.username}” is already taken on ${at.host}${note ? ` (${note})` : ''}.`,
        'Go back to the username step and choose another one.',
      );
    }
    case 'coldkey-balance':
      return retold(
        error,
        `The coldkey ${at.coldkey} holds less than ${MIN_COLDKEY_TAO} TAO of free balance, which Chutes requires to register. Nothing was created.`,
        `Send at least ${MIN_COLDKEY_TAO} TAO to this coldkey (it stays yours: it is not spent). Once the transfer is final, get a new registration token if this one is older than ${TOKEN_LIFETIME_SECONDS / 60} minutes, then register again.`,
      );
    case 'credentials-rejected':
      return retold(
        error,
        `${at.host} did not accept the hotkey's signature${detail?.serverDetail ? ` (${detail.serverDetail})` : ''}.`,
        'Check the clock (Settings → Diagnostics) and that the hotkey file is intact, then try again.',
      );
    default:
      return error;
  }
}

/**
 * Whether the account a recheck found for the hotkey is the one the lost attempt asked for, and not
 * one the hotkey already had (whose 409 was the answer lost): it carries the username typed, and it
 * was not created before the attempt went out. The server's clock is within the nonce window of
 * this process's clock, or it would have refused the signature: only older than that counts.
 * 'unknown' when that cannot be told: this process did not send the attempt (it restarted since,
 * while the page kept the wizard), or the server gave no creation time.
 */
export function madeByAttempt(
  account: AccountLookup,
  username: string,
  sentAtMs: number | undefined,
): 'yes' | 'no' | 'unknown' {
  if (account.username !== username) return 'no';
  const created = serverMs(account.createdAt);
  if (sentAtMs === undefined || Number.isNaN(created)) return 'unknown';
  return created >= sentAtMs - NONCE_WINDOW_SECONDS * 1000 ? 'yes' : 'no';
}

/**
 * An account with the username typed exists for the hotkey, but whether the lost attempt made it
 * cannot be told: said as such, with what to do in either case (only the user knows which).
 */
export function unsureAccountFailure(at: Omit<RegistrationAttempt, 'coldkey'>, account: AccountLookup): AppFailure {
  return new AppFailure(
    'conflict',
    `Chutes has an account “${account.username}” (user ID ${account.userId}) for the hotkey ${at.hotkeyName} (${at.hotkey}) on ${at.host}, but the app was restarted since the registration was sent, so it cannot tell whether that registration made it or the hotkey already had it.`,
    {
      hint: 'Add that account as a profile. If it is new, its fingerprint was in the lost answer: set a new one on the Account screen once it is added.',
    },
    'hotkey-registered',
  );
}

/** The hotkey had an account before the lost attempt: a signed registration for it was refused (§2.4 check 4). */
export function hadAccountFailure(at: Omit<RegistrationAttempt, 'coldkey'>, account: AccountLookup): AppFailure {
  const day = serverDay(account.createdAt);
  const created = day ? `, created ${day}` : '';
  return new AppFailure(
    'conflict',
    `The hotkey ${at.hotkeyName} (${at.hotkey}) already had a Chutes account on ${at.host}: “${account.username}” (user ID ${account.userId}${created}). Chutes refuses a second registration for a hotkey, so no account “${at.username}” was created.`,
    { hint: 'Add that account as a profile instead, or go back and pick another hotkey.' },
    'hotkey-registered',
  );
}
