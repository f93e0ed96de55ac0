import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSilentBus } from '../electron/keychain/fixtures/silent-bus';
import { rpcText, expectNoSecret, announced, openAccounts, hotkey, keychainOnly } from './fixtures/accounts-page';
import { registerInSandbox, startSandbox, type SandboxHandle } from './fixtures/sandbox';
import { laidOutLines } from './fixtures/line-breaks';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree, type WalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

// Profiles & hotkeys: wallets, the keychain and lookups (profiles removed, renamed or damaged: accounts-profiles.spec.ts).

let host: RunningWebHost | undefined;
let sandbox: SandboxHandle | undefined;

test.afterEach(async () => {
  await host?.stop();
  await sandbox?.close();
  host = sandbox = undefined;
});

test('a new user with no wallets and no profiles is told what to do', async ({ page }) => {
  host = await startWebHost();
  await openAccounts(page, host);
  // The path is said once, under the card's title, and the reason below it refers to it.
  await expect(page.getByText(host.dirs.wallets)).toHaveCount(1);
  await expect(page.getByText(host.dirs.wallets)).toBeVisible();
  await expect(page.getByText('This wallets folder does not exist.')).toBeVisible();
  await expect(page.getByText('btcli wallet new_coldkey --wallet.name mywallet')).toBeVisible();
  await expect(page.getByText(/No profiles yet\./)).toBeVisible();
  await screenshot(page, 'accounts-empty');
});

test('the wallets tree shows every odd file for what it is, and fixes loose permissions', async ({ page }) => {
  host = await startWebHost();
  const tree = await writeWalletTree(host.dirs.wallets);
  await openAccounts(page, host);
  const alpha = page.getByRole('article', { name: 'Wallet alpha' });
  await expect(alpha.getByText(tree.coldkey.ss58)).toBeVisible();
  const items = alpha.getByRole('list', { name: 'Hotkeys of alpha' }).locator(':scope > li');
  const names = (await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('aria-label')))).map((label) =>
    label?.replace('Hotkey alpha/', ''),
  );
  expect(names).toEqual(['broken', 'hk1', 'hk2', 'hk10', 'locked', 'watch']);
  await expect(hotkey(page, 'alpha/watch').getByText('Public only', { exact: true })).toBeVisible();
  await expect(hotkey(page, 'alpha/locked').getByText('Encrypted', { exact: true })).toBeVisible();
  await expect(hotkey(page, 'alpha/broken').getByText('Unreadable', { exact: true })).toBeVisible();
  await expect(hotkey(page, 'alpha/hk1').getByText(tree.hk1.ss58)).toBeVisible();
  await expect(page.getByRole('article', { name: 'Wallet beta' }).getByText('No coldkeypub.txt')).toBeVisible();
  await expect(hotkey(page, 'beta/huge').getByText('Unreadable', { exact: true })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Hotkey beta/k\\xFFy', exact: false })).toBeVisible();

  // A wallet with nothing in it says so once, without the note about registering with its coldkey.
  const gamma = page.getByRole('article', { name: 'Wallet gamma' });
  await expect(gamma).toContainText('An empty wallet: no coldkeypub.txt and no hotkeys.');
  await expect(gamma).not.toContainText('registering needs the coldkey address');
  await expect(page.getByRole('article', { name: 'Wallet alpha' })).toContainText(
    new RegExp(`coldkey\\s*${tree.coldkey.ss58}`),
  );

  const hk2 = hotkey(page, 'alpha/hk2');
  await expect(hk2.getByText('Readable by others')).toBeVisible();
  await expect(hk2).toContainText('Other users of this computer can read this file, seed included.');
  await screenshot(page, 'accounts-wallet-tree');
  await hk2.getByRole('button', { name: 'Make private: alpha/hk2', exact: true }).click();
  await expect(hk2.getByText('Readable by others')).toHaveCount(0);
  // The button went with its success: the change is said, not left to be noticed.
  await expect.poll(() => announced(page)).toContain('alpha/hk2 is private now: only you can read it (0600).');
  expect((await fs.stat(path.join(tree.root, 'alpha/hotkeys/hk2'))).mode & 0o777).toBe(0o600);
  expect((await fs.stat(path.join(tree.root, 'alpha/hotkeys/hk1'))).mode & 0o777).toBe(0o600);
  expectNoSecret(await rpcText(), tree);
});

