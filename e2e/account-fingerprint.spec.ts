import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { useAccountWorld } from './fixtures/account-world';
import { screenshot } from './fixtures/screenshots';

// The Account screen's fingerprint operations against the sandbox: the dashboard login, a fingerprint
// change, a move to another hotkey and the account's deletion.
const { world, openAccount } = useAccountWorld();

test('fingerprint operations: dashboard, change fingerprint, move to another hotkey, delete', async ({ page }) => {
  const w = await world(page);
  const second = await makeKey();
  const hotkeyFile = path.join(w.host.dirs.home, 'second-hotkey');
  await fs.writeFile(hotkeyFile, JSON.stringify(second.json), { mode: 0o600 });
  await page.getByRole('button', { name: 'Add a hotkey file…' }).click();
  const addForm = page.getByRole('form', { name: 'Add a hotkey file' });
  await addForm.getByRole('textbox').fill(hotkeyFile);
  await addForm.getByRole('button', { name: 'Add to keychain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is now in the system keychain' })).toBeVisible();
  await openAccount(page);
  const ops = page.getByRole('region', { name: 'Login and account' });
  // The sections above load and grow: a click aimed at a button below them while they do can land
  // elsewhere, so the clicks wait for them.
  await expect(page.getByText(/^Reading (the account|quotas and subscription|usage)…$/)).toHaveCount(0);
  // Side by side, the cards' buttons sit level although their texts differ in length.
  const tops = await ops
    .getByRole('button', { name: /^(Open dashboard|Change fingerprint|Move to another hotkey|Delete the account)…$/ })
    .evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
  expect(tops).toHaveLength(4);
  expect(tops[0]).toBe(tops[1]);
  expect(tops[2]).toBe(tops[3]);

  // The sandbox has no /idp: the app says so instead of opening a dead page.
  await ops.getByRole('button', { name: 'Open dashboard…' }).click();
  await expect(ops).toContainText('one-time login');
  await ops.getByRole('button', { name: 'Open dashboard' }).click();
  await expect(ops.getByRole('status')).toContainText('does not offer the browser login');
  await ops.getByRole('button', { name: 'Dismiss' }).click();
  // Where the server has it, the signed login opens in the browser and the server logs it in (302 + cookie).
  w.sb.setIdp(true);
  const popup = page.waitForEvent('popup');
  await ops.getByRole('button', { name: 'Open dashboard…' }).click();
  await ops.getByRole('button', { name: 'Open dashboard' }).click();
  await expect(ops.getByRole('status')).toContainText('Opening the dashboard in your browser, logged in.');
  await (await popup).close();
  await expect.poll(() => w.sb.requests(50).find((r) => r.path === '/idp/cli_login')?.status).toBe(302);
  await ops.getByRole('button', { name: 'Dismiss' }).click();

  // Change the fingerprint with the hotkey (old one not needed) and keep it in the keychain.
  await ops.getByRole('button', { name: 'Change fingerprint…' }).click();
  const refinger = ops.getByRole('form', { name: 'Change fingerprint' });
  await refinger.getByLabel('New fingerprint', { exact: true }).fill('correct-horse-42');
  await refinger.getByLabel('New fingerprint again').fill('correct-horse-4');
  await refinger.getByRole('button', { name: 'Change fingerprint' }).click();
  await expect(refinger.getByRole('alert')).toHaveText('The two entries differ.');
  // Said under the field it is about, which is marked invalid and named by it.
  await expect(refinger.getByLabel('New fingerprint again')).toHaveAttribute('aria-invalid', 'true');
  await expect(refinger.getByLabel('New fingerprint again')).toHaveAccessibleDescription('The two entries differ.');
  await refinger.getByLabel('New fingerprint again').fill('correct-horse-42');
  await expect(refinger.getByRole('alert')).toHaveCount(0);
  await refinger.getByLabel('Keep the new fingerprint in the keychain').check();
  await refinger.getByRole('button', { name: 'Change fingerprint' }).click();
  await expect(ops.getByRole('status')).toContainText('Fingerprint changed. The new one is kept in the keychain.');
  await ops.getByRole('button', { name: 'Dismiss' }).click();
  await expect(ops).toContainText('A fingerprint for this account is kept in the keychain.');

  // Move to the second hotkey, authorised by the kept fingerprint.
  await ops.getByRole('button', { name: 'Move to another hotkey…' }).click();
  const move = ops.getByRole('form', { name: 'Move to another hotkey' });
  await expect(move).toContainText('Uses the fingerprint kept in the keychain.');
  await move.getByRole('button', { name: 'Bind to the new hotkey' }).click();
  await expect(move.getByLabel('New hotkey')).toHaveAccessibleDescription('Choose the hotkey to move to.');
  await expect(move.getByLabel('New hotkey')).toHaveAttribute('aria-invalid', 'true');
  await move.getByLabel('New hotkey').selectOption(second.ss58);
  // Choosing one answers the problem: it is not left saying "Choose the hotkey" beside a chosen one.
  await expect(move.getByText('Choose the hotkey to move to.')).toHaveCount(0);
  await expect(move.getByLabel('New hotkey')).not.toHaveAttribute('aria-invalid', 'true');
  // The button names the hotkey the account goes to.
  await expect(move.getByRole('button', { name: 'Bind to second-hotkey' })).toBeVisible();
  await screenshot(page, 'account-move-hotkey');
  await move.getByRole('button', { name: 'Bind to second-hotkey' }).click();
  await expect(ops.getByRole('status')).toContainText(`(${second.ss58})`);
  expect(w.sb.users()[0]?.hotkey).toBe(second.ss58);
  await ops.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('region', { name: 'Overview' })).toContainText(second.ss58);

  // Delete: typed username; the server's refusal (balance outside ±25) is shown, then it goes.
  w.sb.setBalance(w.userId, 100);
  await ops.getByRole('button', { name: 'Delete the account…' }).click();
  const del = ops.getByRole('form', { name: 'Delete the account' });
  // The opened card takes the full width, and the Hotkey card left alone on the row above fills it too.
  const cardWidth = async (name: string) =>
    (await ops.getByRole('group', { name, exact: true }).boundingBox())?.width ?? 0;
  expect(await cardWidth('Hotkey')).toBeCloseTo(await cardWidth('Delete account'), 0);
  expect(await cardWidth('Web dashboard')).toBeLessThan((await cardWidth('Delete account')) * 0.6);
  // Typing another one can be taken back: the kept one is one click away.
  await del.getByRole('button', { name: 'Type another' }).click();
  // No "remember" offer on a form that ends the account.
  await expect(del.getByRole('checkbox')).toHaveCount(0);
  await del.getByRole('button', { name: 'Use the kept one' }).click();
  await expect(del).toContainText('Uses the fingerprint kept in the keychain.');
  await del.getByRole('button', { name: 'Type another' }).click();
  await del.getByLabel('Account fingerprint').fill('wrong-fingerprint');
  await del.getByLabel('Type the username to confirm').fill('Alice');
  await expect(del.getByRole('button', { name: 'Delete the account' })).toBeDisabled();
  await del.getByLabel('Type the username to confirm').fill('alice');
  await del.getByRole('button', { name: 'Delete the account' }).click();
  await expect(del.getByRole('alert')).toContainText('Chutes did not accept that fingerprint.');
  await del.getByLabel('Account fingerprint').fill('correct-horse-42');
  await del.getByRole('button', { name: 'Delete the account' }).click();
  await expect(del.getByRole('alert')).toContainText(
    'it deletes accounts only while the balance is within ±$25.00, and this one holds $100.00',
  );
  // Said on the Account screen, beside a button to the transfers: not "go to the Account screen".
  await expect(del.getByRole('alert')).toContainText('Transfer at least $75.00 to another user, then try again.');
  await expect(del).toContainText('a balance beyond ±$25.00,');
  // The overview is read again, so the balance beside the refusal is the one the server judged.
  await expect(page.getByRole('region', { name: 'Overview' })).toContainText('$100.00');
  await expect(page.getByRole('button', { name: 'Refreshing…' })).toHaveCount(0);
  await screenshot(page, 'account-delete-refused');
  // The refusal's fix is made on this screen: a button takes the focus there.
  await del.getByRole('button', { name: 'Go to Balance transfers' }).click();
  await expect(page.getByRole('heading', { name: 'Balance transfers' })).toBeFocused();
  w.sb.setBalance(w.userId, 0);
  await del.getByRole('button', { name: 'Delete the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toBeVisible();
  await expect(page.getByText('No profile is active.')).toBeVisible();
  expect(w.sb.users()).toHaveLength(0);
  await screenshot(page, 'account-deleted');

  // Activity names the account each fingerprint call was for, and the server it went to.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const calls = page.getByRole('table', { name: 'Signed calls' });
  const ends = (ss58: string) => `${ss58.slice(0, 6)}…${ss58.slice(-6)}`;
  const moved = calls.getByRole('row').filter({ hasText: 'POST /users/change_bt_auth' });
  await expect(moved).toHaveCount(1);
  await expect(moved).toContainText('fingerprintaccount of ');
  await expect(moved).toContainText(ends(w.key.ss58));
  await expect(moved).toContainText(`on ${new URL(w.sb.url).host}`);
  const deleted = calls.getByRole('row').filter({ hasText: 'DELETE /users/me' });
  await expect(deleted.first()).toContainText(`account of second-hotkey ${ends(second.ss58)}`);
  await screenshot(page, 'settings-activity-fingerprint');
});
