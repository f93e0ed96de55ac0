import { expect, test, type Page } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { useAccountWorld } from './fixtures/account-world';
import { registerInSandbox, type SandboxHandle } from './fixtures/sandbox';
import type { LoggedRequest } from './sandbox';
import { screenshot } from './fixtures/screenshots';

// Leaving the Account screen while a request is out: money moves once (a transfer answered meanwhile
// is said on return, a lost answer is never offered again as if nothing had happened), and what a
// fingerprint change did is told wherever the user went.
const { world, openAccount } = useAccountWorld();

/** Every request the sandbox logged, checked to be all of them (its log keeps the last 500). */
function allRequests(sb: SandboxHandle): LoggedRequest[] {
  const log = sb.requests(500);
  expect(log.length, 'the request log has not dropped older requests').toBeLessThan(500);
  return log;
}

test('a transfer answered while the user was away is said on return; a lost answer offers no blind resend', async ({
  page,
}) => {
  const w = await world(page);
  const bob = await registerInSandbox(w.sb.url, (await makeKey()).seed, 'bob');
  w.sb.setBalance(w.userId, 10);
  const balanceOf = (id: string) => w.sb.users().find((u) => u.user_id === id)?.balance;
  await openAccount(page);
  const section = page.getByRole('region', { name: 'Balance transfers' });
  const form = section.getByRole('form', { name: 'Transfer balance' });
  const confirm = section.getByRole('form', { name: 'Confirm the transfer' });
  const nav = page.getByRole('navigation', { name: 'Main' });

  // What was typed survives another screen.
  await form.getByLabel('To (username or user ID)').fill('bob');
  await form.getByLabel('Amount (USD)').fill('2.5');
  await nav.getByRole('link', { name: 'Secrets' }).click();
  await openAccount(page);
  await expect(form.getByLabel('To (username or user ID)')).toHaveValue('bob');
  await expect(form.getByLabel('Amount (USD)')).toHaveValue('2.5');

  // Sent, then the user leaves before the answer: on return the screen says it went through.
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  // The transfer waits in the sandbox (before any work) until the user is elsewhere.
  w.sb.hold({ method: 'POST', path: '/users/balance_transfer' });
  await confirm.getByRole('button', { name: 'Send now' }).click();
  await expect(confirm.getByRole('button', { name: 'Sending…' })).toBeDisabled();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await nav.getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { name: 'Secrets', level: 1 })).toBeVisible();
  await expect.poll(() => w.sb.held().map((h) => h.path)).toEqual(['/users/balance_transfer']);
  expect(balanceOf(bob.userId)).toBe(0);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/rpc/transferBalance');
  expect(w.sb.release({ path: '/users/balance_transfer' })).toEqual({ released: 1 });
  await answered;
  expect(balanceOf(bob.userId)).toBe(2.5);
  await openAccount(page);
  await expect(section.getByRole('status')).toContainText('Sent $2.50 to bob.');
  await section.getByRole('button', { name: 'New transfer' }).click();
  await expect(form.getByLabel('To (username or user ID)')).toHaveValue('');

  // The server moves the money but the answer never comes back.
  await form.getByLabel('To (username or user ID)').fill('bob');
  await form.getByLabel('Amount (USD)').fill('1');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  await expect(page.getByRole('region', { name: 'Overview' }).getByLabel('Balance')).toHaveText('$7.50 USD');
  // From here /users/me shows the balance as it is now, $7.50, until its view is refreshed (§3.1, §7).
  w.sb.setFaults({ stale_balance: true });
  w.sb.faultOnce({ method: 'POST', path: '/users/balance_transfer', drop_after: true });
  await confirm.getByRole('button', { name: 'Send now' }).click();
  await expect(confirm.getByRole('alert')).toContainText('may or may not have gone through');
  await expect(confirm.getByRole('alert')).toContainText('Do not send it again yet');
  await expect(confirm.getByRole('button', { name: 'Send now' })).toHaveCount(0);
  // No longer asked as a question: it says what was asked.
  await expect(confirm).toContainText('You asked to send $1.00 to bob.');
  await expect(confirm).not.toContainText('Send $1.00 to bob?');
  // What tells whether it went: the balance when sent, now, and what it falls to if it did.
  const check = confirm.getByRole('group', { name: 'Did it go through?' });
  await expect(check).toContainText('Balance when you sent it: $7.50 (as of ');
  // The verdict is a status (said by the live region), replaced by each new reading of the balance.
  const verdict = check.getByRole('status');
  await expect(verdict).toContainText('No change yet.');
  const checkNow = async () => {
    const read = page.waitForResponse((r) => new URL(r.url()).pathname === '/rpc/accountOverview');
    await confirm.getByRole('button', { name: 'Check the balance now' }).click();
    expect((await read).ok()).toBe(true);
    await expect(confirm.getByRole('button', { name: 'Check the balance now' })).toBeEnabled();
  };
  // The money moved (the stored balance fell), but the balance Chutes reports has not caught up yet:
  // a new reading, the same figure, and the verdict says to wait rather than that it did not go.
  expect(balanceOf(w.userId)).toBe(6.5);
  await checkNow();
  await expect(check).toContainText(/now: \$7\.50 \(as of /);
  await expect(verdict).toContainText('No change yet. Chutes updates the balance about once a minute');
  await expect(verdict).not.toContainText('It fell');
  await expect(confirm.getByRole('button', { name: 'Send now' })).toHaveCount(0);
  // A minute later the view is refreshed: the next check sees the fall.
  w.sb.setFaults({ stale_balance: true });
  await checkNow();
  await expect(check).toContainText(/now: \$6\.50 \(as of /);
  await expect(verdict).toContainText('It fell by $1.00: the transfer most likely went through. Do not send it again');
  await expect(verdict).not.toContainText('No change yet.');
  // The verdict settles the "may or may not": the red error goes, and nothing offers the same transfer again.
  await expect(confirm.getByRole('alert')).toHaveCount(0);
  await expect(confirm.getByRole('button', { name: 'Back to the form' })).toHaveCount(0);
  await screenshot(page, 'account-transfer-answer-lost');
  expect(balanceOf(bob.userId)).toBe(3.5);
  await confirm.getByRole('button', { name: 'New transfer' }).click();
  await expect(form.getByLabel('To (username or user ID)')).toHaveValue('');
  await expect(form.getByLabel('Amount (USD)')).toHaveValue('');
  expect(allRequests(w.sb).filter((r) => r.path === '/users/balance_transfer')).toHaveLength(2);
});

