import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { useSecretsWorld } from './fixtures/secrets-world';
import { useAccountWorld } from './fixtures/account-world';
import { registerInSandbox } from './fixtures/sandbox';
import { makeKey } from '../electron/wallets/test-fixtures';
import { screenshot } from './fixtures/screenshots';
import { startWebHost } from './fixtures/web-host';

// The app by keyboard alone: every step below is Tab, Shift+Tab, Enter, Space or typing. A control
// Tab cannot reach within `MAX_TABS` presses fails the test where a mouse user would not notice.

let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const MAX_TABS = 60;
const { openSecrets } = useSecretsWorld();
const { world: accountWorld, openAccount } = useAccountWorld();

/** The focus is not on <body>: the next Tab goes on from where the user was, not from the page's top. */
/** The text of the browser's polite live regions, from its accessibility tree: what a screen reader is given to say. */
async function liveRegionTexts(page: Page): Promise<string[]> {
  interface AxNode {
    nodeId: string;
    childIds?: string[];
    role?: { value?: unknown };
    name?: { value?: string };
    properties?: { name: string; value: { value?: unknown } }[];
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const text = (n: AxNode): string =>
      n.role?.value === 'StaticText'
        ? (n.name?.value ?? '')
        : (n.childIds ?? [])
            .map((id) => byId.get(id))
            .map((c) => (c ? text(c) : ''))
            .join('');
    return nodes
      .filter((n) => n.properties?.some((p) => p.name === 'live' && p.value.value === 'polite'))
      .map(text)
      .filter((t) => t !== '');
  } finally {
    await cdp.detach();
  }
}

const focusKept = (page: Page) => page.evaluate(() => document.activeElement !== document.body);

