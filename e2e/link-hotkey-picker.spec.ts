import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeKey, publicJson, type TestKey as WalletKey } from '../electron/wallets/test-fixtures';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox } from './fixtures/sandbox';
import { useSandboxAndHost } from './fixtures/sandbox-host';
import { screenshot } from './fixtures/screenshots';

// The Link screen's hotkey picker keeps the hotkey the user previewed: a wallets list read again
// (after a failed link) that puts another hotkey first, or no longer holds the one picked, does not
// swap the hotkey under the preview or under the user's eyes.
const startSandboxAndHost = useSandboxAndHost();

async function writeHotkey(root: string, wallet: string, file: string, text: string): Promise<string> {
  const at = path.join(root, wallet, 'hotkeys', file);
  await fs.mkdir(path.dirname(at), { recursive: true, mode: 0o700 });
  await fs.writeFile(at, text, { mode: 0o600 });
  return at;
}
const hotkeyJson = (key: WalletKey) => JSON.stringify(key.json);

const openLinkScreen = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Link hotkey' }).click();

test('the picker stays on the previewed hotkey when the list is read again, and says when the one picked is gone', async ({
  page,
}) => {
  const { sb: sandbox, host } = await startSandboxAndHost();
  const [account, validator, newer, kept, publicOnly] = await Promise.all([
    makeKey(),
    makeKey(),
    makeKey(),
    makeKey(),
    makeKey(),
  ]);
  const alice = await registerInSandbox(sandbox.url, account.seed, 'alice');
  // The validator hotkey is not on the allow-list yet: the first link is refused and the preview stays.
  sandbox.setLink({ enabled: true, validators: [] });
  await writeHotkey(host.dirs.wallets, 'val', 'default', hotkeyJson(validator));
  // A wallet hotkey without a seed anywhere: not offered, and said why.
  await writeHotkey(host.dirs.wallets, 'spare', 'defaultpub.txt', publicJson(publicOnly));
  const config = path.join(host.dirs.home, 'alice.ini');
  await fs.writeFile(config, cliConfigText(sandbox.url, 'alice', alice.userId, account), { mode: 0o600 });
  // A seed the keychain holds for no wallet hotkey (imported from a file outside the wallets folder).
  const keptFile = await writeHotkey(path.join(host.dirs.home, 'elsewhere'), 'kept', 'default', hotkeyJson(kept));
  const rpc = async (channel: string, input: unknown) => {
    const res = await fetch(`${host.url}/rpc/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const answer = (await res.json()) as { ok: boolean };
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
  };
  await rpc('importHotkeyFile', { path: keptFile });

  await page.goto(host.launchUrl);
  await importCliConfig(page, config);
  await openLinkScreen(page);
  const form = page.getByRole('form', { name: 'Link a hotkey' });
  const picker = form.getByLabel('Hotkey to link');
  const shown = picker.locator('option:checked');
  await expect(shown).toHaveText(`val/default — ${validator.ss58}`);
  // The explanations describe the controls; they are not part of their names.
  await expect(form.getByRole('radio', { name: 'Validator', exact: true })).toHaveAccessibleDescription(
    'A validator hotkey on the server’s list of validators.',
  );
  const keep = form.getByRole('checkbox', {
    name: 'Also keep this hotkey in the keychain of the machine running Chutes Desktop',
    exact: true,
  });
  await expect(keep).toHaveAccessibleDescription(/^Off: its seed is read for this one signature/);
  await expect(form).toContainText('1 hotkey in the wallets folder cannot sign, so it is not offered: spare/default: ');

  // Previewed with the picker left on its first entry; a wallet that sorts first appears meanwhile.
  await form.getByRole('button', { name: 'Show what will be signed' }).click();
  const preview = form.getByRole('region', { name: 'What will be signed and sent' });
  await expect(preview.getByText(`${validator.ss58}:alice`, { exact: true })).toBeVisible();
  await writeHotkey(host.dirs.wallets, 'aaa', 'default', hotkeyJson(newer));
  await form.getByRole('button', { name: 'Sign and link as validator' }).click();
  await expect(form.getByRole('alert')).toContainText('it is not on the server’s allow-list');
  // The failed link read the list again: the new wallet is listed first, and the picker stays put.
  await expect(picker.locator('option').first()).toHaveText(`aaa/default — ${newer.ss58}`);
  await expect(shown).toHaveText(`val/default — ${validator.ss58}`);
  await expect(preview.getByText(`${validator.ss58}:alice`, { exact: true })).toBeVisible();
  // Signing again sends the hotkey previewed, not the one now first in the list.
  sandbox.setLink({ validators: [validator.ss58] });
  await form.getByRole('button', { name: 'Sign and link as validator' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Linked.' })).toContainText(
    `Validator hotkey ${validator.ss58} is now linked to alice.`,
  );
  expect(sandbox.state().users[alice.userId]?.validator_hotkey).toBe(validator.ss58);

  // The keychain-only seed is picked and previewed, then removed outside this screen.
  await page.getByRole('button', { name: 'Link another hotkey' }).click();
  const keptOption = picker.locator('option', { hasText: kept.ss58 });
  await picker.selectOption((await keptOption.getAttribute('value')) ?? '');
  await form.getByRole('button', { name: 'Show what will be signed' }).click();
  await expect(preview.getByText(`${kept.ss58}:alice`, { exact: true })).toBeVisible();
  await rpc('removeHotkeySeed', { hotkey: kept.ss58 });
  await form.getByRole('button', { name: 'Sign and link as validator' }).click();
  await expect(form.getByRole('alert')).toContainText(`The keychain no longer holds a seed for ${kept.ss58}.`);
  // Said, not replaced by another hotkey: nothing is picked, so nothing can be previewed.
  await expect(form.getByRole('status')).toHaveText(/^The hotkey you picked is no longer available/);
  await expect(shown).toHaveText('(the hotkey you picked is no longer available)');
  await expect(form.getByRole('button', { name: 'Show what will be signed' })).toBeDisabled();
  await expect(preview).toHaveCount(0);
  await screenshot(page, 'link-hotkey-picked-gone');
  // Picking another hotkey works as before.
  await picker.selectOption({ label: `aaa/default — ${newer.ss58}` });
  await expect(form.getByRole('status')).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Show what will be signed' })).toBeEnabled();
});
