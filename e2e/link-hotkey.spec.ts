import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeKey, type TestKey as WalletKey } from '../electron/wallets/test-fixtures';
import { ChutesTestClient, TestKey } from './sandbox/test-client';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
import { registerInSandbox, type SandboxHandle } from './fixtures/sandbox';
import { useSandboxAndHost } from './fixtures/sandbox-host';
import { itemsPerRow } from './fixtures/layout';
import { breaksInsideWords, lineBreaks } from './fixtures/line-breaks';
import { screenshot } from './fixtures/screenshots';

// The Link hotkey screen against the sandbox: with the historical link routes (the pre-July-2025
// server, turned on explicitly: a fresh sandbox is today's server) and without them (the catch-all
// user lookup answers). The app is served by the web host here, so the form names its machine.
const startSandboxAndHost = useSandboxAndHost();

async function writeHotkey(root: string, wallet: string, key: WalletKey): Promise<string> {
  const file = path.join(root, wallet, 'hotkeys', 'default');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(key.json), { mode: 0o600 });
  return file;
}

const openLinkScreen = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Link hotkey' }).click();
/** Link-route requests the app made, signed by the account's hotkey, oldest first. */
const linkRequests = (sb: SandboxHandle, hotkey: string) =>
  sb.requests(200).filter((r) => r.path.startsWith('/users/link_') && r.hotkey === hotkey);

async function linkWith(
  page: Page,
  kind: 'Validator' | 'Subnet owner',
  hotkey: { wallet: string } | { file: string },
  by: 'mouse' | 'keyboard' = 'mouse',
): Promise<void> {
  const form = page.getByRole('form', { name: 'Link a hotkey' });
  await form.getByRole('radio', { name: kind, exact: true }).check();
  if ('wallet' in hotkey) {
    await form
      .getByRole('radio', { name: 'From a wallet or the keychain on the machine running Chutes Desktop' })
      .check();
    await form.getByLabel('Hotkey to link').selectOption({ label: hotkey.wallet });
  } else {
    await form.getByRole('radio', { name: 'From a hotkey file' }).check();
    await form.getByLabel(/^Hotkey file/).fill(hotkey.file);
  }
  await form.getByRole('button', { name: 'Show what will be signed' }).click();
  if (by === 'mouse') return form.getByRole('button', { name: /^Sign and link as / }).click();
  // Focus lands on the preview; one Tab reaches the button.
  await expect(form.getByRole('heading', { name: 'What will be signed and sent' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: /^Sign and link as / })).toBeFocused();
  await page.keyboard.press('Enter');
}

