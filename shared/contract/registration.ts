import { z } from 'zod';
import type { AccountLookup } from '../account';
import {
  TOKEN_RE,
  type FinishResult,
  type RecheckResult,
  type RegistrationPreview,
  type RegistrationResult,
  type UsernameCheck,
} from '../registration';
import { apiBaseUrl, entryId, ss58Address } from '../validation';
import { returns, slice } from './define';

// The rule is checked by main (and the server) with its own message; this only bounds the input.
const username = z.string().max(64, 'Use at most 15 characters');
const token = z
  .string()
  .trim()
  .regex(TOKEN_RE, 'A registration token looks like 123e4567-e89b-42d3-a456-426614174000 (a UUID)');
const registration = z
  .object({ baseUrl: apiBaseUrl, username: z.string().trim().max(64), walletId: entryId, hotkeyId: entryId, token })
  .strict();

/** Registration wizard (`../shared/reference/chutes-account-api.md` §2). */
export const registrationContract = slice({
  /** §2.2 rule, then `GET /users/name_check` on the chosen server. */
  checkUsername: { input: z.object({ baseUrl: apiBaseUrl, username }).strict(), result: returns<UsernameCheck>() },
  /** Signed `GET /users/me` for a hotkey whose seed is in the keychain; null when no account owns it. */
  checkHotkeyRegistered: {
    input: z.object({ baseUrl: apiBaseUrl, hotkey: ss58Address }).strict(),
    result: returns<AccountLookup | null>(),
  },
  /** What `register` will send and sign, without sending anything. */
  previewRegistration: { input: registration, result: returns<RegistrationPreview>() },
  /** `POST /users/register`; on success the profile is saved and made active. */
  /** `reviewedHotkey`: the address the review showed; main refuses if the wallet hotkey is now another. */
  register: {
    input: registration.extend({ reviewedHotkey: ss58Address }).strict(),
    result: returns<RegistrationResult>(),
  },
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
