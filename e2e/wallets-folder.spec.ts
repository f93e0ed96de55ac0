import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

let hosts: RunningWebHost[] = [];
test.afterEach(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  hosts = [];
});

const start = async (options: Parameters<typeof startWebHost>[0]) => {
  const host = await startWebHost(options);
  hosts.push(host);
  return host;
};

test('a user who cannot set BT_WALLET_PATH chooses the wallets folder in the app, and it is kept', async ({ page }) => {
  // Started as from a menu: no BT_WALLET_PATH, so the app looks in btcli's default, which is empty here.
  const host = await start({ unset: ['BT_WALLET_PATH'] });
  const elsewhere = path.join(host.dirs.home, 'backup', 'wallets');
  await writeWalletTree(elsewhere);
  await fs.writeFile(path.join(host.dirs.home, 'a-file'), 'not a folder');
  await page.goto(host.launchUrl);
  const wallets = page.getByRole('region', { name: 'Wallets' });
  await expect(wallets).toContainText(`${path.join(host.dirs.home, '.bittensor', 'wallets')} (btcli’s default)`);
  await expect(wallets).toContainText('choose their folder with “Change folder…” above');

  await wallets.getByRole('button', { name: 'Change folder…' }).click();
  const form = wallets.getByRole('form', { name: 'Change the wallets folder' });
  const field = form.getByLabel('Wallets folder', { exact: true });
  // Refused with a reason, and what was typed stays.
  for (const [typed, said] of [
    ['backup/wallets', 'Enter the full path of the folder'],
    ['~/nowhere', `There is no folder at ${path.join(host.dirs.home, 'nowhere')}.`],
    ['~/a-file', 'is a file, not a folder.'],
    // One wallet's own folder: its hotkeys/ would be listed as a wallet named "hotkeys".
    [
      '~/backup/wallets/alpha',
      `${path.join(elsewhere, 'alpha')} is the wallet “alpha” itself (it holds coldkeypub.txt and hotkeys/), not the folder of wallets.`,
    ],
  ] as const) {
    await field.fill(typed);
    await form.getByRole('button', { name: 'Use this folder' }).click();
    await expect(form.getByRole('alert')).toContainText(said);
    await expect(field).toHaveValue(typed);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  await screenshot(page, 'wallets-folder-refused');
  await field.fill('~/backup/wallets/alpha');
  await form.getByRole('button', { name: 'Use this folder' }).click();
  await expect(form.getByRole('alert')).toContainText(`Choose the folder that holds it: ${elsewhere}`);
  await expect(field).toHaveValue('~/backup/wallets/alpha');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'wallets-folder-single-wallet');
  // Leaving the screen half-way loses nothing typed.
  await field.fill('~/backup/wall');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Profiles & hotkeys' }).click();
  await wallets.getByRole('button', { name: 'Change folder…' }).click();
  await expect(field).toHaveValue('~/backup/wall');
  await field.fill('~/backup/wallets');
  await form.getByRole('button', { name: 'Use this folder' }).click();
  await expect(wallets.getByRole('status')).toContainText(`Wallets are now looked for in ${elsewhere}`);
  await expect(wallets.getByRole('article', { name: 'Wallet alpha' })).toBeVisible();
  await expect(wallets).toContainText(`${elsewhere} (chosen in this app)`);
  await screenshot(page, 'wallets-folder-chosen');

  // Kept, and shared: another app on the same data folder (the desktop window, say) looks there too,
  // and its Settings says why.
  const again = await start({
    unset: ['BT_WALLET_PATH'],
    env: { HOME: host.dirs.home, CHUTES_DESKTOP_DATA_DIR: host.dirs.data },
  });
  await page.goto(again.launchUrl);
  await expect(page.getByRole('article', { name: 'Wallet alpha' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText(`${elsewhere} (chosen on Profiles & hotkeys)`)).toBeVisible();

  // And back to the default.
  await page.getByRole('link', { name: 'Profiles & hotkeys' }).click();
  await page.getByRole('button', { name: 'Change folder…' }).click();
  await page.getByRole('button', { name: 'Use the default folder' }).click();
  const wallets2 = page.getByRole('region', { name: 'Wallets' });
  await expect(wallets2.getByRole('status')).toContainText('(the default, where btcli keeps them)');
  await wallets2.getByRole('status').getByRole('button', { name: 'Dismiss' }).click();
  await expect(wallets2).toContainText('This wallets folder does not exist.');
});

test('with BT_WALLET_PATH set the folder is not offered for change, and the way to change it is said', async ({
  page,
}) => {
  const host = await start({});
  await page.goto(host.launchUrl);
  const wallets = page.getByRole('region', { name: 'Wallets' });
  await expect(wallets).toContainText(`${host.dirs.wallets} (from BT_WALLET_PATH)`);
  await expect(wallets.getByRole('button', { name: 'Change folder…' })).toHaveCount(0);
  await expect(wallets).toContainText('start the app with another BT_WALLET_PATH');
});

test('a chosen folder whose file cannot be read is said to be not used, with why, not shown as the default', async ({
  page,
}) => {
  const host = await start({ unset: ['BT_WALLET_PATH'] });
  // Edited by hand and left broken: the default is used meanwhile, but the choice is not silently gone.
  const file = path.join(host.dirs.data, 'wallets-folder.json');
  await fs.writeFile(file, '{"folder": "/home/me/wall', { mode: 0o600 });
  await page.goto(host.launchUrl);
  const wallets = page.getByRole('region', { name: 'Wallets' });
  const defaultPath = path.join(host.dirs.home, '.bittensor', 'wallets');
  await expect(wallets).toContainText(
    `${defaultPath} (btcli’s default, as the folder chosen in this app cannot be read)`,
  );
  await expect(wallets).toContainText(`The wallets folder chosen in this app is not used: ${file} is not valid JSON.`);
  await screenshot(page, 'wallets-folder-unreadable');
  await page.getByRole('link', { name: 'Settings' }).click();
  const config = page.getByRole('region', { name: 'Configuration' });
  await expect(config).toContainText(
    `${defaultPath} (default, as the folder chosen on Profiles & hotkeys cannot be read) · ${file} is not valid JSON`,
  );
  await screenshot(page, 'settings-wallets-folder-unreadable');
});
