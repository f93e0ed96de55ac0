import { z } from 'zod';
import {
  OWN_QUOTA_USAGE_MAX,
  type AccountLimits,
  type AccountUsage,
  type CapWindow,
  type QuotaView,
  type SubscriptionView,
  type UsageBucket,
} from '../../../shared/account-screen';
import { mapLimit } from '../../concurrency/map-limit';
import { AppFailure } from '../../../shared/errors';
import { serverMs } from '../../../shared/server-time';
import type { Transport } from '../transport';
import type { Auth } from '../types';
import { serverNumber, serverTime } from './schemas';

// The Account screen's limits and usage (`../shared/reference/chutes-account-api.md` §3.2–3.3):
// quotas, subscription caps, discounts and hourly usage. None takes a v1 signature (no purpose):
// they go with a hotkey-login JWT.

const num = serverNumber;
const when = z.string().nullish();

const quotaRow = z.object({
  chute_id: z.string(),
  quota: num.min(0),
  is_default: z.boolean().nullish(),
  payment_refresh_date: when,
  effective_date: when,
  updated_at: when,
});
const quotasSchema = z.union([z.array(quotaRow), z.record(z.string(), num.min(0))]);

/** The $ tiers a `*` quota identifies (Feb-2026 config, §3.2); +1 = comped plan. */
const TIERS: Record<number, number> = { 300: 3, 2000: 10, 5000: 20 };

/**
 * The tier the default quota stands for. The server's own subscription answer wins: the table is
 * a guess from one config, for servers without `subscription_usage` (or a price left out).
 */
function tierOf(star: number | undefined, subscription: SubscriptionView | null | undefined): number | null {
  if (subscription && !subscription.subscribed) return null;
  if (subscription?.subscribed && subscription.monthlyPriceUsd !== null) return subscription.monthlyPriceUsd;
  return star === undefined ? null : (TIERS[star] ?? TIERS[star - 1] ?? null);
}

export function quotaView(raw: z.infer<typeof quotasSchema>, subscription?: SubscriptionView | null): QuotaView {
  if (Array.isArray(raw)) {
    const rows = raw.map((r) => ({
      chuteId: r.chute_id,
      quota: r.quota,
      isDefault: r.is_default ?? r.chute_id === '*',
      // `updated_at` is when an admin last set the user's quotas (all rows are rewritten then), not
      // when this one took effect: kept apart so it is never shown as the latter.
      effectiveDate: r.effective_date ?? null,
      updatedAt: r.updated_at ?? null,
      paymentRefreshDate: r.payment_refresh_date ?? null,
    }));
    const star = rows.find((r) => r.chuteId === '*')?.quota;
    return { kind: 'rows', rows, tierUsd: tierOf(star, subscription) };
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) return { kind: 'unlimited' };
  return { kind: 'default', perDay: entries.map(([chuteId, quota]) => ({ chuteId, quota })) };
}

// Amounts used and caps are never below zero; what remains may be (spent past the cap).
const capSchema = z.object({
  usage: num.min(0).nullish(),
  cap: num.min(0).nullish(),
  remaining: num.nullish(),
  reset_at: when,
  uncapped: z.boolean().nullish(),
});
const subscriptionSchema = z.object({
  subscription: z.boolean(),
  custom: z.boolean().nullish(),
  monthly_price: num.nullish(),
  anchor_date: when,
  four_hour: capSchema.nullish(),
  monthly: capSchema.nullish(),
});

function capWindow(raw: z.infer<typeof capSchema> | null | undefined): CapWindow | null {
  if (!raw) return null;
  const uncapped = raw.uncapped === true;
  // The newest server's `{uncapped: true}` carries no usage: unknown is not $0.00.
  return {
    usageUsd: raw.usage ?? null,
    capUsd: uncapped ? null : (raw.cap ?? null),
    remainingUsd: uncapped ? null : (raw.remaining ?? null),
    resetAt: raw.reset_at ?? null,
    uncapped,
  };
}

export function subscriptionView(raw: z.infer<typeof subscriptionSchema>): SubscriptionView {
  if (!raw.subscription) return { subscribed: false };
  return {
    subscribed: true,
    monthlyPriceUsd: raw.monthly_price ?? null,
    custom: raw.custom === true,
    anchorDate: raw.anchor_date ?? null,
    fourHour: capWindow(raw.four_hour),
    monthly: capWindow(raw.monthly),
  };
}

