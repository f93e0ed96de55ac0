import fs from 'node:fs/promises';
import path from 'node:path';
import { keychainOnly } from './fixtures/accounts-page';
import { expect, test } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { registerInSandbox, startSandbox, type SandboxHandle } from './fixtures/sandbox';
import { screenshot } from './fixtures/screenshots';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

let host: RunningWebHost | undefined;
let sandbox: SandboxHandle | undefined;

test.afterEach(async () => {
  await host?.stop();
  await sandbox?.close();
  host = sandbox = undefined;
});

test('import the CLI config (stripping its seed), sign with it, and export it back for the CLI', async ({ page }) => {
  sandbox = await startSandbox({ port: 0 });
  host = await startWebHost({ env: { CHUTES_API_URL: sandbox.url } });
  const key = await makeKey();
  const seedHex = Buffer.from(key.seed).toString('hex');
  const account = await registerInSandbox(sandbox.url, key.seed, 'bob');
  await fs.mkdir(path.dirname(host.dirs.configPath), { recursive: true });
  const original = [
    '[api]',
    `base_url = ${sandbox.url}`,
    '',
    '[auth]',
    'username = bob',
    `user_id = ${account.userId}`,
    `hotkey_seed = ${seedHex}`,
    'hotkey_name = default',
    `hotkey_ss58address = ${key.ss58}`,
    '',
    '[payment]',
    `address = ${account.paymentAddress}`,
    '',
    '[custom]',
    'kept = yes',
    '',
  ].join('\n');
  await fs.writeFile(host.dirs.configPath, original, { mode: 0o600 });

  await page.goto(host.launchUrl);
  await page.getByRole('button', { name: 'Import CLI config…' }).click();
  const form = page.getByRole('form', { name: 'Import CLI config' });
  await expect(form.getByLabel('CLI config file')).toHaveValue(host.dirs.configPath);
  await expect(
    form.getByText(/This is where the chutes CLI keeps its config \(from CHUTES_CONFIG_PATH\)/),
  ).toBeVisible();
  await form.getByLabel(/Remove the seed from the CLI config/).check();
  await screenshot(page, 'accounts-import-cli-config');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    'The hotkey seed is now in the system keychain.',
  );

  const stripped = await fs.readFile(host.dirs.configPath, 'utf8');
  expect(stripped).not.toContain('hotkey_seed');
  expect(stripped).toContain(`hotkey_ss58address = ${key.ss58}`);
  expect(stripped).toContain('[custom]\nkept = yes');

  const profile = page.getByRole('listitem', { name: /^Profile bob @ / });
  await expect(profile.getByText('Active')).toBeVisible();
  // The import notice keeps its distance from the profile below it (its button once touched the card),
  // and its Dismiss is inside it, as on the frame's banners.
  const imported = page.getByRole('status').filter({ hasText: 'Imported' });
  const notice = await imported.boundingBox();
  await expect(imported.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toHaveCount(0);
  const card = await profile.boundingBox();
  expect(card!.y - (notice!.y + notice!.height)).toBeGreaterThanOrEqual(8);
  await expect(profile.getByText('Seed in keychain')).toBeVisible();

  // Listed as in the keychain only, with when it was added (seeds imported from elsewhere are
  // often all named "default").
  const stored = page.getByRole('listitem', { name: `Hotkey ${keychainOnly('default', key.ss58)}` });
  await expect(stored).toContainText('default (no file here)');
  await expect(stored).toContainText(/added \w{3} \d{1,2}, \d{4}/);
  await expect(stored).toContainText(/used by profile bob @ /);

  // The imported seed signs: look the account up from the keychain-only list.
  await page.getByRole('button', { name: `Look up account: ${keychainOnly('default', key.ss58)}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered on' })).toContainText(
    `as bob (user ID ${account.userId})`,
  );

  // The seed was stripped from the CLI config: the keychain holds the only copy the app knows of,
  // so removing it asks for proof of a backup.
  await page.getByRole('button', { name: `Remove from keychain: ${keychainOnly('default', key.ss58)}` }).click();
  // The earlier look-up result does not linger under the removal question.
  await expect(page.getByRole('status').filter({ hasText: 'Registered on' })).toHaveCount(0);
  const confirm = page.getByRole('group', { name: `Remove the seed of default (${key.ss58})`, exact: true });
  await expect(confirm).toContainText('This may be the only copy of the seed.');
  await expect(confirm).toContainText(
    /Profiles that sign with this hotkey will stop working until the seed is back: bob @ /,
  );
  await expect(confirm.getByRole('button', { name: 'Remove seed' })).toBeDisabled();
  await screenshot(page, 'accounts-remove-only-copy');
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  // Export with the seed to the CLI's own path: it exists, so the app asks before replacing.
  await profile.getByRole('button', { name: /^Export for CLI: / }).click();
  // One action's notice at a time: the import's summary gives way to the export.
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveCount(0);
  const exportForm = page.getByRole('form', { name: /^Export bob @ / });
  await exportForm.getByRole('button', { name: 'Export' }).click();
  await expect(exportForm.getByText(/A file already exists at/)).toBeVisible();
  await exportForm.getByLabel(/Include the hotkey seed in plain text/).check();
  await expect(exportForm.getByText(/will contain the hotkey seed in plain text/)).toBeVisible();
  await screenshot(page, 'accounts-export-with-seed');
  await exportForm.getByRole('button', { name: 'Export with seed' }).click();
  await exportForm.getByRole('button', { name: 'Replace the file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Wrote' })).toContainText('replaced the file that was there');

  const exported = await fs.readFile(host.dirs.configPath, 'utf8');
  expect(exported).toContain(`hotkey_seed = ${seedHex}`);
  expect(exported).toContain('[custom]\nkept = yes');
  expect((await fs.stat(host.dirs.configPath)).mode & 0o777).toBe(0o600);

  // Now the CLI config holds the seed again, and the removal question says so instead.
  await page.getByRole('button', { name: `Remove from keychain: ${keychainOnly('default', key.ss58)}` }).click();
  const copies = confirm.getByRole('list', { name: 'Config files holding this seed' });
  await expect(copies.getByRole('listitem')).toHaveText([
    new RegExp(`^${host.dirs.configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(exported by the app .+\\)$`),
  ]);
  await expect(confirm).toContainText('Removing the seed from the keychain does not touch it');
  await expect(confirm).not.toContainText('may be the only copy');
  await expect(confirm.getByLabel(/I have another copy of this seed/)).toHaveCount(0);
  await screenshot(page, 'accounts-remove-seed-exported-copy');
  // The file loses its seed while the question is open (the CLI, an editor, the other window):
  // the removal it was counting on is refused, and the question says so.
  await fs.writeFile(host.dirs.configPath, exported.replace(/^hotkey_seed = .*\n/m, ''));
  await confirm.getByRole('button', { name: 'Remove seed' }).click();
  await expect(confirm.getByRole('alert')).toContainText(
    `${host.dirs.configPath} no longer holds this seed, so it was not removed from the keychain.`,
  );
  await expect(confirm.getByRole('alert')).toContainText('No other copy was found when they were looked for again.');
  await expect(confirm).toContainText('This may be the only copy of the seed.');
  await expect(profile.getByText('Seed in keychain')).toBeVisible();
  await screenshot(page, 'accounts-remove-seed-copy-gone');
  await confirm.getByLabel(/I have another copy of this seed/).check();
  await confirm.getByRole('button', { name: 'Remove seed' }).click();
  await expect(profile.getByText('Seed missing from keychain')).toBeVisible();
});

test('a config whose seed does not match its address is refused, and nothing changes', async ({ page }) => {
  host = await startWebHost();
  const [a, b] = await Promise.all([makeKey(), makeKey()]);
  await fs.mkdir(path.dirname(host.dirs.configPath), { recursive: true });
  const text = `[api]\nbase_url = http://127.0.0.1:9\n\n[auth]\nusername = eve\nuser_id = 00000000-0000-0000-0000-000000000000\nhotkey_seed = ${Buffer.from(a.seed).toString('hex')}\nhotkey_name = default\nhotkey_ss58address = ${b.ss58}\n`;
  await fs.writeFile(host.dirs.configPath, text, { mode: 0o600 });
  await page.goto(host.launchUrl);
  await page.getByRole('button', { name: 'Import CLI config…' }).click();
  const form = page.getByRole('form', { name: 'Import CLI config' });
  await form.getByLabel(/Remove the seed from the CLI config/).check();
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.getByRole('alert')).toContainText(
    `hotkey_seed belongs to ${a.ss58}, but hotkey_ss58address says ${b.ss58}. Nothing was imported.`,
  );
  expect(await fs.readFile(host.dirs.configPath, 'utf8')).toBe(text);
  await expect(form.getByLabel('CLI config file')).toHaveValue(host.dirs.configPath);
  // The empty list's advice ("import the CLI's config above") waits until the form is closed.
  await expect(page.getByText(/No profiles yet\./)).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/No profiles yet\./)).toBeVisible();
});

