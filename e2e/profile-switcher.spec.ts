import fs from 'node:fs/promises';
import path from 'node:path';
import { keychainOnly } from './fixtures/accounts-page';
import { expect, test } from '@playwright/test';
import type { ProfilesView } from '../shared/profiles';
import { makeKey } from '../electron/wallets/test-fixtures';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox, startSandbox, type SandboxHandle } from './fixtures/sandbox';
import { screenshot } from './fixtures/screenshots';
import { writeWalletTree } from './fixtures/wallet-tree';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

// The active profile decides which account every operation acts on: two accounts on two servers,
// switched from the sidebar, and a hotkey lookup that follows the switch.
let host: RunningWebHost | undefined;
const sandboxes: SandboxHandle[] = [];

test.afterEach(async () => {
  await host?.stop();
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  host = undefined;
});

/** Two servers, closed after the test; the web host's default is the first. */
async function twoSandboxes(): Promise<[SandboxHandle, SandboxHandle]> {
  const first = await startSandbox({ port: 0 });
  const second = await startSandbox({ port: 0 });
  sandboxes.push(first, second);
  return [first, second];
}

test('switching the active profile changes the server and account every screen acts on, without a restart', async ({
  page,
}) => {
  const [first, second] = await twoSandboxes();
  host = await startWebHost({ env: { CHUTES_API_URL: first.url } });
  const aliceKey = await makeKey();
  const bobKey = await makeKey();
  const alice = await registerInSandbox(first.url, aliceKey.seed, 'alice');
  const bob = await registerInSandbox(second.url, bobKey.seed, 'bob');
  const aliceFile = path.join(host.dirs.home, 'alice.ini');
  const bobFile = path.join(host.dirs.home, 'bob.ini');
  await fs.writeFile(aliceFile, cliConfigText(first.url, 'alice', alice.userId, aliceKey), { mode: 0o600 });
  await fs.writeFile(bobFile, cliConfigText(second.url, 'bob', bob.userId, bobKey), { mode: 0o600 });

  await page.goto(host.launchUrl);
  const sidebar = page.getByLabel('Active profile');
  await expect(sidebar).toContainText('No profile yet.');
  await importCliConfig(page, aliceFile);
  await expect(sidebar).toContainText('alice');
  await expect(sidebar).toContainText(`@ ${new URL(first.url).host}`);
  await importCliConfig(page, bobFile);

  const switcher = sidebar.getByLabel('Switch profile');
  await switcher.selectOption({ label: 'bob' });
  await expect(sidebar.locator('strong').getByText('bob', { exact: true })).toBeVisible();
  await expect(sidebar).toContainText(`@ ${new URL(second.url).host}`);
  await expect(page.getByRole('listitem', { name: /^Profile bob @ / }).getByText('Active')).toBeVisible();

  // A bare hotkey is looked up on the active profile's server: bob's hotkey is known there…
  const bobRow = page.getByRole('listitem', { name: `Hotkey ${keychainOnly('default', bobKey.ss58)}` });
  // Two keychain rows named "default": each says which profile uses it.
  await expect(bobRow).toContainText(`used by profile bob @ ${new URL(second.url).host}`);
  await bobRow.getByRole('button', { name: `Look up account: ${keychainOnly('default', bobKey.ss58)}` }).click();
  await expect(bobRow.getByRole('status')).toContainText(`Registered on ${new URL(second.url).host} as bob`);
  expect(second.requests(20).filter((r) => r.path === '/users/me')).toHaveLength(1);
  await screenshot(page, 'profile-switcher-bob-active');

  // …and, after switching back to alice, the same lookup goes to alice's server, where bob is unknown.
  await switcher.selectOption({ label: 'alice' });
  await expect(sidebar.locator('strong').getByText('alice', { exact: true })).toBeVisible();
  // Not "register it first" (a second account for this hotkey): the panel says where it has one.
  const elsewhere = bobRow.getByRole('status');
  await expect(elsewhere).toContainText(
    `No account for this hotkey on ${new URL(first.url).host}, the active profile's server. It has one on ${new URL(second.url).host}`,
  );
  await expect(bobRow.getByRole('alert')).toHaveCount(0);
  expect(first.requests(20).filter((r) => r.path === '/users/me' && r.hotkey === bobKey.ss58)).toHaveLength(1);
  await page.setViewportSize({ width: 740, height: 900 });
  await screenshot(page, 'profile-switcher-narrow');
  await page.setViewportSize({ width: 1200, height: 800 });
  await elsewhere.getByRole('button', { name: `Make bob @ ${new URL(second.url).host} active` }).click();
  await expect(sidebar.locator('strong').getByText('bob', { exact: true })).toBeVisible();

  // Stepping through the closed list with the arrow keys switches nothing until Enter (or Switch).
  await switcher.focus();
  await page.keyboard.press('ArrowUp');
  await expect(switcher).toHaveValue(
    (await switcher.locator('option', { hasText: 'alice' }).getAttribute('value')) ?? '',
  );
  await expect(sidebar.locator('strong').getByText('bob', { exact: true })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: 'Switch to alice' })).toBeVisible();
  // Stacked, each the full width and one line high: "Switch to alice" no longer wraps beside "Keep bob".
  const switchTo = await sidebar.getByRole('button', { name: 'Switch to alice' }).boundingBox();
  const keep = await sidebar.getByRole('button', { name: 'Keep bob' }).boundingBox();
  expect(keep!.y).toBeGreaterThanOrEqual(switchTo!.y + switchTo!.height);
  expect(keep!.width).toBeCloseTo(switchTo!.width, 0);
  expect(switchTo!.height).toBeLessThan(32);
  await screenshot(page, 'profile-switcher-stepped');
  await sidebar.getByRole('button', { name: 'Keep bob' }).click();
  await expect(sidebar.getByRole('button', { name: /^Switch to / })).toHaveCount(0);
  await switcher.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(sidebar.locator('strong').getByText('alice', { exact: true })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /^Switch to / })).toHaveCount(0);
});