/** Fractions of the price: 0.25 = 25 % off; more than all of it is no discount a server can mean. */
const discountRow = z.object({ chute_id: z.string(), discount: num.min(0).max(1) });
// Read row by row (discountsView): one bad row must not hide the quotas and subscription beside it.
const discountsSchema = z.array(z.unknown());

/** The discounts that read as one, and how many rows did not (left out, and said). */
export function discountsView(raw: unknown[]): { rows: { chuteId: string; fraction: number }[]; leftOut: number } {
  const rows = raw.flatMap((r) => {
    const row = discountRow.safeParse(r);
    return row.success ? [{ chuteId: row.data.chute_id, fraction: row.data.discount }] : [];
  });
  return { rows, leftOut: raw.length - rows.length };
}
const quotaUsageSchema = z.object({ quota: z.union([num, z.literal('unlimited')]), used: num });

/**
 * The chute id today's use of the default quota is asked for. The server keeps one counter per day
 * for all chutes without a quota row of their own (`q:<day>:<user>:__default__`) and reads it only
 * for a chute id that has no row and is not in its default quotas (`InvocationQuota.quota_key`).
 * Asking for "*" matches the "*" row itself and reads `q:<day>:<user>:*`, which no invocation writes:
 * always 0 (§3.2). The nil UUID is no chute, so it never has a row of its own.
 */
export const DEFAULT_QUOTA_PROBE = '00000000-0000-0000-0000-000000000000';

/**
 * Today's use is an extra: the rest of the limits still shows when it cannot be read. Only a 404
 * (a server without the route) is said as nothing; any other failure is said.
 */
function todayUnread(error: unknown): { unreadable: string } | null {
  if (!(error instanceof AppFailure)) throw error;
  if (error.appError.detail?.status === 404) return null;
  return { unreadable: error.appError.message };
}

function todayFigure(
  answer: z.infer<typeof quotaUsageSchema> | { unreadable: string } | null,
): AccountLimits['todayUsed'] {
  if (!answer || 'unreadable' in answer) return answer;
  // Free and invoiced accounts are not counted: the server's `used: 0` for them is no figure.
  return answer.quota === 'unlimited' ? { quota: 'unlimited' } : { quota: answer.quota, used: answer.used };
}

/**
 * Today's use of each chute with a quota of its own: the server keeps a counter per such chute
 * (`q:<day>:<user>:<chute_id>`, §3.2), which the default's figure leaves out. Four at a time; one
 * that cannot be read is said on its row. None for an account the server does not count.
 */
async function ownCounters(
  transport: Transport,
  auth: Auth,
  quotas: QuotaView,
): Promise<AccountLimits['usedTodayByChute']> {
  const ids =
    quotas.kind === 'rows'
      ? quotas.rows.map((r) => r.chuteId)
      : quotas.kind === 'default'
        ? quotas.perDay.map((q) => q.chuteId)
        : [];
  const own = [...new Set(ids.filter((id) => id !== '*'))].slice(0, OWN_QUOTA_USAGE_MAX);
  const read = await mapLimit(own, 4, (id) =>
    transport
      .request({
        method: 'GET',
        path: `/users/me/quota_usage/${encodeURIComponent(id)}`,
        auth,
        schema: quotaUsageSchema,
      })
      .then(
        (answer) => (answer.quota === 'unlimited' ? null : { used: answer.used }),
        (error: unknown) => todayUnread(error),
      ),
  );
  const out: AccountLimits['usedTodayByChute'] = {};
  own.forEach((id, i) => {
    const figure = read[i];
    if (figure) out[id] = figure;
  });
  return out;
}

/** A 404 from a route older servers lack (§0: the 2025-10 server has no `subscription_usage`) is "not offered here". */
function notOffered(error: unknown): null {
  if (error instanceof AppFailure && error.appError.detail?.status === 404) return null;
  throw error;
}

