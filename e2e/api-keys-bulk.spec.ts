import { expect, test, type Page } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { closingAsks } from './fixtures/closing';
import { screenshot } from './fixtures/screenshots';

// A bulk delete of hundreds of keys: how far it is, that closing asks meanwhile, failures first after.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** 450 keys on screen; `idOf` finds one by name in the sandbox. */
async function massWorld(page: Page) {
  const w = (world = await openKeysWorld(page));
  w.sb.seedApiKeys({ user_id: w.userId, count: 450, name_prefix: 'mass' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('450 keys', { timeout: 30_000 });
  const idOf = (name: string) => Object.values(w.sb.state().apiKeys).find((k) => k.name === name)?.api_key_id ?? '';
  return { w, idOf };
}

/** Let the held DELETE go once it has reached the sandbox (it is the 101st of its call, sent 4 at a time). */
async function releaseWhenHeld(w: KeysWorld, path: string) {
  await expect
    .poll(() => w.sb.held().some((r) => r.method === 'DELETE' && r.path === path), { timeout: 30_000 })
    .toBe(true);
  expect(w.sb.release({ method: 'DELETE', path })).toEqual({ released: 1 });
}

/** Select every key and confirm the delete: the summary panel, with the delete under way. */
async function deleteAll(page: Page) {
  await page.getByLabel('Select all shown keys').check();
  await page.getByRole('button', { name: 'Delete selected (450)' }).click();
  const summary = page.getByRole('region', { name: 'Delete selected keys' });
  await summary.getByLabel(/Type delete to confirm/).fill('delete');
  await summary.getByRole('button', { name: 'Delete 450 keys' }).click();
  return summary;
}

test('a long bulk delete shows how far it is, closing asks meanwhile, and failures come first', async ({ page }) => {
  test.setTimeout(90_000);
  const { w, idOf } = await massWorld(page);
  // The selection goes in list order, 200 a call: mass-300 is in the second call, held there.
  w.sb.hold({ method: 'DELETE', path: `/api_keys/${idOf('mass-300')}` });
  w.sb.faultOnce({ method: 'DELETE', path: `/api_keys/${idOf('mass-420')}`, status: 500 });

  const summary = await deleteAll(page);
  // Said once at the start; the count beside it is not read out batch by batch.
  await expect(summary.getByRole('status')).toHaveText('Deleting 450 keys… the results follow when all are done.');
  await expect(summary.getByText('200 of 450 keys done')).toBeVisible();
  await expect(summary.getByRole('progressbar', { name: 'Keys deleted so far, of 450 keys' })).toHaveAttribute(
    'value',
    '200',
  );
  await expect(page.getByRole('button', { name: 'Delete selected (450)' })).toBeDisabled();
  await screenshot(page, 'api-keys-bulk-progress');
  // The rest is sent from this page: closing or reloading now asks first.
  await closingAsks(page);

  await releaseWhenHeld(w, `/api_keys/${idOf('mass-300')}`);
  const results = page.getByRole('region', { name: 'Delete results' });
  await expect(results.getByRole('status')).toContainText('449 deleted; 1 not deleted.', { timeout: 30_000 });
  const perKey = results.getByRole('list', { name: 'Result per key' }).getByRole('listitem');
  await expect(perKey.first()).toContainText('mass-420 — not deleted: Chutes at');
  await expect(perKey.nth(1)).toHaveText('mass-000 — deleted');
  // The failed key is still selected, but the panel is open: its button would do nothing.
  await expect(page.getByRole('button', { name: 'Delete selected (1)' })).toBeDisabled();
  await screenshot(page, 'api-keys-bulk-failed-first');
  await results.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('button', { name: 'Delete selected (1)' })).toBeEnabled();
});

test('a long bulk delete can be stopped: the call under way finishes, the rest is not sent and can be retried', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { w, idOf } = await massWorld(page);
  w.sb.hold({ method: 'DELETE', path: `/api_keys/${idOf('mass-300')}` });
  const summary = await deleteAll(page);
  await expect(summary.getByText('200 of 450 keys done')).toBeVisible();
  await summary.getByRole('button', { name: 'Stop after the keys already sent' }).click();
  await expect(summary.getByRole('status')).toHaveText('Stopping after the keys already sent… the results follow.');
  await releaseWhenHeld(w, `/api_keys/${idOf('mass-300')}`);
  const results = page.getByRole('region', { name: 'Delete results' });
  await expect(results.getByRole('status')).toContainText('400 deleted; 50 not deleted.', { timeout: 30_000 });
  await expect(results.getByRole('list', { name: 'Result per key' }).getByRole('listitem').first()).toContainText(
    'not deleted: Not sent: the delete was stopped before it reached this key.',
  );
  expect(Object.values(w.sb.state().apiKeys).filter((k) => k.name.startsWith('mass'))).toHaveLength(50);
  await results.getByRole('button', { name: 'Retry 50 failed' }).click();
  await expect(results.getByRole('status')).toContainText('450 deleted', { timeout: 30_000 });
});