test('an account looked up on one server is saved for that server, though another window made another profile active since', async ({
  page,
  request,
}) => {
  const [first, second] = await twoSandboxes();
  host = await startWebHost({ env: { CHUTES_API_URL: first.url } });
  const aliceKey = await makeKey();
  const bobKey = await makeKey();
  const aliceFile = path.join(host.dirs.home, 'alice.ini');
  const bobFile = path.join(host.dirs.home, 'bob.ini');
  const alice = await registerInSandbox(first.url, aliceKey.seed, 'alice');
  const bob = await registerInSandbox(second.url, bobKey.seed, 'bob');
  await fs.writeFile(aliceFile, cliConfigText(first.url, 'alice', alice.userId, aliceKey), { mode: 0o600 });
  await fs.writeFile(bobFile, cliConfigText(second.url, 'bob', bob.userId, bobKey), { mode: 0o600 });
  const tree = await writeWalletTree(host.dirs.wallets);
  await registerInSandbox(first.url, tree.hk1.seed, 'carol');
  await page.goto(host.launchUrl);
  await importCliConfig(page, aliceFile);
  await importCliConfig(page, bobFile);

  // Looked up on alice's server, the active profile's.
  const hk1 = page.getByRole('listitem', { name: 'Hotkey alpha/hk1', exact: true });
  await hk1.getByRole('button', { name: 'Add to keychain: alpha/hk1', exact: true }).click();
  await hk1.getByRole('button', { name: 'Look up account: alpha/hk1', exact: true }).click();
  await expect(hk1.getByRole('status')).toContainText(`Registered on ${new URL(first.url).host} as carol`);

  // Another window makes bob, on the second server, active; this one has not heard of it yet.
  const auth = { authorization: `Bearer ${host.token}` };
  const listed = (await (await request.post(`${host.url}/rpc/listProfiles`, { headers: auth, data: {} })).json()) as {
    value: ProfilesView;
  };
  const bobId = listed.value.profiles.find((p) => p.username === 'bob')?.id;
  await request.post(`${host.url}/rpc/setActiveProfile`, { headers: auth, data: { profileId: bobId } });

  // The account shown is the one saved: carol on the first server, not whatever bob's server says.
  await hk1.getByRole('button', { name: 'Save as profile' }).click();
  await expect(hk1.getByRole('status')).toContainText(`Saved as the profile “carol @ ${new URL(first.url).host}”.`);
  expect(second.requests(50).filter((r) => r.path === '/users/me' && r.hotkey === tree.hk1.ss58)).toEqual([]);
  expect(first.requests(50).filter((r) => r.path === '/users/me' && r.hotkey === tree.hk1.ss58)).toHaveLength(1);
});
