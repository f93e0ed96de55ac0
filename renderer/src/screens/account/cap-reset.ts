/**
 * When a subscription cap's window resets, worked out for servers that do not say (the Feb-2026
 * `subscription_usage` has no `reset_at`, §3.2). Their counters are keyed by the calendar month
 * (`sub_cap_m:%Y%m`, server time = UTC) and by the 4-hour bucket since the epoch
 * (`time.time() // 14400`: 00:00, 04:00, 08:00… UTC), so the next key starts a fresh count.
 */
const FOUR_HOURS = 4 * 3_600_000;

/** The first reset after `at` (ISO), as ISO; null when `at` is not a time. */
export function expectedReset(window: 'fourHour' | 'monthly', at: string): string | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  if (window === 'fourHour') return new Date((Math.floor(t / FOUR_HOURS) + 1) * FOUR_HOURS).toISOString();
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString();
}
