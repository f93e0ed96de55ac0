import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { registerInSandbox } from './fixtures/sandbox';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { useSandboxAndHost } from './fixtures/sandbox-host';
import { screenshot } from './fixtures/screenshots';

// Money moves only from the account it was reviewed for: two windows on one app (here two pages on
// one web host), a transfer reviewed in one, the active profile switched in the other.
const startSandboxAndHost = useSandboxAndHost();

test('a transfer reviewed before another window switched the profile is refused, and the refusal stays on screen', async ({
  page,
  context,
}) => {
  const { sb, host } = await startSandboxAndHost();
  await page.goto(host.launchUrl);
  const ids: Record<string, string> = {};
  for (const name of ['alice', 'bob']) {
    const key = await makeKey();
    const { userId } = await registerInSandbox(sb.url, key.seed, name);
    ids[name] = userId;
    const file = path.join(host.dirs.home, `${name}.ini`);
    await fs.writeFile(file, cliConfigText(sb.url, name, userId, key), { mode: 0o600 });
    await importCliConfig(page, file);
  }
  const sidebar = page.getByRole('complementary');
  await sidebar.getByLabel('Switch profile').selectOption({ label: 'alice' });
  await expect(sidebar.locator('strong').getByText('alice', { exact: true })).toBeVisible();
  sb.setBalance(ids.alice ?? '', 10);
  await registerInSandbox(sb.url, (await makeKey()).seed, 'carol');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account', exact: true }).click();
  // The sections above have loaded (nothing moves under the clicks below).
  await expect(page.getByRole('region', { name: 'Overview' }).getByLabel('Balance')).toHaveText('$10.00 USD');
  const section = page.getByRole('region', { name: 'Balance transfers' });
  const form = section.getByRole('form', { name: 'Transfer balance' });
  await form.getByLabel('To (username or user ID)').fill('carol');
  await form.getByLabel('Amount (USD)').fill('4');
  await form.getByRole('button', { name: 'Review transfer…' }).click();
  const confirm = section.getByRole('form', { name: 'Confirm the transfer' });
  await expect(confirm).toContainText('Send $4.00 to carol?');

  // The other window makes bob active.
  const other = await context.newPage();
  await other.goto(host.launchUrl);
  await other.getByRole('complementary').getByLabel('Switch profile').selectOption({ label: 'bob' });
  await expect(other.getByRole('complementary').locator('strong').getByText('bob', { exact: true })).toBeVisible();
  await other.close();

  await confirm.getByRole('button', { name: 'Send now' }).click();
  const refused = page.getByRole('alert').filter({ hasText: /The active profile changed from alice @ \S+ to bob @/ });
  await expect(refused).toContainText('after the transfer to carol was reviewed, so nothing was sent');
  // The screen follows the profile now active; the refusal stays until dismissed.
  await expect(sidebar.locator('strong').getByText('bob', { exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Confirm the transfer' })).toHaveCount(0);
  // Dismiss sits beside the message, not alone on a line of its own below it.
  const dismiss = await refused.getByRole('button', { name: 'Dismiss' }).boundingBox();
  const message = await refused.locator('.dismissible-text').boundingBox();
  expect(dismiss!.x).toBeGreaterThan(message!.x + message!.width);
  expect(dismiss!.y).toBeLessThan(message!.y + message!.height);
  await screenshot(page, 'account-transfer-profile-changed');
  expect(sb.users().find((u) => u.user_id === ids.alice)?.balance).toBe(10);
  await refused.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toHaveCount(0);
});
