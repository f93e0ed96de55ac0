import { expect, test } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { useAccountWorld } from './fixtures/account-world';
import { registerInSandbox } from './fixtures/sandbox';
import { PUBLIC_CHUTES } from './sandbox/routes-catalog';
import { screenshot } from './fixtures/screenshots';

// The Account screen against the sandbox (fingerprint operations: account-fingerprint.spec.ts): seeded balance, roles, quotas, subscription, discounts and
// usage; a transfer; a profile whose seed is missing; no profile.
const { world, openAccount, startSandboxAndHost } = useAccountWorld();

test('shows balance, roles, quotas, subscription, discounts and usage, with units and times; the chart loads on demand', async ({
  page,
}) => {
  const w = await world(page);
  const hour = (h: number) =>
    new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - h * 3_600_000).toISOString().slice(0, 19);
  w.sb.setBalance(w.userId, 12.5);
  w.sb.setRoles(w.userId, (1 << 0) | (1 << 11));
  // The server names chutes by UUID: the account's own are shown by name, public ones by the name
  // the server gives them one by one, and any other by a short id.
  const llama = w.sb.addChute(w.userId, 'llama-chat').chute_id;
  const flux = PUBLIC_CHUTES[0]?.chute_id ?? '';
  const fluxName = PUBLIC_CHUTES[0]?.name ?? '';
  const gone = 'c0ffee00-0000-4000-8000-000000000001';
  w.sb.setQuotas(w.userId, [
    { chute_id: '*', quota: 2000 },
    { chute_id: llama, quota: 500 },
  ]);
  w.sb.setDiscounts(w.userId, [
    { chute_id: llama, discount: 0.25 },
    { chute_id: flux, discount: 0.05 },
    { chute_id: gone, discount: 0.1 },
  ]);
  w.sb.setSubscription(w.userId, {
    subscription: true,
    custom: false,
    monthly_price: 10,
    anchor_date: '2026-11-20T00:00:00',
    effective_date: '2026-11-20T00:00:00',
    updated_at: '2026-11-20T00:00:00',
    four_hour: {
      usage: 3.5,
      cap: 4.1667,
      remaining: 0.6667,
      reset_at: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    },
    monthly: { usage: 12, cap: 50, remaining: 38, reset_at: '2026-12-20T00:00:00' },
  });
  w.sb.addUsage(w.userId, [
    { bucket: hour(1), amount: 0.42, count: 12, input_tokens: 1000, output_tokens: 500, chute_id: llama },
    { bucket: hour(1), amount: 0.08, count: 3, input_tokens: 200, output_tokens: 50, chute_id: flux },
    { bucket: hour(5), amount: 1.5, count: 40, input_tokens: 9000, output_tokens: 4000, chute_id: llama },
    { bucket: hour(30), amount: 2, count: 10, input_tokens: 10, output_tokens: 10, chute_id: flux },
  ]);
  // A custom day, ten days back (outside every preset above): two buckets at its first and last
  // hour, and one on each side of it that must not count.
  const dayMs = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const customDay = dayMs(10);
  w.sb.addUsage(w.userId, [
    { bucket: `${dayMs(11)}T23:00:00`, amount: 7, count: 100, chute_id: flux },
    { bucket: `${customDay}T00:00:00`, amount: 0.73, count: 4, chute_id: flux },
    { bucket: `${customDay}T23:00:00`, amount: 0.5, count: 3, chute_id: llama },
    { bucket: `${dayMs(9)}T00:00:00`, amount: 9, count: 100, chute_id: flux },
  ]);

  // Until a chart is drawn, uPlot (the usage-chart chunk) has not been fetched.
  const chartLoaded = () =>
    page.evaluate(() => performance.getEntriesByType('resource').some((e) => /usage-chart/.test(e.name)));
  expect(await chartLoaded()).toBe(false);
  // Today's use fails (every retry): the rest of the limits still shows, and the failure is said.
  w.sb.faultOnce({
    method: 'GET',
    path: '/users/me/quota_usage/00000000-0000-0000-0000-000000000000',
    status: 503,
    times: 3,
  });
  await openAccount(page);
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByLabel('Balance')).toHaveText('$12.50 USD');
  await expect(overview).toContainText('As of');
  await expect(overview).toContainText('about once a minute');
  await expect(overview.getByRole('list', { name: 'Roles' })).toContainText('developer');
  await expect(overview.getByRole('list', { name: 'Roles' })).toContainText('public model deployment');
  // The server's texts, without the role's name said twice, each a sentence.
  await expect(overview.getByRole('list', { name: 'Roles' }).getByRole('listitem')).toHaveText([
    'developer Create and deploy images and chutes.',
    'public_model_deployment Allow deploying models publicly.'.replace(/_/g, ' '),
  ]);
  await expect(overview.getByRole('img', { name: `QR code of the payment address ${w.paymentAddress}` })).toBeVisible();
  await expect(overview.getByRole('button', { name: 'Copy the address of the payment address' })).toBeVisible();

  const limits = page.getByRole('region', { name: 'Quotas and subscription' });
  const quotas = limits.getByRole('table', { name: 'Quotas' });
  await expect(quotas).toContainText('2,000');
  await expect(quotas.getByRole('row').filter({ hasText: 'llama-chat' })).toContainText('500');
  // A chute with its own quota has its own counter: its row says today's (UTC) use of it.
  const todayUtc = (h: number) => Date.parse(`${hour(h)}Z`) >= new Date().setUTCHours(0, 0, 0, 0);
  const llamaToday = (todayUtc(1) ? 12 : 0) + (todayUtc(5) ? 40 : 0);
  await expect(quotas.getByRole('row').filter({ hasText: 'llama-chat' }).getByRole('cell').nth(1)).toHaveText(
    `500${llamaToday} used today`,
  );
  await expect(quotas).not.toContainText(llama);
  await expect(limits).toContainText('$10/month subscription tier');
  await expect(limits.getByRole('progressbar', { name: 'Four-hour cap used' })).toHaveAttribute(
    'aria-valuetext',
    '$3.50 of $4.17',
  );
  await expect(limits.getByRole('progressbar', { name: 'Monthly cap used' })).toHaveAttribute('aria-valuenow', '12');
  await expect(limits).toContainText('$38.00 left');
  // Caps are read to the cent, what is left too (not "$0.6667 left" beside "$4.17").
  await expect(limits).toContainText('$3.50 of $4.17 used (84%) · $0.67 left');
  // Another's chute the server will not name (private, or gone): its id's start, the whole id in the tooltip.
  const discounts = limits.getByRole('list', { name: 'Discounts' });
  await expect(discounts.getByRole('listitem')).toHaveText([
    'llama-chat: 25% off',
    `${fluxName}: 5% off`,
    'c0ffee00…: 10% off',
  ]);
  await expect(discounts.getByTitle(gone)).toHaveText('c0ffee00…');
  await expect(limits).toContainText("Today's use could not be read");
  // Read again, today's use is the default counter's: chutes without a quota of their own (flux,
  // not llama), today (UTC) only, as the server counts it.
  const fluxToday = todayUtc(1) ? 3 : 0;
  await limits.getByRole('button', { name: 'Refresh quotas and subscription' }).click();
  await expect(limits).toContainText(
    `Used today on chutes without a quota of their own: ${fluxToday} requests of 2,000 per day`,
  );

  const usage = page.getByRole('region', { name: 'Usage' });
  await expect(usage.getByLabel('Usage totals')).toContainText('$4.00');
  await expect(usage.getByLabel('Usage totals')).toContainText('65');
  await expect(usage.locator('canvas').first()).toBeVisible();
  expect(await chartLoaded()).toBe(true);
  // The legend names the series; with the cursor off the chart, no label ends in a colon before nothing.
  const legendColons = await usage
    .locator('.u-legend th')
    .evaluateAll((cells) => cells.map((th) => getComputedStyle(th, '::after').content));
  expect(legendColons.length).toBeGreaterThan(1);
  expect(legendColons.filter((c) => c !== 'none')).toEqual([]);
  // A preset shows no dates (whole days that would disagree with it); Custom does, and applies them.
  await expect(usage.getByLabel('From (UTC)')).toHaveCount(0);
  await usage.getByRole('combobox', { name: 'Range' }).selectOption('custom');
  const today = new Date().toISOString().slice(0, 10);
  await expect(usage.getByLabel('To (UTC)')).toHaveValue(today);
  await usage.getByLabel('From (UTC)').fill(customDay);
  await usage.getByLabel('To (UTC)').fill(customDay);
  await usage.getByRole('button', { name: 'Apply dates' }).click();
  await expect(usage.getByLabel('Usage totals')).toHaveText(/^Spent\$1\.23Requests7Tokens/);
  await usage.getByRole('combobox', { name: 'Range' }).selectOption('24h');
  await expect(usage.getByLabel('From (UTC)')).toHaveCount(0);
  await expect(usage.getByLabel('Usage totals')).toContainText('$2.00');
  await usage.getByRole('button', { name: 'Show table' }).click();
  const table = usage.getByRole('table', { name: 'Usage by hour' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await usage.getByLabel('Per chute').check();
  await expect(table.getByRole('columnheader', { name: 'Chute' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').filter({ hasText: 'llama-chat' })).toHaveCount(2);
  await expect(table).not.toContainText(llama);
  // A public chute, not the account's: named all the same.
  await expect(table.getByRole('row').filter({ hasText: fluxName })).toHaveCount(1);
  await expect(table).not.toContainText(flux.slice(0, 8));
  // The axis says USD per hour: the series names say only what they are.
  await expect(usage.locator('.u-legend')).toContainText('llama-chat');
  await expect(usage.locator('.u-legend')).toContainText(fluxName);
  await expect(usage.locator('.u-legend')).not.toContainText('(USD)');
  await screenshot(page, 'account-overview');
  // Refresh is explicit: one more /users/me, not a storm. With the keyboard, focus stays on the
  // button through the read (it is busy, not disabled), and the end of it is said.
  const before = w.sb.requests(200).filter((r) => r.path === '/users/me').length;
  w.sb.setBalance(w.userId, 11);
  const refreshOverview = overview.getByRole('button', { name: 'Refresh overview' });
  await refreshOverview.focus();
  // Held, so the read is seen under way: the busy button keeps focus, and a second Enter asks nothing.
  w.sb.hold({ method: 'GET', path: '/users/me' });
  await page.keyboard.press('Enter');
  const busy = overview.getByRole('button', { name: 'Refreshing overview' });
  await expect(busy).toHaveAttribute('aria-disabled', 'true');
  await expect(busy).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => w.sb.held().map((h) => h.path)).toEqual(['/users/me']);
  expect(w.sb.release({ method: 'GET', path: '/users/me' })).toEqual({ released: 1 });
  await expect(overview.getByLabel('Balance')).toHaveText('$11.00 USD');
  await expect(overview.getByRole('status')).toHaveText(/^Overview updated at \d/);
  await expect(refreshOverview).toBeFocused();
  // The same for usage, whose name says which Refresh it is.
  const refreshUsage = usage.getByRole('button', { name: 'Refresh usage', exact: true });
  await refreshUsage.focus();
  await page.keyboard.press('Enter');
  await expect(usage.getByRole('status')).toHaveText(/^Usage updated at \d/);
  await expect(refreshUsage).toBeFocused();
  expect(w.sb.requests(200).filter((r) => r.path === '/users/me').length).toBe(before + 1);

  await page.setViewportSize({ width: 720, height: 1000 });
  await screenshot(page, 'account-overview-narrow');
});

test('transfers balance to another user and shows both new balances; the legacy refund explains itself', async ({
  page,
}) => {
  const w = await world(page);
  const bob = await registerInSandbox(w.sb.url, (await makeKey()).seed, 'bob');
  w.sb.setBalance(w.userId, 10);
  await openAccount(page);
  const section = page.getByRole('region', { name: 'Balance transfers' });
  const form = section.getByRole('form', { name: 'Transfer balance' });
  await form.getByLabel('To (username or user ID)').fill('bob');
  await form.getByLabel('Amount (USD)').fill('0');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  await expect(form.getByRole('alert')).toContainText('above 0');
  await expect(form.getByLabel('Amount (USD)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('To (username or user ID)')).not.toHaveAttribute('aria-invalid');
  await form.getByLabel('Amount (USD)').fill('1e2');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  await expect(form.getByRole('alert')).toContainText('Write the amount in digits');
  const confirm = section.getByRole('form', { name: 'Confirm the transfer' });
  // What is confirmed is what is sent: every decimal typed, not rounded to the cent.
  await form.getByLabel('Amount (USD)').fill('1.005');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  await expect(confirm).toContainText('Send $1.005 to bob?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  // The whole balance is the server's stored one, which can be more than the balance shown.
  await form.getByLabel('The whole balance').check();
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  await expect(confirm).toContainText('Send the whole balance (at least $10.00) to bob?');
  await expect(confirm).toContainText('can be more than the balance shown above');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await form.getByLabel('The whole balance').uncheck();
  await form.getByLabel('Amount (USD)').fill('25');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  await expect(confirm).toContainText('Send $25.00 to bob?');
  await confirm.getByRole('button', { name: 'Send now' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Insufficient balance');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await form.getByLabel('Amount (USD)').fill('2.5');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  // /users/me reads a view refreshed about once a minute (§3.1, §7): it still says $10.00 after the transfer.
  w.sb.setFaults({ stale_balance: true });
  // The first Overview answer after the transfer's own.
  let transferred = false;
  const reread = page.waitForResponse((r) => {
    const channel = new URL(r.url()).pathname;
    if (channel === '/rpc/transferBalance') transferred = true;
    return transferred && channel === '/rpc/accountOverview';
  });
  await confirm.getByRole('button', { name: 'Send now' }).click();
  await expect(section.getByRole('status')).toContainText(
    "Sent $2.50 to bob. Chutes' stored balance is now $7.50 (at ",
  );
  const overview = page.getByRole('region', { name: 'Overview' });
  // The Overview was read again after the transfer, and still shows the old figure: said why they differ.
  expect((await reread).ok()).toBe(true);
  await expect(overview.getByRole('button', { name: 'Refresh overview' })).toBeEnabled();
  await expect(overview.getByLabel('Balance')).toHaveText('$10.00 USD');
  await expect(section.getByRole('status')).toContainText(
    'the balance above also subtracts what running private instances have used',
  );
  // The view is refreshed; a read of the Overview now shows the new balance, and the word goes.
  w.sb.setFaults({ stale_balance: false });
  await overview.getByRole('button', { name: 'Refresh overview' }).click();
  await expect(overview.getByLabel('Balance')).toHaveText('$7.50 USD');
  // The Overview already shows the new balance: no word of why they differ.
  await expect(section.getByRole('status')).toContainText('Sent $2.50 to bob.');
  await expect(section.getByRole('status')).not.toContainText('private instances');
  expect(w.sb.users().find((u) => u.user_id === bob.userId)?.balance).toBe(2.5);
  await screenshot(page, 'account-transfer');

  await section.getByText('Refund a developer deposit (legacy)').click();
  const refund = section.getByRole('form', { name: 'Refund the developer deposit' });
  await refund.getByLabel('Refund to (SS58 address)').fill(w.key.ss58);
  // The address typed survives a look at another screen.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await openAccount(page);
  await expect(section.getByRole('status')).toContainText('Sent $2.50 to bob.');
  await section.getByText('Refund a developer deposit (legacy)').click();
  await expect(refund.getByLabel('Refund to (SS58 address)')).toHaveValue(w.key.ss58);
  await refund.getByRole('button', { name: 'Ask for the refund' }).click();
  await expect(refund.getByRole('alert')).toContainText('never paid a developer deposit');
  // An old deposit whose on-chain refund fails: HTTP 200 with a failure inside (§3.9), never shown as done.
  w.sb.seedLegacyDeposit({ user_id: w.userId, tao: 0.5, outcome: 'chain-failure' });
  await refund.getByRole('button', { name: 'Ask for the refund' }).click();
  await expect(refund.getByRole('alert')).toContainText('The refund did not go through');
  await expect(refund.getByRole('alert')).toContainText('does not have any free balance');
  // …and one that goes through.
  w.sb.seedLegacyDeposit({ user_id: w.userId, tao: 0.5, outcome: 'transferred' });
  await refund.getByRole('button', { name: 'Ask for the refund' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Transferred 0.5 TAO' })).toBeVisible();
  await screenshot(page, 'account-refund-done');
});

test('a profile whose seed is missing can be viewed; signed actions say why and how to fix it', async ({ page }) => {
  const w = await world(page, { withSeed: false });
  w.sb.setBalance(w.userId, 3);
  await openAccount(page);
  await expect(
    page.getByText(`The keychain does not hold the seed of hotkey “default” (${w.key.ss58}).`),
  ).toBeVisible();
  await expect(page.getByText('Add this hotkey to the keychain on Profiles & hotkeys')).toBeVisible();
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview).toContainText('not shown until its seed is in the keychain');
  await expect(overview).toContainText(w.userId);
  await expect(overview.getByRole('button', { name: 'Refresh overview' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Quotas and subscription' })).toContainText(
    'Needs the hotkey seed in the keychain (see the note at the top).',
  );
  // Nothing to pick a range for until usage can be read.
  await expect(page.getByRole('region', { name: 'Usage' }).getByRole('form', { name: 'Usage range' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open dashboard…' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Login and account' })).toContainText(
    'Needs the hotkey seed in the keychain',
  );
  const transfers = page.getByRole('region', { name: 'Balance transfers' });
  await expect(transfers.getByRole('button', { name: 'Review transfer…' })).toBeDisabled();
  // Nothing to type into that could not be sent.
  await expect(transfers.getByLabel('To (username or user ID)')).toBeDisabled();
  await expect(transfers.getByLabel('Amount (USD)')).toBeDisabled();
  await screenshot(page, 'account-seed-missing');
  // Fingerprint operations need no seed: a typed fingerprint changes it.
  const ops = page.getByRole('region', { name: 'Login and account' });
  await ops.getByRole('button', { name: 'Change fingerprint…' }).click();
  const refinger = ops.getByRole('form', { name: 'Change fingerprint' });
  await refinger.getByLabel('Account fingerprint').fill(w.fingerprint);
  await refinger.getByLabel('New fingerprint', { exact: true }).fill('a-new-secret-value');
  await refinger.getByLabel('New fingerprint again').fill('a-new-secret-value');
  await refinger.getByRole('button', { name: 'Change fingerprint' }).click();
  await expect(ops.getByRole('status')).toContainText('Fingerprint changed. It is not kept anywhere by this app');
});

test("a profile imported with another user id and username follows the server's for its hotkey", async ({ page }) => {
  // The CLI never checks [auth] user_id or username: a hand-edited or stale config.ini can name others.
  const w = await world(page, { asWritten: { userId: '11111111-2222-4333-8444-555555555555', username: 'alicia' } });
  const sidebar = page.getByLabel('Active profile');
  await expect(sidebar).toContainText('alicia');
  await openAccount(page);
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByLabel('Balance')).toBeVisible();
  await expect(overview).toContainText(w.userId);
  await expect(sidebar).not.toContainText('alicia');
  await expect(sidebar.locator('strong').getByText('alice', { exact: true })).toBeVisible();
  // The delete form and main now agree on the name to type.
  await page.getByRole('button', { name: 'Delete the account…' }).click();
  await page.getByLabel('Type the username to confirm').fill('alice');
  await expect(page.getByRole('button', { name: 'Delete the account', exact: true })).toBeEnabled();
});

test('with no profile, the Account screen points to Register and Profiles & hotkeys', async ({ page }) => {
  const { host } = await startSandboxAndHost(); // the sandbox is never asked: there is no profile
  await page.goto(host.launchUrl);
  await openAccount(page);
  await expect(page.getByText('No profile is active.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'register one' })).toBeVisible();
  await screenshot(page, 'account-no-profile');
});
