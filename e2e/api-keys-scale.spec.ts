import { expect, test } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { screenshot } from './fixtures/screenshots';

// 10,000 keys (seeded through the sandbox control route, not 10,000 hashed creates): the first page
// is on screen before the rest arrive, and scrolling keeps only a bounded number of rows in the DOM.
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test('10,000 keys: first rows early, all loaded in the background, DOM row count bounded while scrolling', async ({
  page,
}) => {
  test.setTimeout(120_000);
  world = await openKeysWorld(page);
  // Made a minute apart up to noon (UTC) on Nov 28, so big-09991 is dated Nov 21 (a two-digit day,
  // checked below) whatever the time of the run: from the clock, it was a one-digit day late at night.
  world.sb.seedApiKeys({
    user_id: world.userId,
    count: 10_000,
    name_prefix: 'big',
    newest_at: Date.UTC(2026, 10, 28, 12),
  });
  const table = page.getByRole('table', { name: 'API keys' });
  const rows = table.getByRole('row');

  const started = Date.now();
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Read in one frame: the moment a key row is drawn, what the loading progress says then.
  const progressAtFirstRow = await page.waitForFunction(() =>
    document.querySelector('[role="row"][aria-label^="Key "]')
      ? (document.querySelector('[aria-label="Loading progress"]')?.textContent ?? 'no progress shown')
      : null,
  );
  const firstRowsMs = Date.now() - started;
  const loadedThen = /^([\d,]+) of 10,000 keys loaded/.exec(String(await progressAtFirstRow.jsonValue()));
  expect(loadedThen, 'the first rows are drawn while the rest still load').not.toBeNull();
  expect(Number(loadedThen?.[1]?.replace(/,/g, ''))).toBeLessThan(10_000);
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('10,000 keys', { timeout: 60_000 });
  const allMs = Date.now() - started;
  test.info().annotations.push({
    type: 'timing',
    description: `10,000 keys: first rows after ${firstRowsMs} ms, all loaded after ${allMs} ms (50 pages of 200)`,
  });

  const scroller = page.getByTestId('key-scroller');
  const domRows = () => rows.count();
  expect(await domRows()).toBeLessThan(40);
  await page.getByLabel('Sort keys').selectOption('name-asc');
  await expect(rows.nth(1)).toHaveAccessibleName('Key big-00000');
  for (const fraction of [0.25, 0.5, 0.75]) {
    await scroller.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), fraction);
    await expect(
      table.getByRole('row', { name: `Key big-${String(Math.floor(10_000 * fraction)).padStart(5, '0')}` }),
    ).toBeVisible();
    expect(await domRows()).toBeLessThan(40);
  }
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('row', { name: 'Key big-09999' })).toBeVisible();
  expect(await domRows()).toBeLessThan(40);
  await expect(table).toHaveAttribute('aria-rowcount', '10001');
  // A two-digit day's date fits its column, with the row's padding still to its right.
  const created = table.getByRole('row', { name: 'Key big-09991' }).getByRole('cell').last();
  await expect(created).toHaveText(/^Nov 21, 2026, /);
  expect(await created.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
  await screenshot(page, 'api-keys-10k-bottom');

  await page.getByLabel('Search keys').fill('big-0999');
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('10 of 10,000 keys');
  await page.setViewportSize({ width: 760, height: 900 });
  await screenshot(page, 'api-keys-10k-narrow');
});

test('keys on no page (the server keeps no order between pages) are looked for again, then said, not hidden', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  world.sb.seedApiKeys({ user_id: world.userId, count: 1000, name_prefix: 'moving' });
  // Each page request sees the rows in a new order: five pages of 200 cannot be trusted to cover all 1,000.
  world.sb.setFaults({ unordered_lists: true });
  const since = new Date().toISOString();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const warning = page.getByText(/This list is incomplete\. \d+ of the 1,000 keys Chutes counts are missing from it/);
  await expect(warning).toBeVisible({ timeout: 30_000 });
  // Five pages of 200 hold the 1,000 keys: the app asked for more than those before saying so.
  const pageReads = world.sb
    .requests(500)
    .filter((r) => r.at >= since && r.method === 'GET' && r.path === '/api_keys/').length;
  expect(pageReads).toBeGreaterThan(5);
  const text = (await warning.textContent()) ?? '';
  const missing = Number(/(\d+) of the 1,000 keys/.exec(text)?.[1]);
  expect(missing).toBeGreaterThan(0);
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText(
    `${(1000 - missing).toLocaleString('en-US')} keys`,
  );
  await screenshot(page, 'api-keys-unordered-pages');
  world.sb.setFaults({ unordered_lists: false });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('1,000 keys');
  await expect(warning).toHaveCount(0);
});

test('a server that ignores the page asked for is read twice, not 500 times, and said', async ({ page }) => {
  world = await openKeysWorld(page);
  world.sb.seedApiKeys({ user_id: world.userId, count: 1000, name_prefix: 'same' });
  world.sb.setFaults({ ignore_list_page: true });
  const since = new Date().toISOString();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const warning = page.getByText(/^This list is incomplete\. 800 of the 1,00\d keys Chutes counts are missing from it/);
  await expect(warning).toContainText('the same keys as an earlier one');
  await expect(warning).toContainText('admin keys among them, still work until they are deleted');
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('200 keys');
  const asked = world.sb.requests(500).filter((r) => r.at >= since && r.method === 'GET' && r.path === '/api_keys/');
  // After page 0 (asked for by the screen's first load too), only the pages already asked for at once
  // when the first repeat came back.
  expect(asked.filter((r) => !r.query.startsWith('page=0&')).length).toBeLessThanOrEqual(3);
  await screenshot(page, 'api-keys-repeated-page');
});

test('"Select all shown" over more keys than one delete call takes: sent in batches, every result merged', async ({
  page,
}) => {
  test.setTimeout(240_000);
  world = await openKeysWorld(page);
  // One more than a `deleteApiKeys` call takes (DELETE_BATCH_MAX); the list holds up to 100,000.
  world.sb.seedApiKeys({ user_id: world.userId, count: 10_001, name_prefix: 'all' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('10,001 keys', { timeout: 60_000 });
  await page.getByLabel('Select all shown keys').check();
  await page.getByRole('button', { name: 'Delete selected (10,001)' }).click();
  const summary = page.getByRole('region', { name: 'Delete selected keys' });
  await summary.getByLabel(/Type delete to confirm/).fill('delete');
  await summary.getByRole('button', { name: 'Delete 10,001 keys' }).click();
  const results = page.getByRole('region', { name: 'Delete results' });
  await expect(results.getByRole('status')).toContainText('Done: 10,001 deleted.', { timeout: 180_000 });
  expect(Object.keys(world.sb.state().apiKeys)).toEqual([]);
  await expect(page.getByText('No API keys yet.')).toBeVisible();
});
