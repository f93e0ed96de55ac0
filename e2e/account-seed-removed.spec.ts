import { keychainOnly } from './fixtures/accounts-page';
import { expect, test } from '@playwright/test';
import { useAccountWorld } from './fixtures/account-world';
import { screenshot } from './fixtures/screenshots';

// What the Account screen read with a seed is not shown once the seed has left the keychain: the
// answers stay cached (a disabled query keeps them), and under "not shown until its seed is in the
// keychain" an old balance would read as the current one.
const { world, openAccount } = useAccountWorld();

test('after the seed is removed on Profiles & hotkeys, the Account screen shows no old balance, quotas or usage', async ({
  page,
}) => {
  const w = await world(page);
  w.sb.setBalance(w.userId, 12.5);
  w.sb.setQuotas(w.userId, [{ chute_id: '*', quota: 2000 }]);
  w.sb.addUsage(w.userId, [
    {
      bucket: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString().slice(0, 19),
      amount: 0.42,
      count: 12,
    },
  ]);
  await openAccount(page);
  const overview = page.getByRole('region', { name: 'Overview' });
  const limits = page.getByRole('region', { name: 'Quotas and subscription' });
  const usage = page.getByRole('region', { name: 'Usage' });
  await expect(overview.getByLabel('Balance')).toHaveText('$12.50 USD');
  await expect(limits.getByRole('table', { name: 'Quotas' })).toContainText('2,000');
  await expect(usage.getByLabel('Usage totals')).toContainText('$0.42');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles & hotkeys' }).click();
  const item = page.getByRole('listitem', { name: `Hotkey ${keychainOnly('default', w.key.ss58)}` });
  await item.getByRole('button', { name: `Remove from keychain: ${keychainOnly('default', w.key.ss58)}` }).click();
  // The imported file still holds the seed, and the question names it: no other copy to vouch for.
  await expect(item.getByRole('list', { name: 'Config files holding this seed' })).toBeVisible();
  await item.getByRole('button', { name: 'Remove seed' }).click();
  await expect(item).toHaveCount(0);

  await openAccount(page);
  await expect(
    page.getByText(`The keychain does not hold the seed of hotkey “default” (${w.key.ss58}).`),
  ).toBeVisible();
  await expect(overview).toContainText('not shown until its seed is in the keychain');
  await expect(overview.getByLabel('Balance')).toHaveCount(0);
  await expect(overview).not.toContainText('$12.50');
  await expect(limits).toContainText('Needs the hotkey seed in the keychain');
  await expect(limits.getByRole('table', { name: 'Quotas' })).toHaveCount(0);
  await expect(usage.getByLabel('Usage totals')).toHaveCount(0);
  await expect(usage).not.toContainText('$0.42');
  // The transfer form does not offer "at least $12.50" from the old figure either.
  await expect(page.getByRole('region', { name: 'Balance transfers' })).not.toContainText('$12.50');
  await screenshot(page, 'account-seed-removed');
});
