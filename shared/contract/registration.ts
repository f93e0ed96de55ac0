import { z } from 'zod';
import type { AccountLookup } from '../account';
import {
  TOKEN_RE,
  type FinishResult,
  type PendingRegistrations,
  type RecheckResult,
  type RegistrationPreview,
  type RegistrationResult,
  type UsernameCheck,
} from '../registration';
import { apiBaseUrl, entryId, ss58Address } from '../validation';
import { empty, returns, slice } from './define';

// The rule is checked by main (and the server) with its own message; this only bounds the input.
const username = z.string().max(64, 'Use at most 15 characters');
// The server looks `regtoken:<token>` up exactly as sent, and issues it in lower case (str(uuid4())):
// a token pasted in capitals is the same token, and is sent as it was issued.
const token = z
  .string()
  .trim()
  .regex(TOKEN_RE, 'A registration token looks like 123e4567-e89b-42d3-a456-426614174000 (a UUID)')
  .transform((t) => t.toLowerCase());
const registration = z
  .object({ baseUrl: apiBaseUrl, username: z.string().trim().max(64), walletId: entryId, hotkeyId: entryId, token })
  .strict();

/** Registration wizard (`../shared/reference/chutes-account-api.md` §2). */
export const registrationContract = slice({
  /** §2.2 rule, then `GET /users/name_check` on the chosen server. */
  checkUsername: { input: z.object({ baseUrl: apiBaseUrl, username }).strict(), result: returns<UsernameCheck>() },
  /** Signed `GET /users/me` for a hotkey whose seed is in the keychain; null when no account owns it. */
  checkHotkeyRegistered: {
    /**
     * With the wallet ids, a hotkey whose seed is only in its file is asked too: main reads the
     * seed for this one signed request and keeps it nowhere.
     */
    input: z
      .object({ baseUrl: apiBaseUrl, hotkey: ss58Address, walletId: entryId.optional(), hotkeyId: entryId.optional() })
      .strict(),
    result: returns<AccountLookup | null>(),
  },
  /** What `register` will send and sign, without sending anything. */
  previewRegistration: { input: registration, result: returns<RegistrationPreview>() },
  /**
   * `POST /users/register`; on success the profile is saved and made active. `reviewedHotkey` and
   * `reviewedBodySha256` (the hash of the body the review showed): main refuses, sending nothing,
   * if the wallet's hotkey or coldkey is now another.
   */
  register: {
    input: registration
      .extend({ reviewedHotkey: ss58Address, reviewedBodySha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict(),
    result: returns<RegistrationResult>(),
  },
  /**
   * The accounts registered by this main process whose Done step has not finished, fingerprint
   * included: a page started again (reloaded, crashed, the window reopened) offers them again. With
   * how many registrations main is still waiting on: a page started while one was out asks again.
   */
  pendingRegistrations: { input: empty, result: returns<PendingRegistrations>() },
  /**
   * After a lost answer: was the account created? Never re-sends the registration. Asks about the
   * hotkey and username that were sent (the wallet ids only name the profile); an account the hotkey
   * already had is refused as `hotkey-registered`.
   */
  recheckRegistration: {
    input: z
      .object({ baseUrl: apiBaseUrl, walletId: entryId, hotkeyId: entryId, hotkey: ss58Address, username })
      .strict(),
    result: returns<RecheckResult>(),
  },
  /** Keep the fingerprint in the keychain if asked, and forget the copy main held for the Done step. */
  finishRegistration: {
    input: z.object({ baseUrl: apiBaseUrl, userId: z.string().min(1).max(100), keepFingerprint: z.boolean() }).strict(),
    result: returns<FinishResult>(),
  },
});
