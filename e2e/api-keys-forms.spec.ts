import { expect, test } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';

// The create-key form keeps what was typed: Escape, a wrong name, a busy results panel.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test('Escape leaves the create form but keeps the draft; only Cancel throws it away', async ({ page }) => {
  world = await openKeysWorld(page);
  const open = page.getByRole('button', { name: 'Create key…' });
  const form = page.getByRole('form', { name: 'Create API key' });
  await open.click();
  await form.getByLabel('Name').fill('half-typed');
  await page.getByRole('button', { name: 'Invoke one of your chutes' }).click();
  const which = form.getByRole('radiogroup', { name: 'Which chutes' });
  await expect(which.getByRole('radio', { name: 'Only chosen chutes' })).toBeChecked();
  await form.getByLabel('Name').press('Escape');
  await expect(form).toBeHidden();

  await open.click();
  await expect(form.getByLabel('Name')).toHaveValue('half-typed');
  await expect(which.getByRole('radio', { name: 'Only chosen chutes' })).toBeChecked();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();

  await open.click();
  await expect(form.getByLabel('Name')).toHaveValue('');
  await expect(form.getByRole('radiogroup', { name: 'Which chutes' })).toHaveCount(0);
});