/** Quotas, today's use, subscription and discounts, read together with one JWT. */
export async function getLimits(
  transport: Transport,
  hotkey: string,
  now: () => Date = () => new Date(),
): Promise<Omit<AccountLimits, 'account'>> {
  const auth: Auth = { kind: 'jwt', hotkey };
  // The first call logs in; the rest reuse its token instead of each racing to log in.
  const quotas = await transport.request({ method: 'GET', path: '/users/me/quotas', auth, schema: quotasSchema });
  const [subscription, discounts, today, usedTodayByChute] = await Promise.all([
    transport
      .request({ method: 'GET', path: '/users/me/subscription_usage', auth, schema: subscriptionSchema })
      .then(subscriptionView, notOffered),
    transport
      .request({ method: 'GET', path: '/users/me/discounts', auth, schema: discountsSchema })
      .then(discountsView, notOffered),
    transport
      .request({ method: 'GET', path: `/users/me/quota_usage/${DEFAULT_QUOTA_PROBE}`, auth, schema: quotaUsageSchema })
      .catch(todayUnread),
    ownCounters(transport, auth, quotaView(quotas)),
  ]);
  return {
    quotas: quotaView(quotas, subscription),
    todayUsed: todayFigure(today),
    usedTodayByChute,
    subscription,
    discounts: discounts?.rows ?? null,
    discountsLeftOut: discounts?.leftOut ?? 0,
    asOf: now().toISOString(),
  };
}

const usageSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      bucket: serverTime,
      amount: num.nullish(),
      count: num.nullish(),
      input_tokens: num.nullish(),
      output_tokens: num.nullish(),
      chute_id: z.string().nullish(),
    }),
  ),
});

/** Rows per page and the most pages read for one range: 93 days × 24 h fit in one page when aggregated. */
export const USAGE_PAGE = 2500;
export const USAGE_MAX_PAGES = 4;
const HOUR_MS = 3_600_000;

/** Naive UTC, as the server compares buckets (`start_date`/`end_date` are inclusive, §3.3). */
const naive = (iso: string) => new Date(iso).toISOString().slice(0, 19);
/** The server's naive bucket times are UTC. */
const asUtc = (bucket: string) => new Date(serverMs(bucket)).toISOString();

export async function getUsage(
  transport: Transport,
  hotkey: string,
  range: { start: string; end: string; perChute: boolean },
  now: () => Date = () => new Date(),
): Promise<Omit<AccountUsage, 'account'>> {
  // Keyed by (hour, chute): paging by offset reads a row twice when a new one arrives between pages.
  const rows = new Map<string, UsageBucket>();
  let total = 0;
  let read = 0;
  // The server's hourly buckets start on the hour: one starting before `start` may still hold it.
  const from = Date.parse(range.start) - HOUR_MS;
  const to = Date.parse(range.end);
  for (let page = 0; page < USAGE_MAX_PAGES; page++) {
    const answer = await transport.request({
      method: 'GET',
      path: '/users/me/usage',
      auth: { kind: 'jwt', hotkey },
      query: {
        page,
        limit: USAGE_PAGE,
        per_chute: range.perChute,
        start_date: naive(range.start),
        end_date: naive(range.end),
      },
      schema: usageSchema,
    });
    total = answer.total;
    read += answer.items.length;
    for (const r of answer.items) {
      // A bucket outside the range asked for (a server's mistake) would count in totals the chart does not show.
      const at = serverMs(r.bucket);
      if (at < from || at > to) continue;
      const item: UsageBucket = {
        bucket: asUtc(r.bucket),
        chuteId: r.chute_id ?? null,
        amountUsd: r.amount ?? 0,
        requests: r.count ?? 0,
        inputTokens: r.input_tokens ?? 0,
        outputTokens: r.output_tokens ?? 0,
      };
      rows.set(`${item.bucket}|${item.chuteId ?? ''}`, item);
    }
    if (answer.items.length < USAGE_PAGE || read >= total) break;
  }
  const truncated = read < total;
  let items = [...rows.values()].sort(
    (a, b) => a.bucket.localeCompare(b.bucket) || (a.chuteId ?? '').localeCompare(b.chuteId ?? ''),
  );
  // Cut short per chute, the oldest hour read may lack the chutes the next page held: it is left
  // out, so what is shown starts at an hour read whole.
  const oldest = items[0]?.bucket;
  if (truncated && range.perChute && items.some((i) => i.bucket !== oldest)) {
    items = items.filter((i) => i.bucket !== oldest);
  }
  const totals = items.reduce(
    (t, i) => ({
      amountUsd: t.amountUsd + i.amountUsd,
      requests: t.requests + i.requests,
      inputTokens: t.inputTokens + i.inputTokens,
      outputTokens: t.outputTokens + i.outputTokens,
    }),
    { amountUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 },
  );
  return {
    start: range.start,
    end: range.end,
    perChute: range.perChute,
    items,
    totals,
    truncated,
    asOf: now().toISOString(),
  };
}