test('a hotkey goes into the keychain, signs GET /users/me against the sandbox, and becomes a profile', async ({
  page,
}) => {
  sandbox = await startSandbox({ port: 0 });
  host = await startWebHost({ env: { CHUTES_API_URL: sandbox.url } });
  const tree: WalletTree = await writeWalletTree(host.dirs.wallets);
  const account = await registerInSandbox(sandbox.url, tree.hk1.seed, 'alice');
  await openAccounts(page, host);

  const hk1 = hotkey(page, 'alpha/hk1');
  await hk1.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true }).click();
  await expect(hk1.getByText('In keychain')).toBeVisible();
  // The first ask fails (the server is unavailable): it can be asked again from the panel.
  sandbox.faultOnce({ method: 'GET', path: '/users/me', status: 503, times: 3 });
  await hk1.getByRole('button', { name: 'Look up account: alpha/hk1', exact: true }).click();
  await expect(hk1.getByRole('alert')).toBeVisible();
  await hk1.getByRole('button', { name: 'Try again: look up alpha/hk1' }).click();
  await expect(hk1.getByRole('status')).toContainText(`as alice (user ID ${account.userId})`);
  // The user ID in that sentence is not split at a hyphen: it moves to a line of its own if it must.
  expect(await laidOutLines(hk1.getByRole('status').locator('code'))).toHaveLength(1);
  await hk1.getByRole('button', { name: 'Save as profile' }).click();
  const profile = page.getByRole('listitem', { name: /^Profile alice @ 127\.0\.0\.1:\d+$/ });
  await expect(profile.getByText('Active')).toBeVisible();
  await expect(profile.getByText('Seed in keychain')).toBeVisible();
  await screenshot(page, 'accounts-profile-from-hotkey');

  await profile.getByRole('button', { name: /^Rename: / }).click();
  const rename = page.getByRole('form', { name: /^Rename alice @ / });
  await rename.getByLabel('Profile name').fill('   ');
  await rename.getByRole('button', { name: 'Save name' }).click();
  await expect(rename.getByRole('alert')).toHaveText('Enter a name');
  await rename.getByLabel('Profile name').fill('Alice (sandbox)');
  await rename.getByRole('button', { name: 'Save name' }).click();
  await expect(
    page.getByRole('listitem', { name: 'Profile Alice (sandbox)', exact: true }).getByText('Active'),
  ).toBeVisible();

  // One answered lookup (after the failed ask and its retries): saving it as a profile reuses that
  // answer instead of signing again.
  const signed = sandbox.requests(50).filter((r) => r.path === '/users/me');
  expect(signed.map((r) => r.status)).toEqual([503, 503, 503, 200]);
  expect(signed.every((r) => r.hotkey === tree.hk1.ss58)).toBe(true);

  // The sidebar calls the profile by the name it was given, its account under it.
  const sidebar = page.getByLabel('Active profile');
  await expect(sidebar.locator('strong')).toHaveText('Alice (sandbox)');
  await expect(sidebar).toContainText(`alice @ ${new URL(sandbox.url).host}`);

  await page.getByRole('link', { name: 'Settings' }).click();
  const calls = page.getByRole('table', { name: 'Signed calls' });
  const me = calls.getByRole('row').filter({ hasText: 'GET /users/me' }).first();
  await expect(me).toContainText('hotkey signature');
  await expect(me).toContainText('200');
  // The signing hotkey by name and the ends of its address; the whole address in the tooltip.
  const ends = `${tree.hk1.ss58.slice(0, 6)}…${tree.hk1.ss58.slice(-6)}`;
  await expect(me).toContainText(`alpha/hk1 ${ends}`);
  await expect(me.getByTitle(tree.hk1.ss58)).toBeVisible();
  // The server it went to: the sandbox is not https, so its scheme is shown.
  await expect(me).toContainText(`on ${new URL(sandbox.url).host}`);
  await expect(page.getByRole('region', { name: 'Activity', exact: true })).toContainText(
    /All \d+ recorded calls? (is|are) shown\./,
  );
  await screenshot(page, 'settings-activity');

  const everything = [
    await rpcText(),
    host.output(),
    await fs.readFile(path.join(host.dirs.data, 'activity.jsonl'), 'utf8'),
  ].join('\n');
  expectNoSecret(everything, tree);
});

