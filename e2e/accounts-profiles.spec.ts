import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import type { ProfilesView } from '../shared/profiles';
import { announced, openAccounts, hotkey } from './fixtures/accounts-page';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox, startSandbox, type SandboxHandle } from './fixtures/sandbox';
import { elsewhere } from './fixtures/other-window';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

// Profiles & hotkeys: a look-up and its seed, removing and renaming profiles (also from another window), a damaged profiles file, Rescan.

let host: RunningWebHost | undefined;
let sandbox: SandboxHandle | undefined;

test.afterEach(async () => {
  await host?.stop();
  await sandbox?.close();
  host = sandbox = undefined;
});

test('a look-up goes with its seed: its panel closes when the seed leaves, and a save after that is refused', async ({
  page,
  request,
}) => {
  sandbox = await startSandbox({ port: 0 });
  host = await startWebHost({ env: { CHUTES_API_URL: sandbox.url } });
  const tree = await writeWalletTree(host.dirs.wallets);
  await registerInSandbox(sandbox.url, tree.hk1.seed, 'alice');
  await openAccounts(page, host);
  const hk1 = hotkey(page, 'alpha/hk1');
  await hk1.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true }).click();
  await expect(hk1.getByText('In keychain')).toBeVisible();
  // The button went with its success: said, not silent.
  await expect.poll(() => announced(page)).toContain('alpha/hk1 is in the keychain now.');
  const lookUp = hk1.getByRole('button', { name: 'Look up account: alpha/hk1', exact: true });
  await lookUp.click();
  await expect(hk1.getByRole('status')).toContainText('as alice');

  // Removed here: the look-up and its "Save as profile" go with the seed, and do not come back with it.
  await hk1.getByRole('button', { name: 'Remove from keychain: alpha/hk1', exact: true }).click();
  await hk1
    .getByRole('group', { name: 'Remove the seed of alpha/hk1' })
    .getByRole('button', { name: 'Remove seed' })
    .click();
  await expect(hk1.getByText('In keychain')).toHaveCount(0);
  await expect.poll(() => announced(page)).toContain('The seed of alpha/hk1 was removed from the keychain.');
  await expect(hk1.getByText(/^Registered on /)).toHaveCount(0);
  await expect(hk1.getByRole('button', { name: 'Save as profile' })).toHaveCount(0);
  await hk1.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true }).click();
  await expect(lookUp).toHaveAttribute('aria-expanded', 'false');
  await expect(hk1.getByRole('button', { name: 'Save as profile' })).toHaveCount(0);

  // Removed in another window while the look-up is open here: main refuses to save it, and says why.
  await lookUp.click();
  await expect(hk1.getByRole('status')).toContainText('as alice');
  expect(
    await elsewhere(request, host, 'removeHotkeySeed', {
      hotkey: tree.hk1.ss58,
      walletFileShown: { walletId: 'alpha', hotkeyId: 'hk1' },
    }),
  ).toEqual({ removed: true });
  await hk1.getByRole('button', { name: 'Save as profile' }).click();
  // The wallets are read again, which closes the panel: the frame says why nothing was saved.
  await expect(page.getByRole('alert')).toContainText(
    `The keychain no longer holds the seed of hotkey ${tree.hk1.ss58}, so it was not saved as a profile.`,
  );
  await expect(hk1.getByText('In keychain')).toHaveCount(0);
  await expect(hk1.getByRole('button', { name: 'Save as profile' })).toHaveCount(0);
  await screenshot(page, 'accounts-lookup-seed-gone');
  await expect(page.getByRole('listitem', { name: /^Profile / })).toHaveCount(0);
});

/** Three profiles imported from CLI configs, in this order (the first is active); their display names. */
async function threeProfiles(page: Page, h: RunningWebHost): Promise<string[]> {
  const names: string[] = [];
  for (const username of ['alice', 'bob', 'carol']) {
    const file = path.join(h.dirs.home, `${username}.ini`);
    await fs.writeFile(file, cliConfigText('http://127.0.0.1:9', username, randomUUID(), await makeKey()), {
      mode: 0o600,
    });
    await importCliConfig(page, file);
    names.push(`${username} @ 127.0.0.1:9`);
  }
  return names;
}

test('removing the active profile says beforehand which one becomes active, and afterwards that it did', async ({
  page,
}) => {
  host = await startWebHost();
  await openAccounts(page, host);
  const [alice, bob, carol] = await threeProfiles(page, host);
  const card = (name: string | undefined) => page.getByRole('listitem', { name: `Profile ${name}`, exact: true });
  const sidebar = page.getByLabel('Active profile');
  await expect(card(alice).getByText('Active', { exact: true })).toBeVisible();

  // Not the active one: nothing is said about which profile is active.
  await card(carol)
    .getByRole('button', { name: /^Remove: / })
    .click();
  const removeCarol = page.getByRole('group', { name: `Remove ${carol}` });
  await expect(removeCarol).not.toContainText('active profile');
  await removeCarol.getByRole('button', { name: 'Remove profile' }).click();
  await expect(card(carol)).toHaveCount(0);
  await expect(page.getByText(`The profile ${carol} was removed.`, { exact: true })).toBeVisible();

  await card(bob)
    .getByRole('button', { name: `Make active: ${bob}` })
    .click();
  await expect(card(bob).getByText('Active', { exact: true })).toBeVisible();
  await expect.poll(() => announced(page)).toContain(`${bob} is the active profile now.`);

  await card(bob)
    .getByRole('button', { name: /^Remove: / })
    .click();
  const removeBob = page.getByRole('group', { name: `Remove ${bob}` });
  await expect(removeBob).toContainText(
    `This is the active profile. Once it is removed, “${alice}” becomes the active profile`,
  );
  await screenshot(page, 'accounts-remove-active-profile');
  await removeBob.getByRole('button', { name: 'Remove profile' }).click();
  await expect(card(bob)).toHaveCount(0);
  await expect(page.getByText(`The profile ${bob} was removed. “${alice}” is the active profile now.`)).toBeVisible();
  await expect(card(alice).getByText('Active', { exact: true })).toBeVisible();
  await expect(sidebar.locator('strong').getByText('alice', { exact: true })).toBeVisible();

  await card(alice)
    .getByRole('button', { name: /^Remove: / })
    .click();
  const removeAlice = page.getByRole('group', { name: `Remove ${alice}` });
  await expect(removeAlice).toContainText(
    'This is the active profile, and the only one. Once it is removed no profile is active',
  );
  await removeAlice.getByRole('button', { name: 'Remove profile' }).click();
  await expect(page.getByText(`The profile ${alice} was removed. No profile is active now.`)).toBeVisible();
  await expect(sidebar).toContainText('No profile yet.');
});

