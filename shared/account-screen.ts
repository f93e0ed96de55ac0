/**
 * What the Account screen shows about the active profile's account
 * (`../shared/reference/chutes-account-api.md` §3). Money is USD; times are ISO-8601 UTC.
 */
import type { AccountRole } from './roles';

export type { AccountRole };

export interface AccountOverview {
  baseUrl: string;
  username: string;
  userId: string;
  hotkey: string;
  coldkey: string;
  createdAt: string;
  /** Effective USD balance; the server refreshes it about once a minute. null when not reported. */
  balanceUsd: number | null;
  paymentAddress: string;
  roles: AccountRole[];
  netuids: number[];
  /** When this answer arrived (ISO). */
  asOf: string;
  /** Whether the keychain holds this account's fingerprint (never the value). */
  fingerprintStored: boolean;
}

/** `GET /users/me/quotas` comes in three shapes (§3.2); each is kept as what it means. */
export type QuotaView =
  | { kind: 'unlimited' }
  | { kind: 'default'; perDay: { chuteId: string; quota: number }[] }
  | {
      kind: 'rows';
      rows: {
        chuteId: string;
        quota: number;
        isDefault: boolean;
        /** When this quota took effect (newest servers only). */
        effectiveDate: string | null;
        /** When the account's quotas were last set (the server rewrites every row then). */
        updatedAt: string | null;
        paymentRefreshDate: string | null;
      }[];
      /**
       * The $ tier of the default quota: the server's subscription price when it reports one, else
       * what a `*` quota of 300/2000/5000 (+1 comped) identifies; null when the server says there is
       * no subscription.
       */
      tierUsd: number | null;
    };

/** null: the server did not report that figure (never shown as $0.00). */
export interface CapWindow {
  usageUsd: number | null;
  /** null also when `uncapped`. */
  capUsd: number | null;
  remainingUsd: number | null;
  resetAt: string | null;
  uncapped: boolean;
}

export type SubscriptionView =
  | { subscribed: false }
  | {
      subscribed: true;
      monthlyPriceUsd: number | null;
      custom: boolean;
      anchorDate: string | null;
      fourHour: CapWindow | null;
      monthly: CapWindow | null;
    };

/** Which account an answer is about, so a screen never shows one profile's numbers as another's. */
export interface AnswerFor {
  userId: string;
  baseUrl: string;
}

/** At most this many chutes' own counters are read with the limits (one request each). */
export const OWN_QUOTA_USAGE_MAX = 50;

export interface AccountLimits {
  account: AnswerFor;
  quotas: QuotaView;
  /**
   * Today's use of the default quota (every chute without a quota of its own); `quota: 'unlimited'`
   * alone for accounts the server does not count (free, invoiced); null when the server has no such
   * route (older servers answer 404); `unreadable` when it has one and the read failed, so a failure
   * is never shown as "no data".
   */
  todayUsed: { quota: number; used: number } | { quota: 'unlimited' } | { unreadable: string } | null;
  /**
   * Today's use of each chute with a quota (and so a counter) of its own, by chute id: the first
   * `OWN_QUOTA_USAGE_MAX` such chutes (the rest are not asked, and have no entry).
   */
  usedTodayByChute: Record<string, { used: number } | { unreadable: string }>;
  /** null: the server does not offer `subscription_usage` (older servers answer 404). */
  subscription: SubscriptionView | null;
  /** null: the server does not offer `discounts`. */
  discounts: { chuteId: string; fraction: number }[] | null;
  /** Discount rows the server sent that were not a chute id with a fraction from 0 to 1: left out, and said. */
  discountsLeftOut?: number;
  asOf: string;
}

export interface UsageBucket {
  /** Start of the hour, ISO UTC. */
  bucket: string;
  chuteId: string | null;
  amountUsd: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export interface AccountUsage {
  account: AnswerFor;
  start: string;
  end: string;
  perChute: boolean;
  /** Oldest first. */
  items: UsageBucket[];
  totals: { amountUsd: number; requests: number; inputTokens: number; outputTokens: number };
  /** True when the range held more rows than one answer carries (the chart shows the newest). */
  truncated: boolean;
  asOf: string;
}

export type DashboardLogin = { supported: true; url: string } | { supported: false; message: string };

export interface TransferResult {
  transferredUsd: number;
  toUser: string;
  fromBalanceUsd: number;
  toBalanceUsd: number;
  at: string;
}