test('a CLI config that others can read is flagged, and one click makes it private', async ({ page }) => {
  host = await startWebHost();
  const key = await makeKey();
  await fs.mkdir(path.dirname(host.dirs.configPath), { recursive: true });
  const text = `[auth]\nusername = carol\nuser_id = 00000000-0000-0000-0000-000000000001\nhotkey_seed = ${Buffer.from(key.seed).toString('hex')}\nhotkey_name = default\nhotkey_ss58address = ${key.ss58}\n`;
  await fs.writeFile(host.dirs.configPath, text);
  await fs.chmod(host.dirs.configPath, 0o644);
  await page.goto(host.launchUrl);
  const warning = page.getByText('Your chutes CLI config can be read by other users of this machine.');
  await expect(warning).toBeVisible();
  await expect(page.getByText(/holds your hotkey seed in plain text and its permissions are 0644/)).toBeVisible();
  await screenshot(page, 'accounts-cli-config-too-open');
  await page.getByRole('button', { name: 'Make private (0600)' }).click();
  await expect(warning).toHaveCount(0);
  expect((await fs.stat(host.dirs.configPath)).mode & 0o777).toBe(0o600);
  expect(await fs.readFile(host.dirs.configPath, 'utf8')).toBe(text);
});

test('a CLI config on a plain-HTTP server elsewhere is imported with that said, on the card and in the notice', async ({
  page,
}) => {
  host = await startWebHost();
  const key = await makeKey();
  await fs.mkdir(path.dirname(host.dirs.configPath), { recursive: true });
  const text = `[api]\nbase_url = http://chutes.lan:8000\n\n[auth]\nusername = dora\nuser_id = 00000000-0000-0000-0000-000000000002\nhotkey_seed = ${Buffer.from(key.seed).toString('hex')}\nhotkey_name = default\nhotkey_ss58address = ${key.ss58}\n`;
  await fs.writeFile(host.dirs.configPath, text, { mode: 0o600 });
  await page.goto(host.launchUrl);
  await page.getByRole('button', { name: 'Import CLI config…' }).click();
  await page.getByRole('form', { name: 'Import CLI config' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    'Its server, http://chutes.lan:8000, is not encrypted',
  );
  await expect(page.getByRole('listitem', { name: /^Profile dora @ / })).toContainText('http://chutes.lan:8000');
});