/** Press Tab (or Shift+Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let press = 0; press < MAX_TABS; press++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `not reached within ${MAX_TABS} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`).toBeFocused();
}

test('skip link, screen titles, and an API key created, stored and deleted by keyboard alone', async ({ page }) => {
  world = await openKeysWorld(page);
  await expect(page).toHaveTitle('API keys — Chutes Desktop');
  // The first Tab of a fresh page reaches the skip link, which starts the tab order at the screen.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await screenshot(page, 'keyboard-skip-link');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/api-keys$/); // the route is kept
  await page.keyboard.press('Tab');
  const focusedInMain = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  expect(focusedInMain).toBe(true);

  // Create a key scoped to invoking chutes.
  await tabTo(page, page.getByRole('button', { name: 'Create key…' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Create API key' });
  // Sent empty: refused, and the focus goes to the first field to fix, which says why.
  await tabTo(page, form.getByRole('button', { name: 'Create key' }));
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Name')).toBeFocused();
  await expect(form.getByLabel('Name')).toHaveAccessibleDescription('Give the key a name.');
  await page.keyboard.type('keyboard-key');
  await tabTo(page, form.getByRole('button', { name: 'Invoke any chute' }));
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Equivalent CLI command', { exact: true })).toContainText('"action":"invoke"');
  await tabTo(page, form.getByRole('button', { name: 'Create key' }));
  await page.keyboard.press('Enter');

  // The secret is shown once, in a modal dialog: Tab never reaches the page behind it (past its last
  // control the focus leaves the document for the browser's own UI, as with every modal dialog).
  const dialog = page.getByRole('dialog', { name: 'Your new key “keyboard-key”' });
  await expect(dialog.getByLabel('API key secret')).toBeVisible();
  const behindDialog = () =>
    dialog.evaluate((el) => document.activeElement !== document.body && !el.contains(document.activeElement));
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  for (let press = 0; press < 12; press++) {
    await page.keyboard.press('Tab');
    expect(await behindDialog()).toBe(false);
  }
  await tabTo(page, dialog.getByRole('checkbox', { name: /I have stored it/ }));
  await page.keyboard.press('Space');
  await tabTo(page, dialog.getByRole('button', { name: 'Done' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create key…' })).toBeFocused();
  const row = page.getByRole('row', { name: 'Key keyboard-key' });
  await expect(row).toBeVisible();

  // Open it and delete it, typing its name back.
  await tabTo(page, row.getByRole('link', { name: 'keyboard-key' }));
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: 'Key keyboard-key' });
  await expect(page).toHaveTitle('API keys — Chutes Desktop');
  await tabTo(page, details.getByRole('button', { name: 'Delete…' }));
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('form', { name: 'Delete key keyboard-key' });
  await tabTo(page, confirm.getByLabel(/^Type the key’s name, .+, to confirm$/));
  await page.keyboard.type('keyboard-key');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “keyboard-key”' })).toBeVisible();
  expect(Object.values(world.sb.state().apiKeys).map((k) => k.name)).not.toContain('keyboard-key');
  // The key's page is gone with it: the keyboard goes on from "Create key…", not from the top of the page.
  await expect(page.getByRole('button', { name: 'Create key…' })).toBeFocused();

  // Every screen by keyboard from the side bar, each naming itself in the title.
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Secrets', 'Account', 'Settings', 'Profiles & hotkeys'] as const) {
    await tabTo(page, nav.getByRole('link', { name: label, exact: true }), true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: label, exact: true })).toBeVisible();
    await expect(page).toHaveTitle(`${label} — Chutes Desktop`);
  }
});

test('Secrets by keyboard: Escape steps out of a form, and after a save or a cancel the focus stays where the user was', async ({
  page,
}) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const add = page.getByRole('button', { name: 'Add a secret' });
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Add a secret' });
  await tabTo(page, form.getByLabel(/^Key/));
  await page.keyboard.type('HALF_TYPED');
  // Escape is Cancel: the form closes, and the keyboard is not thrown to the top of the page.
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  expect(await focusKept(page)).toBe(true);

  await tabTo(page, add, true);
  await page.keyboard.press('Enter');
  await tabTo(page, form.getByLabel(/^Key/));
  await page.keyboard.type('HF_TOKEN');
  await tabTo(page, form.getByLabel(/^Value/));
  await page.keyboard.type('hf_keyboard');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Created HF_TOKEN' })).toBeVisible();
  // The form gave way to its outcome: the focus is on what replaced it, and the outcome was said
  // in the app's one live region, which was there before the text.
  expect(await focusKept(page)).toBe(true);
  await expect.poll(() => liveRegionTexts(page)).toContainEqual(expect.stringContaining('Created HF_TOKEN'));
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('a button disabled while its request runs gets the focus back: Check connection', async ({ page }) => {
  // Any signed-in world will do: its sandbox answers the check.
  await openSecrets(page);
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  const check = page.getByRole('button', { name: 'Check connection' });
  await tabTo(page, check);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Connection result' })).toContainText('Reachable');
  await expect(check).toBeFocused();
});

test('a transfer by keyboard: a second Enter after Review does not send, Escape steps back', async ({ page }) => {
  const w = await accountWorld(page);
  await registerInSandbox(w.sb.url, (await makeKey()).seed, 'bob');
  w.sb.setBalance(w.userId, 10);
  await openAccount(page);
  const section = page.getByRole('region', { name: 'Balance transfers' });
  const form = section.getByRole('form', { name: 'Transfer balance' });
  await tabTo(page, form.getByLabel('To (username or user ID)'));
  await page.keyboard.type('bob');
  await tabTo(page, form.getByLabel('Amount (USD)'));
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  const confirm = section.getByRole('form', { name: 'Confirm the transfer' });
  await expect(confirm).toContainText('Send $2.50 to bob?');
  // The form gave way to the question: the focus is on a container, not on "Send now".
  expect(await focusKept(page)).toBe(true);
  await expect(confirm.getByRole('button', { name: 'Send now' })).not.toBeFocused();
  await screenshot(page, 'keyboard-transfer-question');
  // Whatever the page asks main to transfer, and whatever reaches the sandbox: neither may happen.
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/rpc/transferBalance') asked.push(r.url());
  });
  const transferPosts = () =>
    w.sb
      .requests(500)
      .filter((r) => r.method === 'POST' && r.path.includes('transfer'))
      .map((r) => r.path);
  await page.keyboard.press('Enter');
  // Still the question, its Send now not pressed (it would say "Sending…" at once), nothing asked.
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Send now' })).toBeEnabled();
  expect(asked).toEqual([]);
  expect(transferPosts()).toEqual([]);
  await tabTo(page, confirm.getByRole('button', { name: 'Send now' }));
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(form.getByLabel('Amount (USD)')).toHaveValue('2.5');
  expect(await focusKept(page)).toBe(true);
  // Long after that Enter: still nothing was sent, and no money moved.
  expect(asked).toEqual([]);
  expect(transferPosts()).toEqual([]);
  expect(w.sb.users().map((u) => [u.username, u.balance])).toEqual(
    expect.arrayContaining([
      ['alice', 10],
      ['bob', 0],
    ]),
  );
});

test('an outcome takes the focus and Escape closes it: a hotkey file added by keyboard', async ({ page }) => {
  const host = await startWebHost();
  try {
    const key = await makeKey();
    const file = path.join(host.dirs.home, 'backup-hotkey');
    await fs.writeFile(file, JSON.stringify(key.json), { mode: 0o600 });
    await page.goto(host.launchUrl);
    const wallets = page.getByRole('region', { name: 'Wallets' });
    await tabTo(page, wallets.getByRole('button', { name: 'Add a hotkey file…' }));
    await page.keyboard.press('Enter');
    await tabTo(page, wallets.getByLabel(/^Hotkey file/));
    await page.keyboard.type(file);
    await page.keyboard.press('Enter');
    // The form gave way to what it did: that notice has the focus (and is read out), not the page.
    const done = wallets.getByRole('status').filter({ hasText: 'is now in the system keychain' });
    await expect(done).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(done).toHaveCount(0);
    expect(await focusKept(page)).toBe(true);
    await expect(wallets.getByRole('button', { name: 'Add a hotkey file…' })).toHaveAttribute('aria-expanded', 'false');
  } finally {
    await host.stop();
  }
});