test('a fingerprint change answered after the user left is told on the screen they are on', async ({ page }) => {
  const w = await world(page);
  await openAccount(page);
  const ops = page.getByRole('region', { name: 'Login and account' });
  await ops.getByRole('button', { name: 'Change fingerprint…' }).click();
  const refinger = ops.getByRole('form', { name: 'Change fingerprint' });
  await refinger.getByLabel('New fingerprint', { exact: true }).fill('a-new-secret-value');
  await refinger.getByLabel('New fingerprint again').fill('a-new-secret-value');
  w.sb.hold({ method: 'POST', path: '/users/change_fingerprint' });
  await refinger.getByRole('button', { name: 'Change fingerprint' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // Activity is read when Settings opens, while the change is still held: it is not in it yet.
  const activity = page.getByRole('region', { name: 'Activity', exact: true });
  const signedCalls = activity.getByRole('table', { name: 'Signed calls' });
  const refingerRows = signedCalls.getByRole('row').filter({ hasText: 'POST /users/change_fingerprint' });
  await expect(activity).toContainText(/As of \d/);
  await expect(signedCalls.getByRole('row').filter({ hasText: 'GET /users/me' }).first()).toBeVisible();
  await expect.poll(() => w.sb.held().map((h) => h.path)).toEqual(['/users/change_fingerprint']);
  await expect(refingerRows).toHaveCount(0);
  const told = page.getByRole('alert').filter({ hasText: 'The fingerprint of alice was changed.' });
  await expect(told).toHaveCount(0);
  expect(w.sb.release({ path: '/users/change_fingerprint' })).toEqual({ released: 1 });
  // Not kept anywhere: something to check, so said as an alert.
  await expect(told).toContainText('It is not kept anywhere by this app: make sure you stored it.');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // …and the Activity read before the answer is read again now the change has settled.
  await expect(refingerRows).toHaveCount(1);
  await screenshot(page, 'account-fingerprint-changed-away');
});

/** alice with an old developer deposit a refund would pay out, on the Account screen. */
async function refundWorld(page: Page) {
  const w = await world(page);
  w.sb.seedLegacyDeposit({ user_id: w.userId, tao: 0.5, outcome: 'transferred' });
  await openAccount(page);
  const section = page.getByRole('region', { name: 'Balance transfers' });
  const refund = section.getByRole('form', { name: 'Refund the developer deposit' });
  return { w, section, refund };
}

test('a deposit refund still on its way when the user comes back is not asked for twice, and its answer is told', async ({
  page,
}) => {
  const { w, section, refund } = await refundWorld(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await section.getByText('Refund a developer deposit (legacy)').click();
  await refund.getByLabel('Refund to (SS58 address)').fill(w.key.ss58);
  w.sb.hold({ method: 'POST', path: '/return_developer_deposit' });
  await refund.getByRole('button', { name: 'Ask for the refund' }).click();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await openAccount(page);
  await section.getByText('Refund a developer deposit (legacy)').click();
  // Back while it is out: the address is there, and the button waits instead of sending again.
  await expect(refund.getByLabel('Refund to (SS58 address)')).toHaveValue(w.key.ss58);
  await expect(refund.getByRole('button', { name: 'Asking…' })).toBeDisabled();
  await expect.poll(() => w.sb.held().map((h) => h.path)).toEqual(['/return_developer_deposit']);
  expect(w.sb.release({ path: '/return_developer_deposit' })).toEqual({ released: 1 });
  // The answer came to a form that is gone: the frame says how it ended.
  await expect(page.getByRole('status').filter({ hasText: 'Developer deposit refund to' })).toContainText(
    'Transferred 0.5 TAO',
  );
  expect(allRequests(w.sb).filter((r) => r.path === '/return_developer_deposit')).toHaveLength(1);
});

test('a refund whose answer is lost is said as maybe paid, and asking again waits for a look at the wallet', async ({
  page,
}) => {
  const { w, section, refund } = await refundWorld(page);
  await section.getByText('Refund a developer deposit (legacy)').click();
  await refund.getByLabel('Refund to (SS58 address)').fill(w.key.ss58);
  w.sb.faultOnce({ method: 'POST', path: '/return_developer_deposit', drop_after: true });
  await refund.getByRole('button', { name: 'Ask for the refund' }).click();
  await expect(refund.getByRole('alert')).toContainText('may or may not have gone through');
  await expect(refund.getByRole('alert')).toContainText('look at the destination wallet');
  const ask = refund.getByRole('button', { name: 'Ask for the refund' });
  await expect(ask).toBeDisabled();
  await screenshot(page, 'account-refund-answer-lost');
  // A visit to another screen does not lift it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await openAccount(page);
  await section.getByText('Refund a developer deposit (legacy)').click();
  await expect(refund).toContainText('The last refund request lost its answer');
  await expect(ask).toBeDisabled();
  await refund.getByLabel('I looked at the destination wallet and the refund did not arrive').check();
  await expect(ask).toBeEnabled();
  expect(allRequests(w.sb).filter((r) => r.path === '/return_developer_deposit')).toHaveLength(1);
});
