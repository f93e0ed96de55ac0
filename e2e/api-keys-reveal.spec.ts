import { expect, test } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { breaksInsideWords, lineBreaks } from './fixtures/line-breaks';
import { screenshot } from './fixtures/screenshots';

// The API keys console against the sandbox: the reveal-once dialog and copying the secret.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test('the reveal dialog asks before closing without "I have stored it"; admin keys carry a warning', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill('ops-admin');
  await form.getByLabel('Admin key').check();
  await expect(form.getByRole('group', { name: 'What this key can do' })).toContainText(
    'Everything this account can do through the API',
  );
  await expect(form.getByRole('group', { name: 'What this key can do' })).toContainText(
    'Anyone holding it acts as you',
  );
  await expect(page.getByLabel('Equivalent CLI command', { exact: true })).toHaveText(
    "chutes keys create --name 'ops-admin' --admin",
  );
  await screenshot(page, 'api-keys-create-admin');
  await page.setViewportSize({ width: 760, height: 1000 });
  await form.getByLabel('Admin key').uncheck();
  await page.getByRole('button', { name: 'Invoke one of your chutes' }).click();
  // Narrow: the chosen chutes take the row's width, and Remove stays a button its own size below them.
  const scope = form.getByRole('group', { name: 'Scope 1', exact: true });
  const [row, remove, chute] = await Promise.all([
    scope.boundingBox(),
    scope.getByRole('button', { name: 'Remove scope 1' }).boundingBox(),
    scope.getByText('All chutes').boundingBox(),
  ]);
  expect(remove?.width ?? Infinity).toBeLessThan(150);
  expect(remove?.y ?? 0).toBeGreaterThan(chute?.y ?? Infinity);
  expect(chute?.x ?? Infinity).toBeLessThan((row?.x ?? 0) + 30);
  await screenshot(page, 'api-keys-create-narrow');
  // The CLI line wraps between JSON fields, never inside one ("chute|s"), at this width too.
  const cli = form.getByLabel('Equivalent CLI command', { exact: true });
  const breaks = await lineBreaks(cli);
  expect(breaks.length).toBeGreaterThan(0);
  expect(breaksInsideWords(breaks)).toEqual([]);
  await form.getByLabel('Admin key').check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “ops-admin”' });
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeDisabled();
  await expect(dialog).toContainText('Access: everything the account can do (an admin key).');
  await screenshot(page, 'api-keys-reveal');
  const ask = dialog.getByRole('alertdialog', { name: 'Close without storing?' });
  // Chromium lets a page cancel only some Escapes in a row; every one must still just ask.
  for (let press = 1; press <= 4; press++) {
    await page.keyboard.press('Escape');
    await expect(ask).toBeVisible();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('API key secret')).toBeVisible();
  }
  // The question takes focus on its safe answer.
  await expect(ask.getByRole('button', { name: 'Keep it open' })).toBeFocused();
  await ask.getByRole('button', { name: 'Keep it open' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close without storing…' }).click();
  await ask.getByRole('button', { name: 'Close anyway' }).click();
  await expect(dialog).toBeHidden();
  // The form that opened the dialog is gone: the keyboard continues from "Create key…".
  await expect(page.getByRole('button', { name: 'Create key…' })).toBeFocused();
  await expect(page.getByRole('row', { name: 'Key ops-admin' })).toContainText('Admin');
  await expect(page.getByText(/cpk_[0-9a-f]{32}\./)).toHaveCount(0);
});

test('copy puts the header line on the clipboard and clears it after a minute if it is still there', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.install();
  world = await openKeysWorld(page);
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill('clip');
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “clip”' });
  const secret = (await dialog.getByLabel('API key secret').textContent()) ?? '';
  // Named on a group around the <code>: a name on <code> itself is not allowed, and may not be read.
  await expect(dialog.getByRole('group', { name: 'API key secret' }).locator('code')).toHaveText(secret);
  await dialog.getByRole('button', { name: 'Copy header line' }).click();
  await expect(dialog.getByRole('button', { name: 'Copy header line' })).toHaveText('Copied');
  // The button's label hides its visible "Copied" from screen readers: a live region says it.
  await expect(dialog.locator('[aria-live="polite"]').filter({ hasText: 'Copy header line: copied.' })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`Authorization: Bearer ${secret}`);
  await page.clock.fastForward(61_000);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');
});
