import { expect, test } from '@playwright/test';
import { ChutesTestClient, TestKey } from './sandbox/test-client';
import { registerInSandbox } from './fixtures/sandbox';
import { useRegisterWizard } from './fixtures/register-wizard';
import { itemsPerRow } from './fixtures/layout';
import { screenshot } from './fixtures/screenshots';

// The Register wizard against the sandbox: the whole way through, and every answer of `../shared/reference/chutes-account-api.md` §2.4 with
// the way a user recovers from it. Input is never lost on the way back.
const { start, stepTitle, serverStep, usernameStep, tokenStep, toReview } = useRegisterWizard();

test('the whole wizard: server, username, wallet, token from the page, review, fingerprint once, profile active', async ({
  page,
  context,
}) => {
  const { sb, tree } = await start(page);
  await screenshot(page, 'register-1-server');
  await serverStep(page);

  // Username: the rule while typing, then availability; a name taken in another case is refused.
  await new ChutesTestClient(sb.url).register(TestKey.random(), 'Taken');
  const name = page.getByRole('textbox', { name: 'Username', exact: true });
  await name.fill('ab');
  await expect(page.locator('#username-status')).toContainText('at least 3 characters');
  await name.fill('bad name!');
  await expect(page.locator('#username-status')).toContainText('remove space, “!”');
  await name.fill('taken');
  await expect(page.locator('#username-status')).toContainText('“taken” is taken');
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await name.fill('alice');
  await expect(page.locator('#username-status')).toContainText('“alice” is available');
  await screenshot(page, 'register-2-username');
  await name.press('Enter');

  // Wallet: unusable hotkeys are listed with the reason and cannot be chosen.
  await expect(stepTitle(page)).toHaveText('Step 3 of 6: Wallet & hotkey');
  await expect(page.getByRole('radio', { name: 'alpha/watch' })).toBeDisabled();
  await expect(page.getByText('Public key only (a pub.txt copy): it holds no seed')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'alpha/locked' })).toBeDisabled();
  // The hotkeys that can register come first, in their natural order; the rest after, with the reason.
  const alpha = page.getByRole('group', { name: 'Wallet alpha' }).getByRole('radio');
  expect(await alpha.evaluateAll((radios) => radios.map((r) => r.getAttribute('aria-label')))).toEqual([
    'alpha/hk1',
    'alpha/hk2',
    'alpha/hk10',
    'alpha/broken',
    'alpha/locked',
    'alpha/watch',
  ]);
  await page.getByRole('radio', { name: 'alpha/hk1', exact: true }).check();
  await expect(page.getByText('The coldkey needs at least 0.25 TAO of free balance')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy the address of coldkey of alpha' })).toBeVisible();
  // A wallet that is a symlink loop is unreadable, not "without hotkeys"; a seed file others can read says so.
  await expect(page.getByText(/Wallets that could not be read: .*loop-a \(Symbolic link loop\)/)).toBeVisible();
  await expect(page.getByText(/Wallets without hotkeys: gamma\./)).toBeVisible();
  await expect(page.getByText('Readable by others')).toBeVisible();
  // …and what it means and how to close it, read out with the choice: the web host's machine, not the browser's.
  await expect(page.getByRole('radio', { name: 'alpha/hk2' })).toHaveAccessibleDescription(
    /Other users of the machine running Chutes Desktop can read this file, seed included\..*Make private \(0600\)/,
  );
  // An unusable hotkey is labelled as on Profiles & hotkeys, or by what its wallet lacks.
  const choice = (name: string) =>
    page.locator('label').filter({ has: page.getByRole('radio', { name, exact: true }) });
  await expect(choice('alpha/locked')).toContainText('Encrypted');
  await expect(choice('alpha/watch')).toContainText('Public only');
  await expect(choice('alpha/broken')).toContainText('Unreadable');
  await expect(choice('beta/huge')).toContainText('Unreadable');
  await expect(choice('beta/k\\xFFy')).toContainText('No coldkey');
  await expect(page.getByText('Not usable', { exact: true })).toHaveCount(0);
  await screenshot(page, 'register-3-wallet');
  await page.setViewportSize({ width: 720, height: 900 });
  await screenshot(page, 'register-3-wallet-narrow');
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.getByRole('button', { name: 'Next' }).click();

  // Token: the server's page opens in a new tab; the token pasted from it starts the countdown.
  const [tokenPage] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: 'Open the token page' }).click(),
  ]);
  await tokenPage.getByRole('button', { name: 'Get registration token' }).click();
  const token = (await tokenPage.locator('.token').textContent())?.trim() ?? '';
  await tokenPage.close();
  await page.getByRole('textbox', { name: 'Registration token', exact: true }).fill('not-a-token');
  await expect(page.locator('#token-status')).toContainText('That is not a token');
  await page.getByRole('textbox', { name: 'Registration token', exact: true }).fill(token);
  await expect(page.locator('#token-status')).toContainText(/About [45]:\d\d left/);
  await screenshot(page, 'register-4-token');

  // Back twice and forward again: nothing typed or chosen is lost.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('radio', { name: 'alpha/hk1', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('textbox', { name: 'Username', exact: true })).toHaveValue('alice');
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/#\/register\/token$/);
  await expect(page.getByRole('textbox', { name: 'Registration token', exact: true })).toHaveValue(token);
  await page.getByRole('button', { name: 'Next' }).click();

  // Review: the token's time left, and (a click away) exactly the bytes sent and the message signed.
  await expect(page.getByText(/^The registration token has about [45]:\d\d left\.$/)).toBeVisible();
  await page.getByText('Exactly what is sent and signed').click();
  await expect(page.getByLabel('JSON body', { exact: true })).toHaveText(
    `{"username":"alice","coldkey":"${tree.coldkey.ss58}"}`,
  );
  await expect(page.getByLabel('Signing message', { exact: true })).toHaveText(
    new RegExp(`^${tree.hk1.ss58}:\\d{10}:[0-9a-f]{64}$`),
  );
  await expect(page.getByText(`POST ${sb.url}/users/register?token=${token}`)).toBeVisible();
  // Served by the web host: the secrets stay on its machine, which need not be the browser's.
  await expect(
    page.getByText('No fingerprint, seed or other secret leaves the machine running Chutes Desktop.', { exact: false }),
  ).toBeVisible();
  await expect(page.getByText('Nothing has been sent yet.', { exact: false })).toBeVisible();
  // The empty live region below it (for a failure) takes no gap of its own: one gap, not two.
  const above = await page.getByText('Nothing has been sent yet.').boundingBox();
  const below = await page.getByText('What registering sends', { exact: false }).boundingBox();
  expect(below!.y - (above!.y + above!.height)).toBeLessThan(20);
  await screenshot(page, 'register-5-review');
  await page.setViewportSize({ width: 720, height: 900 });
  // Too narrow for one line, the steps and the screens wrap into even rows.
  const steps = page.getByRole('navigation', { name: 'Registration steps' }).getByRole('listitem');
  expect(await itemsPerRow(steps)).toEqual([3, 3]);
  const screens = page.getByRole('navigation', { name: 'Main' }).getByRole('listitem');
  expect(await itemsPerRow(screens)).toEqual([4, 3]);
  await screenshot(page, 'register-5-review-narrow');
  await page.setViewportSize({ width: 420, height: 900 });
  expect(await itemsPerRow(steps)).toEqual([2, 2, 2]);
  // Two columns of screens on a phone: four columns squeezed "Profiles & hotkeys" onto two uneven lines.
  expect(await itemsPerRow(screens)).toEqual([2, 2, 2, 1]);
  const linkHeights = await screens.evaluateAll((items) => items.map((li) => li.getBoundingClientRect().height));
  expect(new Set(linkHeights).size).toBe(1);
  // Each label sits above its value here, so the request line keeps the whole width.
  const term = await page
    .getByRole('term')
    .filter({ hasText: /^Request$/ })
    .boundingBox();
  const value = await page
    .getByRole('definition')
    .filter({ hasText: /^POST / })
    .boundingBox();
  expect(value?.y ?? 0).toBeGreaterThanOrEqual((term?.y ?? 0) + (term?.height ?? 0) - 1);
  expect(value?.x).toBeCloseTo(term?.x ?? -1, 0);
  await screenshot(page, 'register-5-review-phone');
  // Just too narrow for one line at a desktop width: the steps go to rows of three even then.
  await page.setViewportSize({ width: 1000, height: 900 });
  expect(await itemsPerRow(steps)).toEqual([3, 3]);
  await page.setViewportSize({ width: 1200, height: 800 });
  expect(await itemsPerRow(steps)).toEqual([6]);
  await page.getByRole('button', { name: 'Register' }).click();

  // Done: the fingerprint once, and no leaving before confirming it is stored.
  await expect(page).toHaveURL(/#\/register\/done$/);
  const fingerprint = (await page.getByLabel('Fingerprint', { exact: true }).textContent()) ?? '';
  expect(fingerprint).toMatch(/^[A-Za-z0-9]{32}$/);
  const account = sb.users().find((u) => u.username === 'alice');
  expect(account).toMatchObject({ hotkey: tree.hk1.ss58, coldkey: tree.coldkey.ss58 });
  await expect(page.getByRole('img', { name: /QR code of the payment address/ })).toBeVisible();
  await expect(page.getByLabel('Active profile')).toContainText('alice');
  await expect(page.getByRole('button', { name: 'Finish' })).toBeDisabled();
  // Every step before Done is ticked, as on the steps before it, and none leads back any more.
  expect(await steps.allTextContents()).toEqual([
    '✓Server',
    '✓Username',
    '✓Wallet & hotkey',
    '✓Registration token',
    '✓Review',
    '6Done',
  ]);
  await expect(steps.getByRole('link')).toHaveCount(0);
  // The same name as on the profile card for writing the CLI's config.ini.
  await expect(page.getByRole('region', { name: 'The chutes CLI (optional)' }).getByRole('button')).toHaveText(
    'Export for CLI…',
  );
  await screenshot(page, 'register-6-done');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  expect(asked).toContain('not confirmed that you stored the fingerprint');
  await expect(page).toHaveURL(/#\/register\/done$/);
  await page.setViewportSize({ width: 720, height: 1000 });
  await screenshot(page, 'register-6-done-narrow');
  await page.getByLabel('I have stored the fingerprint somewhere safe').check();
  // Confirmed: leaving no longer asks (as if it were not), and Done is still there to finish.
  let askedAgain = '';
  page.once('dialog', (dialog) => {
    askedAgain = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  expect(askedAgain).toBe('');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await expect(page).toHaveURL(/#\/register\/done$/);
  await expect(page.getByLabel('I have stored the fingerprint somewhere safe')).toBeChecked();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page).toHaveURL(/#\/account/);
  // The registration reached the sandbox once, signed, and the sandbox checked that signature: an
  // unsigned one would have succeeded too (§2.4 trusts the hotkey header alone then).
  const sent = sb.requests(50).filter((r) => r.path === '/users/register' && r.hotkey === tree.hk1.ss58);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ status: 200, signature_present: true, signature_verified: true });
});

test('409 username taken after the check: back to the username with everything kept, then success', async ({
  page,
}) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'carol');
  await new ChutesTestClient(sb.url).register(TestKey.random(), 'carol'); // someone else was quicker
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toContainText('The username “carol” is already taken');
  // The step list marks the refused step instead of ticking it, and the answer comes before the request's details.
  const steps = page.getByRole('navigation', { name: 'Registration steps' });
  await expect(steps.getByRole('link', { name: 'Username (taken)' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Wallet & hotkey', exact: true })).toBeVisible();
  const alertBox = await page.getByRole('alert').boundingBox();
  const body = await page.getByText('Exactly what is sent and signed').boundingBox();
  expect(alertBox && body && alertBox.y < body.y).toBe(true);
  await screenshot(page, 'register-error-username-taken');
  await page.getByRole('button', { name: 'Change the username' }).click();
  await expect(page.getByRole('textbox', { name: 'Username', exact: true })).toHaveValue('carol');
  await usernameStep(page, 'carol2');
  await expect(page.getByRole('radio', { name: 'alpha/hk1', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
});

test('a hotkey whose seed is only in its file and already has an account: said on the wallet step', async ({
  page,
}) => {
  const { sb, tree } = await start(page);
  await registerInSandbox(sb.url, tree.hk1.seed, 'dave');
  await serverStep(page);
  await usernameStep(page, 'dave2');
  await page.getByRole('radio', { name: 'alpha/hk1', exact: true }).check();
  const notice = page.getByText(/This hotkey already has a Chutes account on .*: dave/);
  await expect(notice).toBeVisible();
  // Its seed is not in the keychain, so no profile could sign yet: the way there is said instead of a button.
  await expect(page.getByText('To use it here, add this hotkey to')).toContainText('Add to keychain beside hk1');
  await expect(page.getByRole('button', { name: 'Add this account as a profile' })).toHaveCount(0);
  await expect(page.getByText(/The seed of hk1 is read from its file/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await screenshot(page, 'register-wallet-file-seed-registered');
  // The check signed with the file's seed and kept it nowhere.
  expect(sb.requests(200).filter((r) => r.path === '/users/me').length).toBeGreaterThan(0);
  await page.getByRole('radio', { name: 'alpha/hk2', exact: true }).check();
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next' })).toBeEnabled();
});

test('409 hotkey already registered: offers to add that account as a profile', async ({ page }) => {
  const { sb, tree } = await start(page);
  await toReview(page, sb, 'dave2');
  // Registered elsewhere after the wallet step's check.
  await registerInSandbox(sb.url, tree.hk1.seed, 'dave');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toContainText('already belongs to a Chutes account');
  await screenshot(page, 'register-error-hotkey-registered');
  await page.getByRole('button', { name: 'Add this account as a profile' }).click();
  await expect(page.getByText(/Saved as the profile “dave @/)).toBeVisible();
  await expect(page.getByLabel('Active profile')).toContainText('dave');
  // The seed is in the keychain now, so the wallet step itself says so before any registration.
  await page.getByRole('button', { name: 'Pick another hotkey' }).click();
  await expect(page.getByText(/This hotkey already has a Chutes account on .*: dave/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
});

test('402 coldkey balance: shows the coldkey to fund, and registering again works once funded', async ({ page }) => {
  const { sb, tree } = await start(page);
  sb.setColdkey(tree.coldkey.ss58, 0.1);
  await toReview(page, sb, 'erin');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toContainText(`The coldkey ${tree.coldkey.ss58} holds less than 0.25 TAO`);
  await expect(page.getByRole('button', { name: 'Copy the address of coldkey of alpha' })).toBeVisible();
  // Funding takes longer than a token lives (5 minutes): a new token is offered first.
  await expect(page.getByRole('alert')).toContainText(
    'get a new registration token if this one is older than 5 minutes',
  );
  await expect(page.getByRole('button', { name: 'Get a new token' })).toBeVisible();
  await screenshot(page, 'register-error-coldkey-balance');
  sb.setColdkey(tree.coldkey.ss58, 0.5);
  await page.getByRole('button', { name: 'Register again' }).click();
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
});

test('429 IP limit: says when to try again and keeps the input', async ({ page }) => {
  const { sb } = await start(page);
  const client = new ChutesTestClient(sb.url);
  for (const n of [1, 2, 3]) await client.register(TestKey.random(), `early${n}`);
  await toReview(page, sb, 'frank');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toContainText('3 registrations per IP address in 24 hours');
  await expect(page.getByRole('alert')).toContainText('Try again 24 hours after the last registration');
  await expect(page.getByRole('alert')).toContainText('You will need a new registration token then');
  await expect(page.getByRole('button', { name: 'Register again' })).toHaveCount(0);
  // The request went out: the review no longer says it has not.
  await expect(page.getByText('Nothing has been sent yet')).toHaveCount(0);
  await expect(page.getByText(/Sent to 127\.0\.0\.1:\d+\. What happened, and what to do next:/)).toBeVisible();
  await screenshot(page, 'register-error-ip-limit');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('textbox', { name: 'Username', exact: true })).toHaveValue('frank');
});

test('expired token: back to the token step, a new token, then success', async ({ page }) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'grace');
  sb.setFaults({ clock_offset_s: 310 }); // five minutes later on the server: the token is gone, signatures still fine
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toContainText('The registration token was not accepted: it has expired');
  await screenshot(page, 'register-error-token-expired');
  await page.getByRole('button', { name: 'Get a new token' }).click();
  await expect(page).toHaveURL(/#\/register\/token$/);
  await tokenStep(page, sb.issueToken().token);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByLabel('Fingerprint', { exact: true })).toBeVisible();
});

test('answer lost after sending: checks by hotkey instead of re-sending, and says what happened', async ({ page }) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'heidi');
  sb.faultOnce({ method: 'POST', path: '/users/register', drop_after: true });
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/#\/register\/done$/);
  await expect(page.getByText('The account heidi exists on')).toBeVisible();
  await expect(page.getByText('The fingerprint was in the lost answer')).toBeVisible();
  await expect(page.getByLabel('Active profile')).toContainText('heidi');
  await screenshot(page, 'register-error-answer-lost');
  const calls = sb.requests(50).filter((r) => r.path === '/users/register' || r.path === '/users/me');
  // The wallet step's check (no account yet), the register whose answer was lost, then the check by hotkey.
  expect(calls.map((r) => [r.path, r.status])).toEqual([
    ['/users/me', 401],
    ['/users/register', null],
    ['/users/me', 200],
  ]);
});

test('answer lost for a hotkey that already had an account: said as that account, named, with no fingerprint advice', async ({
  page,
}) => {
  const { sb, tree } = await start(page);
  await toReview(page, sb, 'dave2');
  // Registered elsewhere after the wallet step's check: the 409 is the first word, and it is lost.
  await registerInSandbox(sb.url, tree.hk1.seed, 'dave');
  sb.faultOnce({ method: 'POST', path: '/users/register', drop_after: true });
  await page.getByRole('button', { name: 'Register' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`The hotkey hk1 (${tree.hk1.ss58}) already had a Chutes account on`);
  await expect(alert).toContainText('“dave”');
  await expect(alert).toContainText(/, created [A-Z][a-z]{2} \d{1,2}, \d{4}\)/);
  await expect(alert).toContainText('no account “dave2” was created');
  await expect(page).toHaveURL(/#\/register\/review$/);
  await expect(page.getByText('The fingerprint was in the lost answer')).toHaveCount(0);
  await expect(page.getByText(/set a new fingerprint/)).toHaveCount(0);
  const steps = page.getByRole('navigation', { name: 'Registration steps' });
  await expect(steps.getByRole('link', { name: 'Wallet & hotkey (already registered)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add this account as a profile' })).toBeVisible();
  await screenshot(page, 'register-error-answer-lost-older-account');
  expect(sb.requests(50).filter((r) => r.path === '/users/register')).toHaveLength(2); // dave's, then ours
});

test('a gateway timeout right after sending: "no account yet" is not "safe to send again", and the check can be repeated', async ({
  page,
}) => {
  const { sb } = await start(page);
  await toReview(page, sb, 'ivan');
  // A gateway's 504: the server may still be working on it, so the app asks before anything else.
  sb.faultOnce({ method: 'POST', path: '/users/register', status: 504 });
  await page.getByRole('button', { name: 'Register' }).click();
  const yet = page.getByRole('status').filter({ hasText: /Chutes has no account for the hotkey hk1 \S+ yet/ });
  await expect(yet).toContainText('Wait a minute, then check again.');
  await expect(page.getByRole('button', { name: 'Register again' })).toHaveCount(0);
  await screenshot(page, 'register-error-not-yet');
  // The check itself can fail: it is offered again, never a dead end.
  sb.faultOnce({ method: 'GET', path: '/users/me', status: 500 });
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByText('Whether the account was created could not be checked:')).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(yet).toBeVisible();
  // Elsewhere in the app, the unsettled registration is named, with the way back to it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText('A registration’s outcome is unknown:', { exact: false })).toBeVisible();
  await screenshot(page, 'register-outcome-unknown-elsewhere');
  await page.getByRole('link', { name: 'Open Register to check it' }).click();
  await expect(page).toHaveURL(/#\/register\/review$/);
  await expect(yet).toBeVisible();
  expect(sb.requests(50).filter((r) => r.path === '/users/register')).toHaveLength(1);
});

test('clock skew of 10 minutes or more stops at the server step, until the clock is right', async ({ page }) => {
  const { sb } = await start(page);
  sb.setFaults({ clock_offset_s: 900 });
  await page.getByRole('radio', { name: /configured API/ }).check();
  await page.getByRole('button', { name: 'Check connection and continue' }).click();
  await expect(page.getByText(/Registration cannot continue until the clock is right/)).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection result' })).toContainText(
    /Your clock is 1[45] min( \d+ s)? behind the server/,
  );
  await expect(page).toHaveURL(/#\/register\/server$/);
  await screenshot(page, 'register-error-clock-skew');
  sb.setFaults({ clock_offset_s: 0 });
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page).toHaveURL(/#\/register\/username$/);
});
