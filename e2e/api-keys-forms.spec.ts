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

test('a name with spaces no one would see is refused with why, kept as typed; one made elsewhere is still deletable', async ({
  page,
}) => {
  const w = (world = await openKeysWorld(page));
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  const name = form.getByLabel('Name');
  await name.fill('ci  deploy');
  await expect(name).toHaveAccessibleDescription(
    'Use single spaces between words: two or more in a row look like one.',
  );
  await name.fill('ci deploy ');
  await expect(name).toHaveAccessibleDescription('The name cannot start or end with a space.');
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(name).toHaveAccessibleDescription('The name cannot start or end with a space.');
  await expect(name).toHaveValue('ci deploy ');
  expect(w.sb.requests(500).filter((r) => r.method === 'POST' && r.path === '/api_keys/')).toEqual([]);
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Chutes itself takes any whitespace: a key named so elsewhere shows its spaces when deleted.
  w.sb.seedApiKeys({ user_id: w.userId, count: 1, name_prefix: 'spaced' });
  const seeded = Object.values(w.sb.state().apiKeys).find((k) => k.name === 'spaced-0');
  if (seeded) seeded.name = ' ci  deploy ';
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('link', { name: 'ci deploy' }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('form', { name: /^Delete key/ });
  await expect(confirm).toContainText('Type the key’s name, ␣ci␣␣deploy␣, to confirm');
  const typed = confirm.getByLabel(/^Type the key’s name/);
  await expect(typed).toHaveAccessibleDescription(
    'Each ␣ is a space: type the name with single spaces between words, and none at either end.',
  );
  await typed.fill('ci deploy');
  await confirm.getByRole('button', { name: 'Delete key' }).click();
  await expect.poll(() => Object.values(w.sb.state().apiKeys).filter((k) => k.name.includes('deploy'))).toEqual([]);
});

test('each problem in the create form is read with the field it is about', async ({ page }) => {
  world = await openKeysWorld(page);
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill('no-scopes');
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(form.getByRole('group', { name: 'Scopes', exact: true })).toHaveAccessibleDescription(
    'A scoped key with no scopes can do nothing; add at least one.',
  );
  await form.getByRole('tab', { name: 'JSON' }).click();
  const json = form.getByLabel('Key request JSON');
  await json.fill('{"name":"x","admin":false,"scopes":[{"object_type":"images","object_id":null,"action":"nuke"}]}');
  await expect(json).toHaveAccessibleDescription(/^scopes\.0\.action must be one of/);
});
