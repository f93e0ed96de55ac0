import fs from 'node:fs/promises';
import path from 'node:path';
import { keychainOnly } from './fixtures/accounts-page';
import { expect, test, type Page } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { screenshot } from './fixtures/screenshots';

// A create whose answer is lost is never re-sent: the app re-lists and says whether the key exists.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function tryCreate(page: Page, name: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  await form.getByRole('button', { name: 'Create key' }).click();
}

test('a lost answer, a gateway error and a name taken elsewhere each say what happened, without re-sending', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  const w = world;
  const posts = () => w.sb.requests(300).filter((r) => r.method === 'POST' && r.path === '/api_keys/').length;
  await page.getByRole('button', { name: 'Create key…' }).click();

  w.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
  await tryCreate(page, 'flaky');
  await expect(page.getByRole('alert')).toContainText(
    'The key “flaky” was created, but the answer carrying its secret was lost',
  );
  await expect(page.getByRole('alert')).toContainText('Delete this key and create it again');
  // The name is not blamed (it is taken by the very key just made), and the fix is one click away.
  const form = page.getByRole('form', { name: 'Create API key' });
  await expect(form.getByLabel('Name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('button', { name: 'Create key', exact: true })).toBeDisabled();
  await screenshot(page, 'api-keys-create-answer-lost');
  expect(posts()).toBe(1);
  expect(Object.values(w.sb.state().apiKeys).map((k) => k.name)).toEqual(['flaky']);
  // The way out is in the same box as what happened.
  await form.getByRole('alert').getByRole('button', { name: 'Delete “flaky” now' }).click();
  await expect(form.getByText('Deleted “flaky”. Create it again to get a secret you can see.')).toBeVisible();
  expect(Object.values(w.sb.state().apiKeys)).toEqual([]);
  await form.getByRole('button', { name: 'Create key', exact: true }).click();
  const reveal = page.getByRole('dialog', { name: 'Your new key “flaky”' });
  await expect(reveal).toBeVisible();
  await reveal.getByLabel('I have stored it somewhere safe').check();
  await reveal.getByRole('button', { name: 'Done' }).click();
  expect(posts()).toBe(2);
  await page.getByRole('button', { name: 'Create key…' }).click();

  w.sb.faultOnce({ method: 'POST', path: '/api_keys/', status: 502 });
  await tryCreate(page, 'gateway');
  await expect(page.getByRole('alert')).toContainText(
    'The key “gateway” was not created (checked by listing the keys again), so you can try again.',
  );
  expect(posts()).toBe(3);
  // A gateway timeout: the server may still be making it, so no "try again" yet.
  w.sb.faultOnce({ method: 'POST', path: '/api_keys/', status: 504 });
  await tryCreate(page, 'slowpoke');
  await expect(page.getByRole('alert')).toContainText('but the server may still be creating it');
  await expect(page.getByRole('alert')).toContainText('Do not create it again yet');
  expect(posts()).toBe(4);

  // Made elsewhere after this list loaded: the server's 409 is shown on the name field.
  w.sb.seedApiKeys({ user_id: w.userId, count: 1, name_prefix: 'taken' });
  await tryCreate(page, 'taken-0');
  await expect(page.getByRole('alert')).toContainText('A key with this name already exists');
  await expect(page.getByRole('form', { name: 'Create API key' }).getByLabel('Name')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(posts()).toBe(5);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('row', { name: 'Key flaky' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Key taken-0' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Key gateway' })).toHaveCount(0);
});

test('a lost answer while another key holds the name blames nobody: no delete offered, no record written', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  const w = world;
  await expect(page.getByText('No API keys yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Create key…' }).click();
  // Made elsewhere after this list loaded: an admin key "prod-0" (every 7th seeded key is admin).
  w.sb.seedApiKeys({ user_id: w.userId, count: 1, name_prefix: 'prod' });
  const prod = Object.values(w.sb.state().apiKeys)[0];
  // The server refuses the name (409), then the connection drops before the answer arrives.
  w.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
  await tryCreate(page, 'prod-0');
  const form = page.getByRole('form', { name: 'Create API key' });
  const alert = form.getByRole('alert');
  await expect(alert).toContainText(
    'a key with this name already exists that is not the one asked for: it is an admin key, and a scoped key was asked for',
  );
  await expect(alert).toContainText('most likely nothing was created');
  await expect(form.getByRole('button', { name: /^Delete “prod-0”/ })).toHaveCount(0);
  await expect(alert).not.toContainText('Delete this key');
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'api-keys-create-lost-name-taken');
  expect(Object.values(w.sb.state().apiKeys).map((k) => [k.name, k.admin])).toEqual([['prod-0', true]]);
  // Not recorded as a key this app made (which would give it this try's scopes).
  const files = await fs.readdir(w.host.dirs.home, { recursive: true });
  for (const f of files.filter((name) => name.endsWith('api-key-records.json')))
    expect(await fs.readFile(path.join(w.host.dirs.home, f), 'utf8')).not.toContain(prod?.api_key_id ?? '?');
});

test('after the seed leaves the keychain: signed actions off, and the failure names the Profiles & hotkeys screen', async ({
  page,
}) => {
  world = await openKeysWorld(page, 'seedless');
  // Listed while the seed was there, and empty: what a key is for, without an empty table and its tools.
  await expect(page.getByText('No API keys yet.')).toBeVisible();
  await expect(page.getByText('A key lets a program')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create key…' })).toBeEnabled();
  await expect(page.getByRole('button', { name: /^Delete selected/ })).toHaveCount(0);
  await expect(page.getByRole('searchbox')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'API keys' })).toHaveCount(0);
  await screenshot(page, 'api-keys-empty');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Profiles & hotkeys' }).click();
  await page.getByRole('button', { name: `Remove from keychain: ${keychainOnly('default', world.hotkey)}` }).click();
  const confirm = page.getByRole('group', { name: /^Remove the seed of / });
  // The imported file still holds the seed, and the question names it: no other copy to vouch for.
  await expect(confirm.getByRole('list', { name: 'Config files holding this seed' })).toBeVisible();
  await confirm.getByRole('button', { name: 'Remove seed' }).click();
  await expect(confirm).toBeHidden();
  await nav.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByText('The keychain does not hold the seed of hotkey “default”')).toBeVisible();
  // Listing is itself signed: one explanation, no list to pretend with, no button that can only fail.
  await expect(page.getByText('Listing API keys is itself a request signed with it')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create key…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('No API keys yet.')).toHaveCount(0); // unknown, not empty
  await screenshot(page, 'api-keys-seed-missing');
});
