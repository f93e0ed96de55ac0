import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox } from './fixtures/sandbox';
import { useSandboxAndHost } from './fixtures/sandbox-host';
import { screenshot } from './fixtures/screenshots';

const sandboxAndHost = useSandboxAndHost();

test("exporting over the same hotkey's account on another server names both servers, and says the CLI moved", async ({
  page,
}) => {
  const { sb: sandbox, host } = await sandboxAndHost();
  const key = await makeKey();
  const account = await registerInSandbox(sandbox.url, key.seed, 'bob');
  // The profile comes from a copy of the config for the sandbox; the CLI's own file is for the same
  // hotkey on the public server, as if registered there too.
  const copy = path.join(host.dirs.home, 'sandbox-config.ini');
  await fs.writeFile(copy, cliConfigText(sandbox.url, 'bob', account.userId, key), { mode: 0o600 });
  await fs.mkdir(path.dirname(host.dirs.configPath), { recursive: true });
  const publicFile = `${cliConfigText('https://api.chutes.ai', 'bob', 'public-user-id', key)}\n[payment]\naddress = 5PublicPaymentAddress\n`;
  await fs.writeFile(host.dirs.configPath, publicFile, { mode: 0o600 });

  await page.goto(host.launchUrl);
  await importCliConfig(page, copy);
  const profile = page.getByRole('listitem', { name: /^Profile bob @ / });
  await profile.getByRole('button', { name: /^Export for CLI: / }).click();
  const exportForm = page.getByRole('form', { name: /^Export bob @ / });
  await exportForm.getByLabel(/Include the hotkey seed in plain text/).check();
  await exportForm.getByRole('button', { name: 'Export with seed' }).click();
  const question = exportForm.getByText(/A file already exists at/);
  await expect(question).toContainText(
    `with the account bob, ${key.ss58} on https://api.chutes.ai. Replace it with the account on ${sandbox.url}?`,
  );
  await screenshot(page, 'accounts-export-other-server');
  await exportForm.getByRole('button', { name: 'Replace the file' }).click();

  const done = page.getByRole('status').filter({ hasText: 'Wrote' });
  await expect(done).toContainText('replaced the account on another server that the file held');
  await expect(done).toContainText(`The chutes CLI now uses ${sandbox.url} (it used https://api.chutes.ai).`);
  await expect(done).toContainText('This is the file the chutes CLI reads');
  await expect(done).not.toContainText('CHUTES_CONFIG_PATH');
  await screenshot(page, 'accounts-export-other-server-done');
  const written = await fs.readFile(host.dirs.configPath, 'utf8');
  expect(written).toContain(`base_url = ${sandbox.url}`);
  expect(written).toContain(`user_id = ${account.userId}`);
});
