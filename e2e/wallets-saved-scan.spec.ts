import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { publicJson } from '../electron/wallets/test-fixtures';
import { hotkey, openAccounts } from './fixtures/accounts-page';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

// A fresh app lists the wallets from its last run's saved scan where nothing changed (a stat per
// file); whatever changed while it was closed must show as it is now, never as it was.

let host: RunningWebHost | undefined;
let kept: string | undefined;

test.afterEach(async () => {
  await host?.stop();
  if (kept) await fs.rm(kept, { recursive: true, force: true });
  host = kept = undefined;
});

test('a restarted app shows what changed in the wallets folder while it was closed, and the rest as before', async ({
  page,
}) => {
  // The wallets and the data folder outlive each run's home, as a user's do.
  kept = await fs.mkdtemp(path.join(os.tmpdir(), 'chutes-e2e-kept-'));
  const dirs = { BT_WALLET_PATH: path.join(kept, 'wallets'), CHUTES_DESKTOP_DATA_DIR: path.join(kept, 'data') };
  const tree = await writeWalletTree(dirs.BT_WALLET_PATH);
  // Files changed in the last 2 s are never remembered (file-stamp.ts): let these settle.
  await new Promise((resolve) => setTimeout(resolve, 2_100));

  host = await startWebHost({ env: dirs });
  await openAccounts(page, host);
  await expect(hotkey(page, 'alpha/hk1').getByText(tree.hk1.ss58)).toBeVisible();
  await expect(hotkey(page, 'alpha/hk2').getByText('Readable by others')).toBeVisible();
  const saved = path.join(dirs.CHUTES_DESKTOP_DATA_DIR, 'wallet-scan.json');
  await expect
    .poll(
      () =>
        fs.stat(saved).then(
          (s) => s.mode & 0o777,
          () => null,
        ),
      { timeout: 10_000 },
    )
    .toBe(0o600);
  await host.stop();

  // While it is closed: hk2 is made private by hand, hk10 is replaced by its public copy, hk1's
  // file is deleted (its hk1pub.txt stays), and a new wallet appears.
  await fs.chmod(path.join(dirs.BT_WALLET_PATH, 'alpha/hotkeys/hk2'), 0o600);
  await fs.writeFile(path.join(dirs.BT_WALLET_PATH, 'alpha/hotkeys/hk10'), publicJson(tree.hk10));
  await fs.rm(path.join(dirs.BT_WALLET_PATH, 'alpha/hotkeys/hk1'));
  await fs.mkdir(path.join(dirs.BT_WALLET_PATH, 'delta/hotkeys'), { recursive: true });
  await fs.writeFile(path.join(dirs.BT_WALLET_PATH, 'delta/hotkeys/new'), JSON.stringify(tree.hk1.json), {
    mode: 0o600,
  });

  host = await startWebHost({ env: dirs });
  await openAccounts(page, host);
  expect(host.output()).toMatch(/wallet scan: \d+ wallets remembered from the last run/);
  await expect(hotkey(page, 'alpha/hk2').getByText(tree.hk2.ss58)).toBeVisible();
  await expect(hotkey(page, 'alpha/hk2').getByText('Readable by others')).toHaveCount(0);
  await expect(hotkey(page, 'alpha/hk2').getByRole('button', { name: 'Make private: alpha/hk2' })).toHaveCount(0);
  await expect(hotkey(page, 'alpha/hk10').getByText('Public only', { exact: true })).toBeVisible();
  await expect(hotkey(page, 'alpha/hk1').getByText('Public only', { exact: true })).toBeVisible();
  await expect(hotkey(page, 'delta/new').getByText(tree.hk1.ss58)).toBeVisible();
  // Unchanged wallets as before.
  await expect(page.getByRole('article', { name: 'Wallet beta' }).getByText('No coldkeypub.txt')).toBeVisible();
  await expect(hotkey(page, 'alpha/watch').getByText('Public only', { exact: true })).toBeVisible();
  await expect(hotkey(page, 'alpha/locked').getByText('Encrypted', { exact: true })).toBeVisible();
  await screenshot(page, 'accounts-after-restart');
});
