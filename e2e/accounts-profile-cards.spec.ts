import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import type { ProfilesView } from '../shared/profiles';
import { openAccounts, hotkey } from './fixtures/accounts-page';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { elsewhere } from './fixtures/other-window';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

// Profile cards: what a missing seed means and the way back, buttons named for their profile, and
// removing a profile another window made active.

let host: RunningWebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-6)}`;

test('a profile whose seed left the keychain says signing is off and leads to its wallet file', async ({
  page,
  request,
}) => {
  host = await startWebHost();
  const tree = await writeWalletTree(host.dirs.wallets);
  const loose = await makeKey();
  await openAccounts(page, host);
  for (const [name, key] of [
    ['alice', tree.hk1],
    ['bob', loose],
  ] as const) {
    const file = path.join(host.dirs.home, `${name}.ini`);
    await fs.writeFile(file, cliConfigText('http://127.0.0.1:9', name, randomUUID(), key), { mode: 0o600 });
    await importCliConfig(page, file);
  }
  // Both seeds leave the keychain in another window (their copies are the files above).
  for (const key of [tree.hk1, loose]) await elsewhere(request, host, 'removeHotkeySeed', { hotkey: key.ss58 });
  await page.reload();
  const alice = page.getByRole('listitem', { name: /^Profile alice/ });
  const bob = page.getByRole('listitem', { name: /^Profile bob/ });
  await expect(alice.getByText('Seed missing from keychain')).toBeVisible();
  await expect(alice).toContainText(
    `Signing is off for this profile: nothing can be done as alice until its seed is back. Add hotkey default (${short(tree.hk1.ss58)}) to the keychain from its wallet file under Wallets (go to alpha/hk1), or import a CLI config that still holds its hotkey_seed (Import CLI config…).`,
  );
  await expect(bob).toContainText(
    `Add hotkey default (${short(loose.ss58)}) to the keychain from its wallet file under Wallets (none in this wallets folder holds it: “Add a hotkey file…” takes one from elsewhere), or import a CLI config`,
  );
  await expect(bob.getByRole('button', { name: /^go to/ })).toHaveCount(0);
  await screenshot(page, 'accounts-profile-seed-missing');

  // The way back: to the wallet row, onto its button, and the card says the seed is there again.
  await alice.getByRole('button', { name: 'go to alpha/hk1' }).click();
  const add = hotkey(page, 'alpha/hk1').getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true });
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(alice.getByText('Seed in keychain')).toBeVisible();
  await expect(alice).not.toContainText('Signing is off');
  await expect(bob).toContainText('Signing is off');
});

test('card buttons are named for their profile, keychain-only rows by name and address, and a removal says when the active profile changed elsewhere', async ({
  page,
  request,
}) => {
  host = await startWebHost();
  await writeWalletTree(host.dirs.wallets);
  await openAccounts(page, host);
  const keys = { alice: await makeKey(), bob: await makeKey(), carol: await makeKey() };
  for (const [name, key] of Object.entries(keys)) {
    const file = path.join(host.dirs.home, `${name}.ini`);
    await fs.writeFile(file, cliConfigText('http://127.0.0.1:9', name, randomUUID(), key), { mode: 0o600 });
    await importCliConfig(page, file);
  }
  let view = await elsewhere<ProfilesView>(request, host, 'listProfiles', {});
  const byName = (name: string) => view.profiles.find((p) => p.username === name)!;
  const carol = page.getByRole('listitem', { name: `Profile ${byName('carol').displayName}`, exact: true });
  await carol.getByRole('button', { name: `Make active: ${byName('carol').displayName}`, exact: true }).click();
  await expect(carol.getByText('Active', { exact: true })).toBeVisible();
  for (const action of ['Rename', 'Export for CLI', 'Remove'])
    await expect(
      carol.getByRole('button', { name: `${action}: ${byName('carol').displayName}`, exact: true }),
    ).toBeVisible();
  // The seeds of CLI configs have no file here: rows told apart by name and both ends of the address.
  const row = page.getByRole('listitem', { name: `Hotkey default (${short(keys.bob.ss58)})`, exact: true });
  await expect(row).toContainText(keys.bob.ss58);
  await expect(
    row.getByRole('button', { name: `Look up account: default (${short(keys.bob.ss58)})`, exact: true }),
  ).toBeVisible();
  await expect(
    row.getByRole('button', { name: `Remove from keychain: default (${short(keys.bob.ss58)})`, exact: true }),
  ).toBeVisible();

  // bob's seed again, from a hotkey file of another name: already there, so it keeps its name.
  const copy = path.join(host.dirs.home, 'bob-backup');
  await fs.writeFile(copy, JSON.stringify(keys.bob.json), { mode: 0o600 });
  await page.getByRole('button', { name: 'Add a hotkey file…' }).click();
  const addForm = page.getByRole('form', { name: 'Add a hotkey file' });
  await addForm.getByRole('textbox').fill(copy);
  await addForm.getByRole('button', { name: 'Add to keychain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'already in the system keychain' })).toHaveText(
    new RegExp(
      `The seed of default \\(${keys.bob.ss58}\\) was already in the system keychain; it keeps the name “default”\\.`,
    ),
  );
  await expect(page.getByRole('listitem', { name: /^Hotkey bob-backup/ })).toHaveCount(0);
  await expect(row).toBeVisible();

  // Another window makes alice active; this one has not read the profiles since (held at what it
  // last read: other reads here would notice the switch at once) and removes her.
  view = await elsewhere<ProfilesView>(request, host, 'listProfiles', {});
  await page.route('**/rpc/listProfiles', (route) => route.fulfill({ json: { ok: true, value: view } }));
  await elsewhere(request, host, 'setActiveProfile', { profileId: byName('alice').id });
  const alice = page.getByRole('listitem', { name: `Profile ${byName('alice').displayName}`, exact: true });
  await alice.getByRole('button', { name: `Remove: ${byName('alice').displayName}`, exact: true }).click();
  await expect(alice.getByText('Active', { exact: true })).toHaveCount(0);
  await page.unroute('**/rpc/listProfiles');
  await alice.getByRole('button', { name: 'Remove profile' }).click();
  // The store made bob active (the first one left), not carol as this window showed: said so.
  await expect(page.getByRole('status').filter({ hasText: 'was removed' })).toContainText(
    `The profile ${byName('alice').displayName} was removed. “${byName('bob').displayName}” is the active profile now.`,
  );
  const bob = page.getByRole('listitem', { name: `Profile ${byName('bob').displayName}`, exact: true });
  await expect(bob.getByText('Active', { exact: true })).toBeVisible();
});
