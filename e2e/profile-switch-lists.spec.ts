import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox, type SandboxHandle } from './fixtures/sandbox';
import { useSandboxAndHost } from './fixtures/sandbox-host';
import { screenshot } from './fixtures/screenshots';
import { ChutesTestClient, TestKey } from './sandbox/test-client';
import type { RunningWebHost } from './fixtures/web-host';

// Keys, secrets and panels belong to the profile they were shown for: after a switch, here or in
// another window, nothing of the old account is shown as the new one's, and nothing is sent for it.
const startSandboxAndHost = useSandboxAndHost();

interface Two {
  sb: SandboxHandle;
  host: RunningWebHost;
  ids: Record<'alice' | 'bob', string>;
}

/** alice and bob, each with three keys and one secret on a chute of their own; alice active. */
async function twoAccounts(page: Page): Promise<Two> {
  const { sb, host } = await startSandboxAndHost();
  await page.goto(host.launchUrl);
  const ids = { alice: '', bob: '' };
  for (const name of ['alice', 'bob'] as const) {
    const key = await makeKey();
    const { userId } = await registerInSandbox(sb.url, key.seed, name);
    ids[name] = userId;
    sb.seedApiKeys({ user_id: userId, count: 3, name_prefix: name });
    const chute = sb.addChute(userId, `${name}-app`);
    const sent = await new ChutesTestClient(sb.url).post('/secrets/', {
      body: { purpose: chute.chute_id, key: `${name.toUpperCase()}_TOKEN`, value: 'v' },
      sign: { key: TestKey.fromSeed(Buffer.from(key.seed).toString('hex')) },
    });
    expect(sent.status).toBe(200);
    const file = path.join(host.dirs.home, `${name}.ini`);
    await fs.writeFile(file, cliConfigText(sb.url, name, userId, key), { mode: 0o600 });
    await importCliConfig(page, file);
  }
  await switchTo(page, 'alice');
  return { sb, host, ids };
}

async function switchTo(page: Page, name: string): Promise<void> {
  const sidebar = page.getByRole('complementary');
  await sidebar.getByLabel('Switch profile').selectOption({ label: name });
  await expect(sidebar.locator('strong').getByText(name, { exact: true })).toBeVisible();
}

const go = (page: Page, screen: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();

test('a key’s rotation and an open delete give way on a switch; the new profile’s lists never show the old one’s', async ({
  page,
}) => {
  const { sb } = await twoAccounts(page);
  await go(page, 'API keys');
  await page.getByRole('row', { name: 'Key alice-1' }).getByRole('link', { name: 'alice-1' }).click();
  await page.getByRole('button', { name: 'Rotate…' }).click();
  await expect(page).toHaveURL(/#\/api-keys\/[0-9a-f-]+\/rotate$/);
  await expect(page.getByRole('button', { name: 'Create replacement' })).toBeVisible();

  await switchTo(page, 'bob');
  // The rotation of alice's key is not offered as bob's: back to bob's list.
  await expect(page).toHaveURL(/#\/api-keys$/);
  await expect(page.getByRole('row', { name: 'Key bob-1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create replacement' })).toHaveCount(0);
  await expect(page.getByText('alice-', { exact: false })).toHaveCount(0);

  // Secrets: a delete asked on alice's list is gone with the switch, and her secret is still there.
  await switchTo(page, 'alice');
  await go(page, 'Secrets');
  await page.getByLabel('Select ALICE_TOKEN on alice-app').check();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  await expect(page.getByRole('button', { name: 'Delete 1 secret' })).toBeVisible();
  // bob's list will fail to load: alice's must not stand in for it.
  sb.faultOnce({ method: 'GET', path: '/secrets/', status: 500 });
  await switchTo(page, 'bob');
  await expect(page.getByRole('button', { name: 'Delete 1 secret' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Your secrets could not be read: Chutes at');
  await expect(page.getByText('ALICE_TOKEN')).toHaveCount(0);
  // A list that failed is not an empty one.
  await expect(page.getByText('No secrets yet.')).toHaveCount(0);
  await screenshot(page, 'profile-switch-secrets-failed');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByLabel('Select BOB_TOKEN on bob-app')).toBeVisible();
  await expect(page.getByText('ALICE_TOKEN')).toHaveCount(0);
  expect(Object.values(sb.state().secrets).map((s) => s.key)).toContain('ALICE_TOKEN');
  expect(sb.requests(500).filter((r) => r.method === 'DELETE')).toEqual([]);
});

test('a delete confirmed in a window that missed a switch elsewhere is refused, said, and the window follows', async ({
  page,
  context,
}) => {
  const { sb, host } = await twoAccounts(page);
  await go(page, 'API keys');
  await page.getByRole('row', { name: 'Key alice-2' }).getByRole('link', { name: 'alice-2' }).click();
  await page.getByRole('region', { name: 'Key alice-2' }).getByRole('button', { name: 'Delete…' }).click();
  const form = page.getByRole('form', { name: 'Delete key alice-2' });
  await form.getByLabel(/^Type the key’s name, .+, to confirm$/).fill('alice-2');

  const other = await context.newPage();
  await other.goto(host.launchUrl);
  await switchTo(other, 'bob');
  await other.close();

  await form.getByRole('button', { name: 'Delete key' }).click();
  const refused = page.getByRole('alert').filter({ hasText: /The active profile changed from alice @ \S+ to bob @/ });
  await expect(refused).toContainText('after the key’s deletion was reviewed, so nothing was sent');
  await expect(page.getByRole('complementary').locator('strong').getByText('bob', { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/#\/api-keys$/);
  await screenshot(page, 'profile-switch-delete-refused');
  expect(Object.values(sb.state().apiKeys).map((k) => k.name)).toContain('alice-2');
  expect(sb.requests(500).filter((r) => r.method === 'DELETE')).toEqual([]);
});
