import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeKey, publicJson } from '../electron/wallets/test-fixtures';
import { useRegisterWizard } from './fixtures/register-wizard';
import { screenshot } from './fixtures/screenshots';
import { ChutesTestClient, TestKey } from './sandbox/test-client';

// A registration's fingerprint is shown once: one that answers after the user left the Review step
// must still be shown, a request still out must not be sent twice, and a refusal that came while
// the user was away must be there when they come back.
const { start, toReview, usernameStep } = useRegisterWizard();

test('leaving the review while it registers: still sending on return, then the fingerprint waits on every screen', async ({
  page,
}) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'ivan');
  sb.setFaults({ latency_ms: 3000 });
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('button', { name: 'Registering…' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Profiles & hotkeys' }).click();
  // Back while it is out: the step says so and offers no second Register.
  await nav.getByRole('link', { name: 'Register' }).click();
  await expect(page.getByText('Sending this request now.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registering…' })).toBeDisabled();
  await nav.getByRole('link', { name: 'Profiles & hotkeys' }).click();
  const waiting = page.getByText('The account ivan was registered and is now the active profile.');
  await expect(waiting).toBeVisible({ timeout: 10_000 });
  sb.setFaults({ latency_ms: 0 });
  expect(sb.requests(50).filter((r) => r.path === '/users/register')).toHaveLength(1);
  // The user stays where they went; the notice follows them from screen to screen.
  await expect(page).toHaveURL(/#\/accounts/);
  await nav.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await expect(waiting).toBeVisible();
  await screenshot(page, 'register-left-while-sending');
  await page.getByRole('link', { name: 'Show the fingerprint' }).click();
  await expect(page).toHaveURL(/#\/register\/done$/);
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
  await expect(waiting).toHaveCount(0);
});

test('a page reloaded on the Done step gets the fingerprint back from the app, and Finish lets it go for good', async ({
  page,
}) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'kate');
  await page.getByRole('button', { name: 'Register' }).click();
  const shown = page.getByLabel('Fingerprint', { exact: true });
  await expect(shown).toBeVisible();
  const fingerprint = (await shown.textContent()) ?? '';
  expect(fingerprint.replace(/\s/g, '')).toMatch(/^[A-Za-z0-9]{32}$/);
  await page.getByLabel(/Also keep it in the system keychain/).check();
  // The browser asks before reloading (a fingerprint waits); the user goes ahead anyway.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await expect(page).toHaveURL(/#\/register\/done$/);
  await expect(shown).toHaveText(fingerprint);
  await expect(page.getByText('Registered kate on', { exact: false })).toBeVisible();
  // A new page: the tick is the user's to give again.
  await expect(page.getByLabel(/Also keep it in the system keychain/)).not.toBeChecked();
  await screenshot(page, 'register-done-after-reload');
  // On another screen the notice says where it waits.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('The account kate was registered and is now the active profile.')).toBeVisible();
  await page.getByRole('link', { name: 'Show the fingerprint' }).click();
  await page.getByLabel('I have stored the fingerprint somewhere safe').check();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page).toHaveURL(/#\/account/);
  // Finished: a page started again is offered nothing.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await expect(page).toHaveURL(/#\/register\/server$/);
  await expect(page.getByText(/was registered/)).toHaveCount(0);
  expect(sb.requests(50).filter((r) => r.path === '/users/register')).toHaveLength(1);
});

test('a page reloaded while its registration is out says it is still waiting, then offers the fingerprint when it lands', async ({
  page,
}) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'liam');
  sb.hold({ method: 'POST', path: '/users/register' });
  await page.getByRole('button', { name: 'Register' }).click();
  await expect.poll(() => sb.held().map((h) => h.path)).toEqual(['/users/register']);
  // The browser asks before reloading (the request is out); the user goes ahead anyway.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  const still = page.getByText(
    /A registration sent before this page started \(or from another window\) is still waiting/,
  );
  await expect(still).toBeVisible();
  // Register too says so: its fresh wizard must not look like nothing was sent.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await expect(page).toHaveURL(/#\/register\/server$/);
  await expect(still).toBeVisible();
  await screenshot(page, 'register-reloaded-while-sending');
  // Closing now would ask: the answer is still on its way.
  expect(await page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })))).toBe(true);
  sb.release();
  await expect(page).toHaveURL(/#\/register\/done$/, { timeout: 10_000 });
  await expect(page.getByLabel('Fingerprint', { exact: true })).toHaveText(/^[A-Za-z0-9 ]{32,}$/);
  await expect(page.getByText('Registered liam on', { exact: false })).toBeVisible();
  await expect(still).toHaveCount(0);
  await page.getByLabel('I have stored the fingerprint somewhere safe').check();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page).toHaveURL(/#\/account/);
  expect(sb.requests(50).filter((r) => r.path === '/users/register')).toHaveLength(1);
});

