import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox } from './fixtures/sandbox';
import { useSandboxAndHost } from './fixtures/sandbox-host';
import { screenshot } from './fixtures/screenshots';

const start = useSandboxAndHost();

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

test('what is typed into a Profiles & hotkeys panel survives another panel and another screen; Cancel and a save clear it', async ({
  page,
}) => {
  const { sb, host } = await start();
  await page.goto(host.launchUrl);
  const key = await makeKey();
  const { userId } = await registerInSandbox(sb.url, key.seed, 'bob');
  const file = path.join(host.dirs.home, 'bob.ini');
  await fs.writeFile(file, cliConfigText(sb.url, 'bob', userId, key), { mode: 0o600 });
  await importCliConfig(page, file);

  const profile = page.getByRole('listitem', { name: /^Profile bob @ / });
  const importForm = page.getByRole('form', { name: 'Import CLI config' });
  const exportForm = page.getByRole('form', { name: /^Export bob @ / });
  const renameForm = page.getByRole('form', { name: /^Rename bob @ / });
  const fileForm = page.getByRole('form', { name: 'Add a hotkey file' });
  const exportPath = path.join(host.dirs.home, 'for-the-cli.ini');

  // Four panels, each half-filled and then left by opening the next one.
  await page.getByRole('button', { name: 'Import CLI config…' }).click();
  await importForm.getByLabel('CLI config file').fill('/srv/validator/chutes/config.ini');
  await importForm.getByLabel(/Remove the seed from the CLI config/).check();
  await profile.getByRole('button', { name: /^Export for CLI: / }).click();
  await expect(importForm).toHaveCount(0);
  await exportForm.getByLabel('Write to').fill(exportPath);
  await exportForm.getByLabel(/Include the hotkey seed in plain text/).check();
  await profile.getByRole('button', { name: /^Rename: / }).click();
  await expect(exportForm).toHaveCount(0);
  await renameForm.getByLabel('Profile name').fill('  bob (validator)  ');
  await page.getByRole('button', { name: 'Add a hotkey file…' }).click();
  await fileForm.getByLabel(/Hotkey file/).fill('/srv/backup/hotkeys/default');

  // Another screen and back: the Profiles & hotkeys screen is new, the drafts are not.
  await nav(page, 'Settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await nav(page, 'Profiles & hotkeys');
  // Both lists loaded, so nothing moves under the next click.
  await expect(profile).toBeVisible();
  await expect(page.getByRole('heading', { name: 'In the keychain only' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a hotkey file…' }).click();
  await expect(fileForm.getByLabel(/Hotkey file/)).toHaveValue('/srv/backup/hotkeys/default');
  await page.getByRole('button', { name: 'Import CLI config…' }).click();
  await expect(importForm.getByLabel('CLI config file')).toHaveValue('/srv/validator/chutes/config.ini');
  await expect(importForm.getByLabel(/Remove the seed from the CLI config/)).toBeChecked();
  await profile.getByRole('button', { name: /^Export for CLI: / }).click();
  await expect(exportForm.getByLabel('Write to')).toHaveValue(exportPath);
  // The seed in plain text is a yes given each time, never remembered.
  await expect(exportForm.getByLabel(/Include the hotkey seed in plain text/)).not.toBeChecked();
  await screenshot(page, 'accounts-draft-kept');

  // Cancel means "forget it": the form opens as new.
  await exportForm.getByRole('button', { name: 'Cancel' }).click();
  await profile.getByRole('button', { name: /^Export for CLI: / }).click();
  await expect(exportForm.getByLabel('Write to')).toHaveValue(host.dirs.configPath);
  await expect(exportForm.getByLabel(/Include the hotkey seed in plain text/)).not.toBeChecked();

  // A save uses the draft and drops it: the form opens with the name as saved (trimmed), not as typed.
  await profile.getByRole('button', { name: /^Rename: / }).click();
  await expect(renameForm.getByLabel('Profile name')).toHaveValue('  bob (validator)  ');
  await renameForm.getByRole('button', { name: 'Save name' }).click();
  const renamed = page.getByRole('listitem', { name: 'Profile bob (validator)' });
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: /^Rename: / }).click();
  await expect(page.getByRole('form', { name: 'Rename bob (validator)' }).getByLabel('Profile name')).toHaveValue(
    'bob (validator)',
  );
});
