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
  await page.getByRole('button', { name: 'Read-only images' }).click();
  await form.getByRole('button', { name: 'Create key' }).click();
}

test('a lost answer, a gateway error and a name taken elsewhere each say what happened, without re-sending', async ({ page }) => {
  world = await openKeysWorld(page);
  const w = world;
  const posts = () => w.sb.requests(300).filter((r) => r.method === 'POST' && r.path === '/api_keys/').length;
  await page.getByRole('button', { name: 'Create key…' }).click();

  w.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
  await tryCreate(page, 'flaky');
  await expect(page.getByRole('alert')).toContainText('The key “flaky” was created, but the answer carrying its secret was lost');
  await expect(page.getByRole('alert')).toContainText('Delete this key and create a new one');
  await screenshot(page, 'api-keys-create-answer-lost');
  expect(posts()).toBe(1);
  expect(Object.values(w.sb.state().apiKeys).map((k) => k.name)).toEqual(['flaky']);

  w.sb.faultOnce({ method: 'POST', path: '/api_keys/', status: 504 });
  await tryCreate(page, 'gateway');
  await expect(page.getByRole('alert')).toContainText('The key “gateway” was not created (checked by listing the keys again), so you can try again.');
  expect(posts()).toBe(2);

  // Made elsewhere after this list loaded: the server's 409 is shown on the name field.
  w.sb.seedApiKeys({ user_id: w.userId, count: 1, name_prefix: 'taken' });
  await tryCreate(page, 'taken-0');
  await expect(page.getByRole('alert')).toContainText('A key with this name already exists');
  await expect(page.getByRole('form', { name: 'Create API key' }).getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  expect(posts()).toBe(3);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('row', { name: 'Key flaky' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Key taken-0' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Key gateway' })).toHaveCount(0);
});
