import { z } from 'zod';
import type { AccountLimits, AccountOverview, AccountUsage, DashboardLogin, TransferResult } from '../account-screen';
import type { Profile } from '../profiles';
import {
  FINGERPRINT_CHARS,
  NEW_FINGERPRINT,
  NEW_FINGERPRINT_CHARS,
  SENDABLE_FINGERPRINT,
  ss58Address,
} from '../validation';
import { empty, returns, reviewedFor, slice } from './define';

/**
 * Where a fingerprint-authenticated operation gets the fingerprint: the keychain (when the user
 * kept it there), or typed now — kept in the keychain afterwards only if `remember` is set.
 */
const fingerprintSource = {
  fingerprint: z.string().min(1).max(1024).regex(SENDABLE_FINGERPRINT, FINGERPRINT_CHARS).optional(),
  remember: z.boolean().default(false),
};

const isoDate = z.iso.datetime({ offset: true });

/** The Account screen: the active profile's account (`../shared/reference/chutes-account-api.md` §3). */
export const accountScreenContract = slice({
  accountOverview: { input: empty, result: returns<AccountOverview>() },
  accountLimits: { input: empty, result: returns<AccountLimits>() },
  accountUsage: {
    input: z
      .object({ start: isoDate, end: isoDate, perChute: z.boolean().default(false) })
      .strict()
      .refine((v) => Date.parse(v.start) <= Date.parse(v.end), {
        message: 'The range starts after it ends',
        path: ['start'],
      })
      .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= 93 * 86_400_000, {
        message: 'Choose at most 93 days',
        path: ['end'],
      }),
    result: returns<AccountUsage>(),
  },
  /**
   * Names of chutes the Account screen shows by id (usage, quotas, discounts) and the account's own
   * list lacks: public and shared chutes. An id without an answer (unknown, private, unread) is left out.
   */
  chuteNames: {
    input: z.object({ ids: z.array(z.guid()).max(50) }).strict(),
    result: returns<Record<string, string>>(),
  },
  dashboardLogin: { input: empty, result: returns<DashboardLogin>() },
  changeFingerprint: {
    input: z
      .object({
        ...fingerprintSource,
        newFingerprint: z
          .string()
          .min(8, 'Use at least 8 characters')
          .max(1024)
          .regex(NEW_FINGERPRINT, NEW_FINGERPRINT_CHARS),
        reviewedFor,
      })
      .strict(),
    /** `keepProblem`: the change is made, and keeping the new fingerprint in the keychain then failed. */
    result: returns<{ stored: boolean; keepProblem: string | null }>(),
  },
  changeAccountHotkey: {
    input: z.object({ ...fingerprintSource, newHotkey: ss58Address, reviewedFor }).strict(),
    result: returns<Profile>(),
  },
  deleteAccount: {
    input: z.object({ ...fingerprintSource, confirmUsername: z.string().min(1).max(64), reviewedFor }).strict(),
    /** `profileProblem`: the account is deleted, and removing its profile here then failed. */
    result: returns<{ deleted: true; profileRemoved: boolean; profileProblem: string | null }>(),
  },
  forgetFingerprint: { input: empty, result: returns<{ removed: boolean }>() },
  transferBalance: {
    input: z
      .object({
        target: z.string().trim().min(1, 'Enter a username or user id').max(64),
        amountUsd: z.number().finite().positive('Enter an amount above 0').max(1e9).optional(),
        reviewedFor,
      })
      .strict(),
    result: returns<TransferResult>(),
  },
  refundDeveloperDeposit: {
    input: z.object({ address: ss58Address, reviewedFor }).strict(),
    result: returns<{ message: string }>(),
  },
});