test('a profile removed in another window is followed: its card goes and the frame says why', async ({
  page,
  request,
}) => {
  host = await startWebHost();
  await openAccounts(page, host);
  const [alice, bob] = await threeProfiles(page, host);
  const card = (name: string | undefined) => page.getByRole('listitem', { name: `Profile ${name}`, exact: true });
  const { profiles } = await elsewhere<ProfilesView>(request, host, 'listProfiles', {});
  const idOf = (name: string | undefined) => profiles.find((p) => p.displayName === name)?.id;
  await elsewhere(request, host, 'removeProfile', { profileId: idOf(bob) });
  await elsewhere(request, host, 'removeProfile', { profileId: idOf(alice) });

  // Removing what is gone already: done, as asked.
  await card(bob)
    .getByRole('button', { name: /^Remove: / })
    .click();
  await page
    .getByRole('group', { name: `Remove ${bob}` })
    .getByRole('button', { name: 'Remove profile' })
    .click();
  await expect(card(bob)).toHaveCount(0);
  await expect(page.getByText(`The profile ${bob} had already been removed, perhaps in another window.`)).toBeVisible();
  // The list was read again: alice went too, having been removed over there.
  await expect(card(alice)).toHaveCount(0);
});

test('renaming a profile removed in another window says so, and the list follows', async ({ page, request }) => {
  host = await startWebHost();
  await openAccounts(page, host);
  const [alice] = await threeProfiles(page, host);
  const card = page.getByRole('listitem', { name: `Profile ${alice}`, exact: true });
  const { profiles } = await elsewhere<ProfilesView>(request, host, 'listProfiles', {});
  await elsewhere(request, host, 'removeProfile', { profileId: profiles.find((p) => p.displayName === alice)?.id });
  await card.getByRole('button', { name: /^Rename: / }).click();
  await page
    .getByRole('form', { name: `Rename ${alice}` })
    .getByLabel('Profile name')
    .fill('Alice');
  await page
    .getByRole('form', { name: `Rename ${alice}` })
    .getByRole('button', { name: 'Save name' })
    .click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: `The profile ${alice} no longer exists` })).toContainText(
    'so it was not renamed: it was removed, perhaps in another window.',
  );
});

test('a damaged profiles file is said, with where it went, whichever read found it', async ({ page }) => {
  host = await startWebHost();
  await fs.mkdir(host.dirs.data, { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(host.dirs.data, 'profiles.json'), '{"version": 1, "profiles": [ trunc', { mode: 0o600 });
  await openAccounts(page, host);
  const section = page.getByRole('region', { name: 'Profiles' });
  // The first read moves the file aside and fails; it may be this section's or a check behind
  // another request (the frame's): the section says where the file went either way.
  await expect(section.getByText(/moved to \S*profiles\.json\.corrupt-/)).toBeVisible();
  // If this section's read was the one that failed it offers "Try again"; a refetch started
  // elsewhere (window focus, another query) may clear it between looking and clicking, so the
  // pair is retried until the section shows no failure.
  const again = section.getByRole('button', { name: 'Try again' });
  await expect(async () => {
    if (await again.isVisible()) await again.click({ timeout: 1_000 });
    await expect(section.getByRole('alert')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const aside = (await fs.readdir(host.dirs.data)).filter((f) => f.startsWith('profiles.json.corrupt-'));
  expect(aside).toHaveLength(1);
  await expect(section.locator('.notice-warn')).toContainText(
    `Your saved profiles could not be read, so the file was moved to ${path.join(host.dirs.data, aside[0] ?? '')}; nothing was deleted.`,
  );
  await expect(section.getByText(/^No profiles yet\./)).toBeVisible();
  await screenshot(page, 'accounts-profiles-corrupt');
  // A reload (or another window) still says it, until a profile is saved.
  await page.reload();
  await expect(section.getByText('Your saved profiles could not be read')).toBeVisible();
});

test('Rescan is busy while the wallets folder is read', async ({ page }) => {
  host = await startWebHost();
  await writeWalletTree(host.dirs.wallets);
  await openAccounts(page, host);
  const wallets = page.getByRole('region', { name: 'Wallets' });
  await expect(wallets.getByRole('article', { name: 'Wallet alpha' })).toBeVisible();
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/rpc/listWallets', async (route) => {
    await held;
    await route.continue();
  });
  await wallets.getByRole('button', { name: 'Rescan' }).click();
  await expect(wallets.getByRole('button', { name: 'Scanning…' })).toBeDisabled();
  await screenshot(page, 'accounts-rescanning');
  release();
  await expect(wallets.getByRole('button', { name: 'Rescan' })).toBeEnabled();
  await expect(wallets.getByRole('article', { name: 'Wallet alpha' })).toBeVisible();
});