test('two tabs offered the same fingerprint: the second to finish is told the first finished it, and how to finish here', async ({
  page,
  context,
}) => {
  const { sb, host } = await start(page);
  await toReview(page, sb, 'mona');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
  // Another tab on the same web host is offered it too (the host is single-user).
  const other = await context.newPage();
  await other.goto(host.launchUrl);
  await other.getByRole('link', { name: 'Show the fingerprint' }).click();
  await other.getByLabel(/Also keep it in the system keychain/).check();
  await other.getByLabel('I have stored the fingerprint somewhere safe').check();
  // The first tab finishes without keeping it.
  await page.getByLabel('I have stored the fingerprint somewhere safe').check();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page).toHaveURL(/#\/account/);
  await other.getByRole('button', { name: 'Finish' }).click();
  const told = other.getByRole('alert');
  await expect(told).toContainText(
    'already finished in another window or tab, without keeping the fingerprint in the keychain',
  );
  await expect(told).toContainText('Untick “Also keep it in the system keychain” to finish here.');
  await screenshot(other, 'register-finished-elsewhere');
  await other.getByLabel(/Also keep it in the system keychain/).uncheck();
  await other.getByRole('button', { name: 'Finish' }).click();
  await expect(other).toHaveURL(/#\/account/);
});

test('a refusal that came while the user was away is there on return, until the refused answer is changed', async ({
  page,
}) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'judy');
  await new ChutesTestClient(sb.url).register(TestKey.random(), 'judy'); // someone else was quicker
  sb.setFaults({ latency_ms: 1500 });
  await page.getByRole('button', { name: 'Register' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect
    .poll(() => sb.requests(50).filter((r) => r.path === '/users/register' && r.status === 409).length, {
      timeout: 10_000,
    })
    .toBe(1);
  sb.setFaults({ latency_ms: 0 });
  await nav.getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toContainText('The username “judy” is already taken');
  const steps = page.getByRole('navigation', { name: 'Registration steps' });
  await steps.getByRole('link', { name: 'Username (taken)' }).click();
  await usernameStep(page, 'judy2');
  // A new answer puts the old refusal away.
  await expect(steps.getByRole('link', { name: 'Username', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Nothing has been sent yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
});

test('a hotkey file replaced after the review: nothing is sent, the user chooses again and registers the new hotkey', async ({
  page,
}) => {
  const { sb, tree } = await start(page);
  await toReview(page, sb, 'grace');
  await expect(page.getByText(tree.hk1.ss58).first()).toBeVisible();
  // A backup restored over the wallet while the review was open: the same names now hold another hotkey.
  const other = await makeKey();
  await fs.writeFile(path.join(tree.root, 'alpha/hotkeys/hk1'), JSON.stringify(other.json), { mode: 0o600 });
  await fs.writeFile(path.join(tree.root, 'alpha/hotkeys/hk1pub.txt'), publicJson(other), { mode: 0o644 });

  await page.getByRole('button', { name: 'Register' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`is now the hotkey ${other.ss58}, not the ${tree.hk1.ss58} you reviewed`);
  await expect(alert).toContainText('nothing was sent');
  // Nothing was sent, so nothing was refused: the step list says what went wrong instead.
  const steps = page.getByRole('navigation', { name: 'Registration steps' });
  await expect(steps.getByRole('link', { name: 'Wallet & hotkey (changed)' })).toBeVisible();
  await expect(steps).not.toContainText('refused');
  await screenshot(page, 'register-error-hotkey-changed');
  expect(sb.requests(50).filter((r) => r.path === '/users/register')).toEqual([]);

  await page.getByRole('button', { name: 'Choose the hotkey again' }).click();
  await expect(page).toHaveURL(/#\/register\/wallet$/);
  // The old choice is put away, with why, rather than shown checked beside the new address.
  await expect(page.getByRole('status').filter({ hasText: 'Choose the hotkey to register with again' })).toContainText(
    `alpha/hk1 is now the hotkey ${other.ss58}, not the ${tree.hk1.ss58} you chose.`,
  );
  await expect(page.getByRole('radio', { name: 'alpha/hk1', exact: true })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await screenshot(page, 'register-hotkey-changed-choose-again');
  await page.getByRole('radio', { name: 'alpha/hk1', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(other.ss58).first()).toBeVisible();
  await expect(page.getByText(tree.hk1.ss58)).toHaveCount(0);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
  expect(
    sb
      .requests(50)
      .filter((r) => r.path === '/users/register')
      .map((r) => r.hotkey),
  ).toEqual([other.ss58]);
});
