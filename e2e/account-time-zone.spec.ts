import { expect, test } from '@playwright/test';
import { useAccountWorld } from './fixtures/account-world';
import { screenshot } from './fixtures/screenshots';

// West of UTC, where a date kept as UTC midnight read as a local moment is the day before, and the
// server's UTC windows end at local times that are not midnight.
test.use({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });
const { world, openAccount } = useAccountWorld();

test('the anchor date is the UTC day, and cap windows a server does not time are worked out and marked expected', async ({
  page,
}) => {
  const w = await world(page);
  w.sb.setSubscription(w.userId, {
    subscription: true,
    custom: false,
    monthly_price: 10,
    anchor_date: '2026-11-20T00:00:00',
    effective_date: '2026-11-20T00:00:00',
    updated_at: '2026-11-20T00:00:00',
    four_hour: { usage: 1, cap: 4.1667, remaining: 3.1667, reset_at: '2026-12-07T04:00:00' },
    monthly: { usage: 12, cap: 50, remaining: 38, reset_at: '2026-12-20T00:00:00' },
  });
  await openAccount(page);
  const limits = page.getByRole('region', { name: 'Quotas and subscription' });
  // Not "Nov 19, 2026, 4:00 PM": the plan is billed from the 20th wherever one reads it.
  await expect(limits).toContainText('$10.00 per month, billed from Nov 20, 2026.');
  await expect(limits).toContainText('Resets Dec 6, 2026, 8:00 PM');
  // The hour as the rest of the screen writes it: "4:51:14 PM", not "04:51:14 PM".
  await expect(limits.getByText(/^As of /)).toHaveText(/^As of (1[0-2]|[1-9]):\d\d:\d\d (AM|PM)$/);

  // The Feb-2026 answer: no anchor date, no reset times. Its counters are the UTC calendar month and
  // the 4-hour bucket since the epoch (00:00, 04:00… UTC = 4 PM, 8 PM, 12 AM… here in winter).
  w.sb.setSubscription(w.userId, {
    subscription: true,
    monthly_price: 10,
    monthly: { usage: 12, cap: 50, remaining: 38 },
    four_hour: { usage: 1, cap: 4.1667, remaining: 3.1667 },
  });
  await limits.getByRole('button', { name: 'Refresh quotas and subscription' }).click();
  await expect(limits).not.toContainText('billed from');
  const now = new Date();
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toLocaleString('en-US', {
    timeZone: 'America/Los_Angeles',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  await expect(limits).toContainText(`Resets ${nextMonth} (expected)`);
  await expect(limits).toContainText(/Resets [A-Z][a-z]{2} \d{1,2}, \d{4}, (4|8|12):00 (AM|PM) \(expected\)/);
  await expect(limits).not.toContainText('did not say');
  await screenshot(page, 'account-caps-expected-reset');
});