/** A fresh web host and wallet tree; alpha/hk10 added to the keychain, and its removal question open. */
async function askToRemoveHk10(page: Page) {
  host = await startWebHost();
  const tree = await writeWalletTree(host.dirs.wallets);
  await openAccounts(page, host);
  const hk10 = hotkey(page, 'alpha/hk10');
  await hk10.getByRole('button', { name: 'Add to keychain: alpha/hk10', exact: true }).click();
  await expect(hk10.getByText('In keychain')).toBeVisible();
  await hk10.getByRole('button', { name: 'Remove from keychain: alpha/hk10', exact: true }).click();
  const confirm = hk10.getByRole('group', { name: 'Remove the seed of alpha/hk10' });
  await expect(confirm).toContainText('The hotkey file alpha/hk10 still holds this seed');
  return { hk10, confirm, tree, host };
}

test('removing a hotkey from the keychain takes its seed away from the app', async ({ page }) => {
  const { hk10, confirm } = await askToRemoveHk10(page);
  await confirm.getByRole('button', { name: 'Remove seed' }).click();
  await expect(hk10.getByText('In keychain')).toHaveCount(0);
  await expect(hk10.getByRole('button', { name: 'Add to keychain: alpha/hk10', exact: true })).toBeVisible();
});

test('a hotkey file overwritten while the removal question is open is not relied on: nothing is removed', async ({
  page,
}) => {
  const { hk10, confirm, tree, host: h } = await askToRemoveHk10(page);
  // In a terminal meanwhile: btcli wallet new_hotkey --overwrite (another key under the same name).
  await fs.writeFile(path.join(h.dirs.wallets, 'alpha/hotkeys/hk10'), JSON.stringify(tree.hk1.json), {
    mode: 0o600,
  });
  await confirm.getByRole('button', { name: 'Remove seed' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'no longer holds this seed' })).toContainText(
    `The hotkey file alpha/hk10 no longer holds this seed (it now holds ${tree.hk1.ss58})`,
  );
  // The question stays with the seed it was opened for, which now has no known copy.
  const still = hk10.getByRole('group', { name: `Remove the seed of alpha/hk10 (${tree.hk10.ss58})` });
  await expect(still).toContainText('This may be the only copy of the seed.');
  await expect(still.getByRole('button', { name: 'Remove seed' })).toBeDisabled();
  await screenshot(page, 'accounts-remove-seed-file-changed');
  // The seed is still in the keychain (listed under "In the keychain only" now that no file holds it).
  await expect(page.getByRole('listitem', { name: `Hotkey ${keychainOnly('hk10', tree.hk10.ss58)}` })).toBeVisible();
});