test('linking on: a wrong username, a hotkey outside the allow-list, one linked elsewhere, then success with the new roles', async ({
  page,
}) => {
  const { sb: sandbox, host } = await startSandboxAndHost();
  const [account, validator, owner, stranger, spare, swapped] = await Promise.all([
    makeKey(),
    makeKey(),
    makeKey(),
    makeKey(),
    makeKey(),
    makeKey(),
  ]);
  const alice = await registerInSandbox(sandbox.url, account.seed, 'alice');
  sandbox.setLink({ enabled: true, validators: [validator.ss58], subnet_owners: [owner.ss58] });
  // bob already holds the subnet-owner hotkey.
  const bobKey = TestKey.random();
  const client = new ChutesTestClient(sandbox.url);
  await client.register(bobKey, 'bob');
  const ownerTest = TestKey.fromSeed(Buffer.from(owner.seed).toString('hex'));
  const bobLink = await client.get('/users/link_subnet_owner', {
    sign: { key: bobKey, purpose: 'link_account' },
    query: { hotkey: owner.ss58, signature: ownerTest.sign(`${owner.ss58}:bob`) },
  });
  expect(bobLink.status).toBe(200);

  await writeHotkey(host.dirs.wallets, 'val', validator);
  await writeHotkey(host.dirs.wallets, 'owner', owner);
  await writeHotkey(host.dirs.wallets, 'spare', spare);
  const strangerFile = await writeHotkey(path.join(host.dirs.home, 'elsewhere'), 'stranger', stranger);
  const staleConfig = path.join(host.dirs.home, 'stale.ini');
  const goodConfig = path.join(host.dirs.home, 'alice.ini');
  await fs.writeFile(staleConfig, cliConfigText(sandbox.url, 'alice_old', alice.userId, account), { mode: 0o600 });
  await fs.writeFile(goodConfig, cliConfigText(sandbox.url, 'alice', alice.userId, account), { mode: 0o600 });

  await page.goto(host.launchUrl);
  await importCliConfig(page, staleConfig);
  await openLinkScreen(page);
  const serverHost = new URL(sandbox.url).host;
  await expect(page.getByText(`Chutes at ${serverHost} offers hotkey linking.`)).toBeVisible();
  // The HTTP details sit behind a disclosure, for whoever wants to verify the verdict.
  const how = page.getByText(/The app sent GET \/users\/link_validator, signed as your account/);
  await expect(how).toBeHidden();
  await page.getByText('How this was checked').click();
  await expect(how).toBeVisible();
  // Today's server code has no route there at all (FastAPI's plain 404); newer code sends it to its user lookup.
  await expect(how).toContainText(
    'One without it has no such route: it answers a plain “Not Found” (HTTP 404), or, where GET /users/{user_id} takes any name, that user lookup answers (HTTP 401, or 404 “User not found”).',
  );
  // The probe carried no hotkey or signature and changed nothing.
  const probes = linkRequests(sandbox, account.ss58);
  expect(probes).toHaveLength(1);
  expect(probes[0]?.query).toBe('');
  expect(sandbox.state().users[alice.userId]?.permissions_bitmask).toBe(0);

  const form = page.getByRole('form', { name: 'Link a hotkey' });
  await expect(form.getByText('alice_old', { exact: true })).toBeVisible();

  // 401: the profile's username is stale, so the signature covers the wrong text. While it is being
  // sent, what it was sent with cannot be changed: a change would hide the outcome of a request the
  // server still answers.
  sandbox.hold({ method: 'GET', path: '/users/link_validator' });
  await linkWith(page, 'Validator', { wallet: `val/default — ${validator.ss58}` });
  await expect(form.getByRole('button', { name: 'Linking…' })).toBeDisabled();
  await expect.poll(() => sandbox.held().map((h) => h.path)).toEqual(['/users/link_validator']);
  const ownerKind = form.getByRole('radio', { name: 'Subnet owner', exact: true });
  await expect(ownerKind).toBeDisabled();
  await ownerKind.click({ force: true });
  await expect(ownerKind).not.toBeChecked();
  await expect(form.getByLabel('Hotkey to link')).toBeDisabled();
  await expect(form.getByRole('radio', { name: 'From a hotkey file' })).toBeDisabled();
  await screenshot(page, 'link-hotkey-pending');
  const preview = form.getByRole('region', { name: 'What will be signed and sent' });
  await expect(preview.getByText(`${validator.ss58}:alice_old`, { exact: true })).toBeVisible();
  await expect(preview).toContainText(`GET ${sandbox.url}/users/link_validator?hotkey=${validator.ss58}&signature=`);
  // The request is signed by the account's own hotkey; in a narrow window that address moves to a
  // line of its own rather than being split between the sentence and the next line.
  // The server keeps one hotkey per account and type: said before anything is signed.
  await expect(preview).toContainText(
    'A new link of the same type replaces this account’s current one: an account has one validator hotkey linked at a time.',
  );
  const sentAs = preview.getByRole('definition').filter({ hasText: "Signed by your account's hotkey" });
  await expect(sentAs).toHaveText(
    `Signed by your account's hotkey ${account.ss58} (header X-Chutes-Hotkey), purpose link_account`,
  );
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 760, height: 900 });
  expect(breaksInsideWords(await lineBreaks(sentAs))).toEqual([]);
  expect(await lineBreaks(sentAs.locator('code').first())).toEqual([]);
  // The request's URL may break anywhere in its hex, but its placeholder for the signature only between words.
  const placeholder = preview.getByText('<signature of the message above, made when you submit>', { exact: true });
  expect(breaksInsideWords(await lineBreaks(placeholder))).toEqual([]);
  await screenshot(page, 'link-hotkey-preview-narrow');
  if (wide) await page.setViewportSize(wide);
  // Released only now: the refusal makes the profile follow the server's name, and the preview of the old text goes.
  expect(sandbox.release({ path: '/users/link_validator' })).toEqual({ released: 1 });
  await expect(form.getByRole('alert')).toContainText(
    `The profile’s username “alice_old” was out of date: Chutes knows this account as “alice”, so it refused the signed message “${validator.ss58}:alice_old” (“Invalid hotkey or signature”).`,
  );
  // The profile follows the server's name: the form shows it, and the preview of the old text is gone.
  await expect(form.getByRole('alert')).toContainText('The profile now uses “alice”; preview the link again.');
  await expect(form.getByText('alice', { exact: true })).toBeVisible();
  await expect(preview).toHaveCount(0);
  await screenshot(page, 'link-hotkey-401');

  // With the right username: a hotkey that is not on the allow-list (chosen by file path).
  await importCliConfig(page, goodConfig);
  await openLinkScreen(page);
  await expect(form.getByText('alice', { exact: true })).toBeVisible();
  await form.getByRole('radio', { name: 'From a hotkey file' }).check();
  // The path is one on the web host's machine: the example is in the wallets folder it reads.
  await expect(form.getByLabel(/^Hotkey file \(full path on the machine running Chutes Desktop/)).toHaveAttribute(
    'placeholder',
    path.join(host.dirs.wallets, 'validator', 'hotkeys', 'default'),
  );
  await expect(
    form.getByRole('checkbox', {
      name: 'Also keep this hotkey in the keychain of the machine running Chutes Desktop',
      exact: true,
    }),
  ).toBeVisible();
  await linkWith(page, 'Validator', { file: strangerFile });
  await expect(preview.getByText(`${stranger.ss58}:alice`, { exact: true })).toBeVisible();
  await expect(form.getByRole('alert')).toContainText(
    `does not accept ${stranger.ss58} as a validator hotkey: it is not on the server’s allow-list.`,
  );
  // What was typed is still there after a visit to another screen.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await openLinkScreen(page);
  await expect(form.getByRole('radio', { name: 'From a hotkey file' })).toBeChecked();
  await expect(form.getByLabel(/^Hotkey file/)).toHaveValue(strangerFile);

  // The wallet's hotkey file is replaced after the preview: nothing is signed, and the form offers
  // what the refusal asks for, a new preview, with the wallet list read again.
  const picker = form.getByLabel('Hotkey to link');
  await form.getByRole('radio', { name: 'Validator', exact: true }).check();
  await form
    .getByRole('radio', { name: 'From a wallet or the keychain on the machine running Chutes Desktop' })
    .check();
  await picker.selectOption({ label: `spare/default — ${spare.ss58}` });
  await form.getByRole('button', { name: 'Show what will be signed' }).click();
  await expect(preview.getByText(`${spare.ss58}:alice`, { exact: true })).toBeVisible();
  await writeHotkey(host.dirs.wallets, 'spare', swapped);
  await form.getByRole('button', { name: /^Sign and link as / }).click();
  await expect(form.getByRole('alert')).toContainText(
    `is now the hotkey ${swapped.ss58}, not the ${spare.ss58} you reviewed`,
  );
  await expect(form.getByRole('alert')).toContainText('Preview the link again.');
  await expect(preview).toHaveCount(0);
  await expect(form.getByRole('button', { name: /^Sign and link/ })).toHaveCount(0);
  await expect(picker.getByRole('option', { name: `spare/default — ${swapped.ss58}` })).toHaveCount(1);
  await screenshot(page, 'link-hotkey-changed');
  await form.getByRole('button', { name: 'Show what will be signed' }).click();
  await expect(preview.getByText(`${swapped.ss58}:alice`, { exact: true })).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);
  expect(linkRequests(sandbox, account.ss58).filter((r) => r.query.includes(spare.ss58))).toEqual([]);

  // 409: the subnet-owner hotkey belongs to bob's account.
  await linkWith(page, 'Subnet owner', { wallet: `owner/default — ${owner.ss58}` });
  await expect(form.getByRole('alert')).toContainText('This hotkey is already linked to another Chutes account: bob.');
  // Linking "from bob's account" would change nothing (it is linked there), and nothing unlinks it.
  await expect(form.getByRole('alert')).toContainText(
    'It already gives the account bob its linked benefits (free use, the developer role).',
  );
  // Nothing unlinks it, but bob's account releases it by linking another of the same type.
  await expect(form.getByRole('alert')).toContainText(
    'the account bob releases this one by linking another subnet-owner hotkey (a new link of the same type replaces the account’s current one)',
  );
  await expect(form.getByRole('alert')).toContainText('moving it to this account needs the Chutes operators');
  await expect(form.getByRole('alert')).not.toContainText('active profile');
  await screenshot(page, 'link-hotkey-409');

  // The Account screen read now (no roles) is refreshed by the link below, not kept for a minute.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByText('No special roles (a regular, pay-as-you-go account).')).toBeVisible();
  await openLinkScreen(page);

  // The answer is lost (the link is made, every answer dropped): "maybe", safe to repeat, never "failed".
  sandbox.faultOnce({ method: 'GET', path: '/users/link_validator', drop_after: true, times: 3 });
  await linkWith(page, 'Validator', { wallet: `val/default — ${validator.ss58}` });
  const maybe = form.getByRole('status').filter({ hasText: 'may or may not have been linked' });
  await expect(maybe).toContainText('Linking it again is safe');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Sign and link again as validator' })).toBeVisible();
  await screenshot(page, 'link-hotkey-answer-lost');
  // The link was made (only its answer was lost): the Account screen the hint points to says so
  // now, not the "No special roles" it read a moment ago.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Roles' })).toContainText('free account');
  await openLinkScreen(page);
  await form.getByRole('radio', { name: 'Subnet owner', exact: true }).check();

  // Success: the validator hotkey, seed not kept.
  await linkWith(page, 'Validator', { wallet: `val/default — ${validator.ss58}` }, 'keyboard');
  const done = page.getByRole('status').filter({ hasText: 'Linked.' });
  await expect(done).toContainText(`Validator hotkey ${validator.ss58} is now linked to alice.`);
  const roles = done.getByRole('list', { name: 'Account roles' });
  // The same badges as on the Account screen: the role in words, not its id.
  await expect(roles.getByRole('listitem')).toHaveText([/^developer /, /^free account /]);
  await expect(done).toContainText('used for this one signature and not kept anywhere');
  await expect(
    page.getByText(
      'A new link of the same type replaces this account’s current one: linking another validator hotkey to alice would replace this one.',
    ),
  ).toBeVisible();
  expect(sandbox.state().users[alice.userId]?.validator_hotkey).toBe(validator.ss58);
  const sent = linkRequests(sandbox, account.ss58).at(-1);
  expect(sent?.hotkey).toBe(account.ss58);
  expect(sent?.query).toContain(`hotkey=${validator.ss58}`);
  // Linked by keyboard: the form went, and the focus is on what it led to, not around the whole screen.
  await expect(done).toBeFocused();
  await screenshot(page, 'link-hotkey-success');

  // The seed went nowhere: the keychain holds the account's own seed (from the config import) only.
  const res = await fetch(`${host.url}/rpc/listWallets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const view = (await res.json()) as { ok: boolean; value?: { seedsInKeychain: Array<{ ss58: string }> | null } };
  expect(view.value?.seedsInKeychain?.map((s) => s.ss58)).toEqual([account.ss58]);
  await page.setViewportSize({ width: 740, height: 900 });
  await screenshot(page, 'link-hotkey-success-narrow');

  // The roles the link gave show on the Account screen at once.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Roles' })).toContainText('free account');
  // A free account is not told its usage is paid from the balance, nor twice that no quota applies.
  const limits = page.getByRole('region', { name: 'Quotas and subscription' });
  await expect(limits).toContainText('No subscription needed: this is a free account.');
  await expect(limits).toContainText('No daily request quota applies');
  await expect(limits).not.toContainText('not counted against a daily quota');
  // The payment address wraps between groups of 12 (as in Settings → Activity), never mid-group.
  const payment = page
    .getByRole('region', { name: 'Overview' })
    .locator('.address', { has: page.getByRole('button', { name: 'Copy the address of the payment address' }) })
    .locator('code');
  const address = (await payment.textContent()) ?? '';
  const breaks = await lineBreaks(payment);
  expect(breaks.length).toBeGreaterThan(0);
  for (const at of breaks) expect((address.indexOf(at.replace('|', '')) + 6) % 12).toBe(0);
  await screenshot(page, 'link-hotkey-account-after');
});

test('linking off: the screen says so before any work, and what exists instead; "Check again" notices a change', async ({
  page,
}) => {
  const { sb: sandbox, host } = await startSandboxAndHost();
  const [account, validator] = await Promise.all([makeKey(), makeKey()]);
  const alice = await registerInSandbox(sandbox.url, account.seed, 'alice');
  await writeHotkey(host.dirs.wallets, 'val', validator);
  // A fresh sandbox has no link routes, as today's server: nothing to turn off.
  expect(sandbox.state().link.enabled).toBe(false);
  const config = path.join(host.dirs.home, 'alice.ini');
  await fs.writeFile(config, cliConfigText(sandbox.url, 'alice', alice.userId, account), { mode: 0o600 });

  await page.goto(host.launchUrl);
  await importCliConfig(page, config);
  await openLinkScreen(page);
  const serverHost = new URL(sandbox.url).host;
  const panel = page.getByRole('region', { name: 'Does this server offer linking?' });
  await expect(panel).toContainText(`Chutes at ${serverHost} does not offer hotkey linking.`);
  await expect(panel).toContainText('reached the user lookup');
  await expect(panel).toContainText(
    'The link routes were removed from the Chutes API on 2025-07-23, and the chutes link command from the CLI on 2025-08-13',
  );
  await expect(panel.getByRole('heading', { name: 'What exists instead' })).toBeVisible();
  await expect(panel).toContainText('Integrated-subnet benefits');
  await expect(page.getByRole('form', { name: 'Link a hotkey' })).toHaveCount(0);
  expect(linkRequests(sandbox, account.ss58)).toHaveLength(1);
  await screenshot(page, 'link-hotkey-off');
  await page.setViewportSize({ width: 600, height: 900 });
  // Three columns of screens here: every name, the longest too, on one line of its own.
  const screens = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  expect(await itemsPerRow(screens)).toEqual([3, 3, 1]);
  expect(new Set(await screens.evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height))).size).toBe(
    1,
  );
  await screenshot(page, 'link-hotkey-off-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Remembered per server: coming back does not probe again…
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles & hotkeys' }).click();
  await openLinkScreen(page);
  await expect(panel).toContainText('remembered for this server');
  expect(linkRequests(sandbox, account.ss58)).toHaveLength(1);
  // …and "Check again" probes afresh.
  sandbox.setLink({ enabled: true });
  await panel.getByRole('button', { name: 'Check again' }).click();
  await expect(panel).toContainText(`Chutes at ${serverHost} offers hotkey linking.`);
  await expect(page.getByRole('form', { name: 'Link a hotkey' })).toBeVisible();
  expect(linkRequests(sandbox, account.ss58)).toHaveLength(2);
  // The answer shown is the probe just made, not a remembered one.
  await expect(panel).not.toContainText('remembered for this server');

  // The routes go again before a link: the panel above the form stops saying they are there.
  sandbox.setLink({ enabled: false });
  await linkWith(page, 'Validator', { wallet: `val/default — ${validator.ss58}` });
  await expect(panel).toContainText(`Chutes at ${serverHost} does not offer hotkey linking.`);
  await expect(panel).not.toContainText('offers hotkey linking.');
  await panel.getByText("The server's answer").click();
  await expect(panel).toContainText('A link request found no link route on this server; nothing was linked.');
  await expect(page.getByRole('form', { name: 'Link a hotkey' })).toHaveCount(0);
});
