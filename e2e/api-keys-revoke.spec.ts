import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { keyNames, openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { screenshot } from './fixtures/screenshots';

// Deleting (typed name), bulk revoke with a failure injected, rotation with a failure between steps,
// and the canary: after a create, the secret is in no file, log, activity entry or later answer.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const idOf = (w: KeysWorld, name: string): string => {
  const found = Object.values(w.sb.state().apiKeys).find((k) => k.name === name);
  if (!found) throw new Error(`no key ${name}`);
  return found.api_key_id;
};

async function createInvoker(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: `Your new key “${name}”` });
  const secret = (await dialog.getByLabel('API key secret').textContent()) ?? '';
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  return secret;
}

test('deleting one key needs its name typed back; a key already gone counts as done', async ({ page }) => {
  world = await openKeysWorld(page);
  world.sb.seedApiKeys({ user_id: world.userId, count: 3, name_prefix: 'cli' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  // An admin key: a curl line that works, which can be copied.
  await page.getByRole('row', { name: 'Key cli-0' }).getByRole('link', { name: 'cli-0' }).click();
  const usage = page.getByRole('region', { name: 'How to use this key' });
  const curl = usage.getByLabel('Try it with curl', { exact: true });
  await expect(curl).toHaveText(
    /^curl -H "Authorization: Bearer \$CHUTES_API_KEY" http:\/\/127\.0\.0\.1:\d+\/users\/me$/,
  );
  await expect(usage.getByRole('button', { name: 'Copy the command: Try it with curl' })).toBeVisible();
  await page.getByRole('link', { name: '← All keys' }).click();

  // A key scoped to one image: Chutes checks a REST path's last segment ("" for /images/, the id for
  // /images/{id}) as the object type, which no scope names, so every curl line would answer 401.
  await page.getByRole('row', { name: 'Key cli-1' }).getByRole('link', { name: 'cli-1' }).click();
  const details = page.getByRole('region', { name: 'Key cli-1' });
  await expect(details.getByText('not reported by the server').first()).toBeVisible();
  await expect(details).toContainText('AccessNothing: none of its scopes lets it invoke a chute');
  await expect(usage).toContainText('Authorization: Bearer cpk_…');
  await expect(curl).toHaveCount(0);
  await expect(usage).toContainText('None of this key’s scopes lets it invoke a chute, the only thing Chutes lets a');
  await screenshot(page, 'api-keys-details');
  await details.getByRole('button', { name: 'Delete…' }).click();
  const form = page.getByRole('form', { name: 'Delete key cli-1' });
  await expect(form).toContainText('up to a minute');
  await form.getByLabel(/^Type the key’s name, .+, to confirm$/).fill('cli-');
  await expect(form.getByRole('button', { name: 'Delete key' })).toBeDisabled();
  await form.getByLabel(/^Type the key’s name, .+, to confirm$/).fill('cli-1');
  await screenshot(page, 'api-keys-delete-typed');
  await form.getByRole('button', { name: 'Delete key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “cli-1”' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Key cli-1' })).toHaveCount(0);
  expect(keyNames(world)).toEqual(['cli-0', 'cli-2']);

  // Another tool deletes cli-2 while its page is open here.
  await page.getByRole('row', { name: 'Key cli-2' }).getByRole('link', { name: 'cli-2' }).click();
  await expect(page.getByRole('region', { name: 'Key cli-2' })).toBeVisible();
  delete world.sb.state().apiKeys[idOf(world, 'cli-2')];
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByLabel(/^Type the key’s name, .+, to confirm$/).fill('cli-2');
  await page.getByRole('button', { name: 'Delete key' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '“cli-2” was already gone — nothing left to delete.' }),
  ).toBeVisible();
});

test('bulk delete reports every key, with an injected failure, an already-gone key, and a retry', async ({ page }) => {
  world = await openKeysWorld(page);
  world.sb.seedApiKeys({ user_id: world.userId, count: 5, name_prefix: 'cli' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  for (const n of ['cli-0', 'cli-1', 'cli-2', 'cli-3']) await page.getByLabel(`Select ${n}`).check();
  await page.getByRole('button', { name: 'Delete selected (4)' }).click();
  const summary = page.getByRole('region', { name: 'Delete selected keys' });
  await expect(summary.getByRole('heading')).toHaveText('Delete 4 keys?');
  await expect(summary).toContainText('1 of them is an admin key'); // cli-0 (every 7th seeded key is admin)
  await screenshot(page, 'api-keys-bulk-summary');

  world.sb.faultOnce({ method: 'DELETE', path: `/api_keys/${idOf(world, 'cli-1')}`, status: 500 });
  delete world.sb.state().apiKeys[idOf(world, 'cli-2')]; // gone meanwhile
  // An admin key among them: as deliberate as deleting one key by name.
  await expect(summary.getByRole('button', { name: 'Delete 4 keys' })).toBeDisabled();
  await summary.getByLabel(/Type delete to confirm/).fill('delete');
  // The table holds still while the panel is open: what it says it deletes is what is selected.
  await expect(page.getByLabel('Select cli-1')).toBeDisabled();
  await expect(page.getByLabel('Select cli-4')).toBeDisabled();
  await expect(page.getByLabel('Select all shown keys')).toBeDisabled();
  await expect(page.getByLabel('Select cli-1')).toHaveAccessibleDescription(
    'The selection is fixed while the delete panel above is open: close it to change which keys are selected.',
  );
  await expect(page.getByRole('button', { name: 'Delete selected (4)' })).toBeDisabled();
  await summary.getByRole('button', { name: 'Delete 4 keys' }).click();
  const results = page.getByRole('region', { name: 'Delete results' });
  // The pressed button made way for the results: the keyboard goes on at their heading.
  await expect(results.getByRole('heading', { name: 'Results of deleting 4 keys' })).toBeFocused();
  await expect(results.getByRole('status')).toContainText('2 deleted, 1 already gone; 1 not deleted.');
  const perKey = results.getByRole('list', { name: 'Result per key' });
  await expect(perKey.getByRole('listitem').filter({ hasText: 'cli-1' })).toContainText('not deleted: Chutes at');
  await expect(perKey.getByRole('listitem').filter({ hasText: 'cli-2' })).toContainText(
    'already gone (nothing left to delete)',
  );
  await screenshot(page, 'api-keys-bulk-results');
  expect(keyNames(world)).toEqual(['cli-1', 'cli-4']);
  await expect(page.getByRole('row', { name: 'Key cli-1' })).toHaveCount(1);

  await results.getByRole('button', { name: 'Retry 1 failed' }).click();
  await expect(results.getByRole('status')).toContainText('Done: 3 deleted, 1 already gone.');
  await expect(results.getByRole('heading')).toBeFocused();
  expect(keyNames(world)).toEqual(['cli-4']);
  await expect(page.getByRole('row', { name: 'Key cli-1' })).toHaveCount(0);
  await results.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByLabel('Select cli-4')).toBeEnabled();
});

test('rotation keeps the scopes, deletes the old key only after confirmation, and says which keys exist when a step fails', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  await createInvoker(page, 'worker');
  const oldId = idOf(world, 'worker');
  await page.getByRole('link', { name: 'worker' }).click();
  await page.getByRole('button', { name: 'Rotate…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await expect(form.getByLabel('Name')).toHaveValue('worker-r2');
  await expect(page.getByLabel('JSON that will be sent')).toContainText('"action": "invoke"');
  await form.getByRole('button', { name: 'Create replacement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “worker-r2”' });
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  // This page has no "Create key…": the keyboard goes on at the step now shown.
  await expect(page.getByRole('heading', { name: 'Deploy the new key, then delete the old one' })).toBeFocused();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Deploy it, then delete the old key');
  expect(keyNames(world)).toEqual(['worker', 'worker-r2']); // nothing deleted before the user confirms

  world.sb.faultOnce({ method: 'DELETE', path: `/api_keys/${oldId}`, status: 503 });
  await page.getByRole('button', { name: 'The new key is deployed — delete “worker”' }).click();
  await expect(page.getByRole('alert')).toContainText('HTTP 503');
  const exists = page.getByRole('list', { name: 'Both keys' });
  await expect(exists).toContainText('Old (still works): worker');
  await expect(exists).toContainText('New: worker-r2');
  await screenshot(page, 'api-keys-rotate-failed');
  expect(keyNames(world)).toEqual(['worker', 'worker-r2']);

  await page.getByRole('button', { name: 'Retry deleting the old key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rotation complete.' })).toContainText('“worker” is deleted');
  await expect(page.getByRole('link', { name: 'Open worker-r2' })).toBeFocused();
  expect(keyNames(world)).toEqual(['worker-r2']);
  const rotated = Object.values(world.sb.state().apiKeys)[0];
  expect(rotated?.scopes.map((s) => [s.object_type, s.object_id, s.action])).toEqual([['chutes', null, 'invoke']]);
});

test('a rotation whose new secret was closed without storing it never offers to delete the old key', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  await createInvoker(page, 'worker');
  await page.getByRole('link', { name: 'worker' }).click();
  // A scoped key: no curl line, which Chutes' API would answer with 401.
  const usage = page.getByRole('region', { name: 'How to use this key' });
  await expect(usage).toContainText('A scoped key can only invoke chutes');
  await expect(usage.getByLabel('Try it with curl', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Rotate…' }).click();
  await page.getByRole('form', { name: 'Create API key' }).getByRole('button', { name: 'Create replacement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “worker-r2”' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Close anyway' }).click();
  await expect(
    page.getByRole('heading', { name: 'The new key’s secret was closed without being stored' }),
  ).toBeFocused();
  // The problem is step 2's (the secret), not step 3's: that step is the current one, and says so.
  await expect(page.locator('[aria-current="step"]')).toHaveText('Store its secret (not stored)');
  await expect(page.getByRole('button', { name: /delete “worker”$/ })).toHaveCount(0);
  await screenshot(page, 'api-keys-rotate-unstored');
  await page.getByRole('button', { name: 'Delete “worker-r2” and start again' }).click();
  await expect(page.getByRole('form', { name: 'Create API key' })).toBeVisible();
  expect(keyNames(world)).toEqual(['worker']);
});

test('rotating a key with a storage scope keeps that type; a type this app cannot ask for is said, not faked', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  world.sb.seedApiKeys({ user_id: world.userId, count: 2, name_prefix: 'old' });
  const row = Object.values(world.sb.state().apiKeys).find((k) => k.name === 'old-1');
  if (!row) throw new Error('no old-1');
  // Made elsewhere, on the newest server: storage, and a type from a server newer still.
  row.scopes = [
    { scope_id: '5c0pe000-0000-4000-8000-000000000001', object_type: 'storage', object_id: null, action: null },
    { scope_id: '5c0pe000-0000-4000-8000-000000000002', object_type: 'models', object_id: null, action: null },
  ];
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('link', { name: 'old-1', exact: true }).click();
  await page.getByRole('button', { name: 'Rotate…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await expect(
    form.getByRole('group', { name: 'Scope 1', exact: true }).getByRole('combobox', { name: /^Object type/ }),
  ).toHaveValue('storage');
  await expect(form.getByRole('group', { name: 'Scope 2', exact: true })).toHaveCount(0);
  await expect(page.getByText('Its scopes of type “models” are left out')).toBeVisible();
  await expect(page.getByLabel('JSON that will be sent')).toContainText('"object_type": "storage"');
  await screenshot(page, 'api-keys-rotate-storage');
  await form.getByRole('button', { name: 'Create replacement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “old-1-r2”' });
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const made = Object.values(world.sb.state().apiKeys).find((k) => k.name === 'old-1-r2');
  expect(made?.scopes.map((s) => [s.object_type, s.object_id, s.action])).toEqual([['storage', null, null]]);
});

test('canary: after a create the secret is in no file, log line, activity entry or later answer', async ({ page }) => {
  world = await openKeysWorld(page);
  const answers: { channel: string; body: string }[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith('/rpc/'))
      reading.push(
        res.text().then(
          (body) => void answers.push({ channel: url.pathname.slice(5), body }),
          () => undefined,
        ),
      );
  });
  const secret = await createInvoker(page, 'canary');
  const tail = secret.slice(-32);
  // Later answers: the list, the key's details, the activity log.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('link', { name: 'canary' }).click();
  await expect(page.getByRole('region', { name: 'Key canary' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  // The activity log is on screen, with the create in it: its answer has come.
  await expect(
    page.getByRole('table', { name: 'Signed calls' }).getByRole('row').filter({ hasText: 'POST /api_keys/' }).first(),
  ).toBeVisible();
  await Promise.all(reading);
  const channels = new Set(answers.map((a) => a.channel));
  for (const channel of ['createApiKey', 'listApiKeys', 'getApiKey', 'listActivity'])
    expect(channels.has(channel), `an answer on ${channel} was read`).toBe(true);
  const carrying = answers.filter((a) => a.body.includes(tail)).map((a) => a.channel);
  expect(carrying).toEqual(['createApiKey']);
  expect(world.host.output()).not.toContain(tail);
  const files = await fs.readdir(world.host.dirs.home, { recursive: true });
  for (const f of files) {
    const text = await fs.readFile(path.join(world.host.dirs.home, f)).then(
      (b) => b.toString('latin1'),
      () => '',
    );
    expect(text.includes(tail), f).toBe(false);
  }
  expect(files.some((f) => f.endsWith('activity.jsonl'))).toBe(true);
  expect(files.some((f) => f.endsWith('api-key-records.json'))).toBe(true);
});
