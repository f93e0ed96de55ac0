import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import type { WalletsView } from '../shared/wallets';
import { announced, hotkey, openAccounts } from './fixtures/accounts-page';
import { elsewhere } from './fixtures/other-window';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

// A hotkey row acts on the key it shows: another window changing the wallets folder, or a file
// rewritten since the list was read, makes "Add to keychain" and "Make private" refuse, not act on
// the other key; a window brought back reads the wallets again.

let host: RunningWebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** The window comes back to the front (TanStack Query listens for visibilitychange on window). */
/** The address the row shows (not one its error message names). */
const shown = (row: ReturnType<typeof hotkey>) => row.locator('code.ss58');

const broughtBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));

test('a stale hotkey row refuses to add or tighten another key than it shows, and a window brought back reads the folder again', async ({
  page,
  request,
}) => {
  host = await startWebHost({ unset: ['BT_WALLET_PATH'] });
  const first = path.join(host.dirs.home, '.bittensor', 'wallets');
  const tree = await writeWalletTree(first);
  // Another folder with the same wallet and hotkey names, holding other keys.
  const second = path.join(host.dirs.home, 'other-wallets');
  const [otherHk1, otherHk2] = [await makeKey(), await makeKey()];
  await fs.mkdir(path.join(second, 'alpha', 'hotkeys'), { recursive: true });
  await fs.writeFile(path.join(second, 'alpha/hotkeys/hk1'), JSON.stringify(otherHk1.json), { mode: 0o600 });
  await fs.writeFile(path.join(second, 'alpha/hotkeys/hk2'), JSON.stringify(otherHk2.json), { mode: 0o644 });
  await fs.chmod(path.join(second, 'alpha/hotkeys/hk2'), 0o644);

  await openAccounts(page, host);
  const hk1 = hotkey(page, 'alpha/hk1');
  const hk2 = hotkey(page, 'alpha/hk2');
  await expect(shown(hk1)).toHaveText(tree.hk1.ss58);
  await expect(hk2.getByText('Readable by others')).toBeVisible();

  // The other window chooses the other folder; this one has not looked again.
  await elsewhere(request, host, 'chooseWalletsFolder', { path: second });
  await hk1.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true }).click();
  await expect(hk1.getByRole('alert')).toContainText(
    `The hotkey file alpha/hk1 now holds ${otherHk1.ss58}, not ${tree.hk1.ss58} as shown, so nothing was put in the keychain.`,
  );
  await screenshot(page, 'accounts-stale-row-refused');
  // Nothing stored, nothing said as stored; the row was read again and shows the key there now.
  const view = await elsewhere<WalletsView>(request, host, 'listWallets', {});
  expect(view.seedsInKeychain).toEqual([]);
  expect(await announced(page)).not.toContain('alpha/hk1 is in the keychain now.');
  await expect(shown(hk1)).toHaveText(otherHk1.ss58);

  // Back to the first folder elsewhere: the row for hk2 here still shows the other folder's key.
  await elsewhere(request, host, 'chooseWalletsFolder', { path: first });
  await expect(shown(hk2)).toHaveText(otherHk2.ss58);
  await hk2.getByRole('button', { name: 'Make private: alpha/hk2', exact: true }).click();
  await expect(hk2.getByRole('alert')).toContainText(
    `The hotkey file alpha/hk2 now holds ${tree.hk2.ss58}, not ${otherHk2.ss58} as shown, so it was left as it was.`,
  );
  expect((await fs.stat(path.join(first, 'alpha/hotkeys/hk2'))).mode & 0o777).toBe(0o644);
  expect((await fs.stat(path.join(second, 'alpha/hotkeys/hk2'))).mode & 0o777).toBe(0o644);
  await expect(shown(hk2)).toHaveText(tree.hk2.ss58);

  // Changed elsewhere again; nothing clicked here: the window brought back shows the folder main reads now.
  await elsewhere(request, host, 'chooseWalletsFolder', { path: second });
  await broughtBack(page);
  await expect(shown(hk1)).toHaveText(otherHk1.ss58);
  await hk1.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true }).click();
  await expect(hk1.getByText('In keychain')).toBeVisible();
  await expect.poll(() => announced(page)).toContain('alpha/hk1 is in the keychain now.');
  expect((await elsewhere<WalletsView>(request, host, 'listWallets', {})).seedsInKeychain?.map((s) => s.ss58)).toEqual([
    otherHk1.ss58,
  ]);
});