test('a missing keychain is explained, and the wallets still show', async ({ page }) => {
  host = await startWebHost({ unset: ['DBUS_SESSION_BUS_ADDRESS'] });
  await writeWalletTree(host.dirs.wallets);
  await openAccounts(page, host);
  await expect(page.getByText('The system keychain is not available.')).toBeVisible();
  await expect(page.getByText(/There is no desktop session bus \(D-Bus\)/)).toBeVisible();
  await expect(hotkey(page, 'alpha/hk1').getByText(/^5\w{47}$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true })).toHaveCount(0);
  await expect(hotkey(page, 'alpha/hk1').getByText('Keychain unavailable')).toBeVisible();
  // Commands show as code, not as Markdown backticks; the check can be repeated from here.
  await expect(page.locator('code', { hasText: 'dbus-run-session' })).toBeVisible();
  await expect(page.getByText(/`dbus-run-session`/)).toHaveCount(0);
  // The check really runs again (a new answer on the channel that reports the keychain), and says the same.
  const rechecked = page.waitForResponse((r) => new URL(r.url()).pathname === '/rpc/listWallets');
  await page.getByRole('button', { name: 'Check the keychain again' }).click();
  const answer = await rechecked;
  expect(answer.ok()).toBe(true);
  expect(await answer.json()).toMatchObject({ ok: true, value: { keychain: { available: false } } });
  await expect(page.getByRole('button', { name: 'Check the keychain again' })).toBeEnabled();
  await expect(page.getByText('The system keychain is not available.')).toBeVisible();
  await screenshot(page, 'accounts-keychain-unavailable');
});

test('a keychain that does not answer holds nothing back: the wallets show, the wait is said, then its end', async ({
  page,
}) => {
  // A bus that accepts and never answers: what a hidden unlock prompt looks like from the app.
  const bus = await startSilentBus(path.join(os.tmpdir(), `chutes-silent-bus-${process.pid}-${Date.now()}.sock`));
  try {
    host = await startWebHost({ env: { DBUS_SESSION_BUS_ADDRESS: bus.address, CHUTES_KEYCHAIN_TIMEOUT_MS: '8000' } });
    await writeWalletTree(host.dirs.wallets);
    const deadlineAnswer = page.waitForResponse(
      async (r) =>
        new URL(r.url()).pathname === '/rpc/listWallets' &&
        JSON.stringify(await r.json()).includes('did not answer within 8 s'),
      { timeout: 30_000 },
    );
    await openAccounts(page, host);
    // Before the keychain's 8 s deadline (the only other way this notice could end).
    await expect(hotkey(page, 'alpha/hk1').getByText(/^5\w{47}$/)).toBeVisible();
    await expect(page.getByText('Waiting for the system keychain.')).toBeVisible();
    await expect(
      page.getByText('The keychain has not answered yet — it may be showing an unlock prompt.'),
    ).toBeVisible();
    await expect(hotkey(page, 'alpha/hk1').getByText('Waiting for keychain')).toBeVisible();
    await screenshot(page, 'accounts-keychain-waiting');
    // Past the keychain's 8 s deadline the call still waits (a prompt may yet be answered): the
    // page keeps asking by itself, each time answered at once without a second call on the bus.
    await deadlineAnswer;
    await expect(
      page.getByText('The keychain has not answered an earlier request yet — a hidden unlock prompt may be waiting.'),
    ).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Waiting for the system keychain.')).toBeVisible();
    await expect(hotkey(page, 'alpha/hk1').getByText('Waiting for keychain')).toBeVisible();
    await expect(page.getByText('The system keychain is not available.')).toHaveCount(0);
    expect(bus.held).toHaveLength(1);
    // The web host still stops on SIGTERM, although a keychain call never returned.
    await host.stop();
    host = undefined;
  } finally {
    await bus.close();
  }
});

test('a hotkey file path that does not exist gets a specific message and stays typed', async ({ page }) => {
  host = await startWebHost();
  await openAccounts(page, host);
  await page.getByRole('button', { name: 'Add a hotkey file…' }).click();
  const field = page.getByLabel(/Hotkey file/);
  await field.fill('/nowhere/hotkeys/default');
  await page.getByRole('button', { name: 'Add to keychain' }).click();
  await expect(page.getByRole('alert')).toHaveText('There is no hotkey file at /nowhere/hotkeys/default.');
  await expect(field).toHaveValue('/nowhere/hotkeys/default');
});

/** Call main as another window would (the web host's token), so this page is not told of it. */
