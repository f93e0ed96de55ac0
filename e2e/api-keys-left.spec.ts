import { expect, test, type Locator, type Page } from '@playwright/test';
import { keyNames, openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { screenshot } from './fixtures/screenshots';
import { closingAsks } from './fixtures/closing';

// A new key's secret is shown once: a create that answers after the user left its form — another
// screen, Back, a rotation left half-way — must still show it, and the window must not close on it.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** Create the key "slow" (invoke all chutes), its POST held in the sandbox until `releaseCreate`. */
async function createSlowly(page: Page, w: KeysWorld): Promise<Locator> {
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill('slow');
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  w.sb.hold({ method: 'POST', path: '/api_keys/' });
  await form.getByRole('button', { name: 'Create key' }).click();
  return form;
}

/** The held create reached the sandbox and nothing was made yet; then it goes on. */
async function releaseCreate(w: KeysWorld): Promise<void> {
  await expect.poll(() => w.sb.held().map((h) => `${h.method} ${h.path}`)).toEqual(['POST /api_keys/']);
  expect(keyNames(w).filter((n) => n === 'slow' || n.endsWith('-r2'))).toEqual([]);
  expect(w.sb.release({ method: 'POST', path: '/api_keys/' })).toEqual({ released: 1 });
}

test('a key whose create answers after the user left still shows its secret once, on the way and after', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const form = await createSlowly(page, world);
  await expect(form.getByRole('button', { name: 'Creating…' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await nav.getByRole('link', { name: 'Secrets' }).click();
  const waiting = page.getByText('The API key “slow” (keyuser @ ');
  // Still on its way (no secret waiting yet): closing asks already.
  await expect(waiting).toHaveCount(0);
  await closingAsks(page);
  await releaseCreate(world);
  await expect(waiting).toBeVisible();
  // Nobody is pulled back to the keys: the notice says where the secret waits.
  await expect(page).toHaveURL(/#\/secrets/);
  await expect(page.getByRole('heading', { name: 'Secrets', level: 1 })).toBeVisible();
  await screenshot(page, 'api-keys-secret-waiting');
  await closingAsks(page);
  await expect(waiting).toBeVisible();
  await page.getByRole('link', { name: 'Show the secret' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “slow”' });
  await expect(dialog.getByLabel('API key secret')).toHaveText(/^cpk_/);
  await expect(dialog).toContainText('For the account keyuser @ 127.0.0.1:');
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(waiting).toHaveCount(0);
  expect(keyNames(world)).toEqual(['slow']);
});

test('a rotation left half-way comes back at its step: creating, then the secret, then deleting the old key', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  world.sb.seedApiKeys({ user_id: world.userId, count: 1, name_prefix: 'old' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('link', { name: 'old-0', exact: true }).click();
  await page.getByRole('button', { name: 'Rotate…' }).click();
  const rotate = page.getByRole('form', { name: 'Create API key' });
  world.sb.hold({ method: 'POST', path: '/api_keys/' });
  await rotate.getByRole('button', { name: 'Create replacement' }).click();
  await expect(rotate.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await nav.getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  await page.goBack();
  // Back on the rotation while its create is out: no second "Create replacement" is offered.
  await expect(page.getByRole('status').filter({ hasText: 'The replacement is being created…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create replacement' })).toHaveCount(0);
  const replacement = page.getByRole('dialog', { name: 'Your new key “old-0-r2”' });
  await expect(replacement).toHaveCount(0);
  await releaseCreate(world);
  await expect(replacement).toContainText('it replaces “old-0”: deploy it, then delete “old-0”');
  await replacement.getByLabel('I have stored it somewhere safe').check();
  await replacement.getByRole('button', { name: 'Done' }).click();
  expect(keyNames(world)).toEqual(['old-0', 'old-0-r2']);

  // Left again before deleting: the rotation comes back at "deploy, then delete".
  await nav.getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { name: 'Secrets', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Deploy the new key, then delete the old one' })).toBeVisible();
  await page.getByRole('button', { name: 'The new key is deployed — delete “old-0”' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rotation complete.' })).toBeVisible();
  expect(keyNames(world)).toEqual(['old-0-r2']);
});

test('a create that fails after the user left says so on the screen they are on, with the way out', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill('lost');
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  // Made on the server, then the answer carrying the secret is dropped: the app re-lists and finds it.
  world.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
  world.sb.setFaults({ latency_ms: 1500 });
  await form.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  const failure = page
    .getByRole('alert')
    .filter({ hasText: /Creating the API key “lost” on keyuser @ 127\.0\.0\.1:\d+ did not finish as asked\./ });
  await expect(failure).toContainText('was created, but the answer carrying its secret was lost', { timeout: 15_000 });
  world.sb.setFaults({ latency_ms: 0 });
  await screenshot(page, 'api-keys-create-failed-away');
  await failure.getByRole('link', { name: 'Open “lost” to delete it' }).click();
  await expect(page.getByRole('button', { name: 'Delete…' })).toBeVisible();
  await failure.getByRole('button', { name: 'Dismiss' }).click();
  await expect(failure).toHaveCount(0);
  expect(keyNames(world)).toEqual(['lost']);
});

test('a create still on its way is waited for when its form is opened again, never sent twice', async ({ page }) => {
  world = await openKeysWorld(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const form = await createSlowly(page, world);
  await nav.getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { name: 'Secrets', level: 1 })).toBeVisible();
  await nav.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Create key…' }).click();
  // The form as it was left would send "slow" again, which the server refuses once the first lands.
  const sending = page.getByRole('status').filter({ hasText: 'The key “slow” is being created…' });
  await expect(sending).toBeVisible();
  await expect(form).toHaveCount(0);
  await screenshot(page, 'api-keys-create-still-sending');
  const dialog = page.getByRole('dialog', { name: 'Your new key “slow”' });
  await releaseCreate(world);
  await expect(dialog.getByLabel('API key secret')).toHaveText(/^cpk_/);
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  expect(keyNames(world)).toEqual(['slow']);
  // The create used the draft, so the form opens empty now.
  await page.getByRole('button', { name: 'Create key…' }).click();
  await expect(form.getByLabel('Name')).toHaveValue('');
});

test('a key delete answered after the user left does not pull them back to the keys', async ({ page }) => {
  const w = (world = await openKeysWorld(page));
  w.sb.seedApiKeys({ user_id: w.userId, count: 1, name_prefix: 'old' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('link', { name: 'old-0', exact: true }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByLabel(/^Type the key’s name, .+, to confirm$/).fill('old-0');
  w.sb.setFaults({ latency_ms: 1500 });
  const answered = page.waitForResponse((r) => r.url().includes('/rpc/deleteApiKey'));
  await page.getByRole('button', { name: 'Delete key' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { name: 'Secrets', level: 1 })).toBeVisible();
  await answered;
  w.sb.setFaults({ latency_ms: 0 });
  expect(keyNames(w)).toEqual([]);
  // Told there how it ended (so the page has handled the answer), and still there: what they type
  // on the screen they went to is not thrown away by a late answer.
  const told = page.getByRole('status').filter({ hasText: 'Deleted “old-0”.' });
  await expect(told).toBeVisible();
  await expect(page).toHaveURL(/#\/secrets$/);
  await told.getByRole('button', { name: 'Dismiss' }).click();
  await expect(told).toHaveCount(0);
});

test('a batch delete answered after the user left says there which keys were not deleted', async ({ page }) => {
  const w = (world = await openKeysWorld(page));
  w.sb.seedApiKeys({ user_id: w.userId, count: 3, name_prefix: 'job' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  for (const n of ['job-1', 'job-2']) await page.getByLabel(`Select ${n}`).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const failing = Object.values(w.sb.state().apiKeys).find((k) => k.name === 'job-2')?.api_key_id ?? '';
  w.sb.faultOnce({ method: 'DELETE', path: `/api_keys/${failing}`, status: 500 });
  w.sb.setFaults({ latency_ms: 1500 });
  const confirm = page.getByRole('region', { name: 'Delete selected keys' });
  // Typed for any selection, as one key's name is: never easier to delete many than one.
  await expect(confirm.getByRole('button', { name: 'Delete 2 keys' })).toBeDisabled();
  await confirm.getByLabel(/Type delete to confirm/).fill('delete');
  await confirm.getByRole('button', { name: 'Delete 2 keys' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  const told = page.getByRole('alert').filter({ hasText: 'Deleting API keys: 1 deleted; 1 not deleted.' });
  await expect(told).toContainText('Not deleted: job-2.', { timeout: 10_000 });
  w.sb.setFaults({ latency_ms: 0 });
  expect(keyNames(w)).toEqual(['job-0', 'job-2']);
});
