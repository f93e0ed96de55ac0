import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { makeKey } from '../electron/wallets/test-fixtures';
import { openAccounts, hotkey } from './fixtures/accounts-page';
import { cliConfigText, importCliConfig } from './fixtures/cli-profile';
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

async function elsewhere<T>(request: APIRequestContext, h: RunningWebHost, channel: string, input: object): Promise<T> {
  const answer = await request.post(`${h.url}/rpc/${channel}`, {
    headers: { authorization: `Bearer ${h.token}` },
    data: input,
  });
  const body = (await answer.json()) as { ok: boolean; value: T };
  expect(body.ok, `${channel} from another window`).toBe(true);
  return body.value;
}

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
