import { expect, test } from '@playwright/test';
import { forwardedPort } from './fixtures/forwarded-port';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

let first: RunningWebHost;
let second: RunningWebHost;
test.beforeAll(async () => {
  [first, second] = await Promise.all([startWebHost(), startWebHost()]);
});
test.afterAll(async () => {
  await Promise.all([first.stop(), second.stop()]);
});

test('the new address of a restarted web host, pasted into the open tab, lets it in again on the same screen', async ({
  page,
}) => {
  const port = await forwardedPort();
  try {
    port.serve(first);
    const base = `http://127.0.0.1:${port.port}`;
    await page.goto(`${base}/#token=${first.token}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('web host (browser)')).toBeVisible();

    // Restarted: the tab's token is now refused, and the page says to open the new address.
    port.serve(second);
    await page.reload();
    const gate = page.getByRole('alert');
    await expect(gate.getByRole('heading', { name: 'This tab cannot reach Chutes Desktop' })).toBeVisible();
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    // Opened in this same tab, the new address changes only the fragment: the page is not loaded again.
    await page.goto(`${base}/#token=${second.token}`);
    await expect(page.getByText('web host (browser)')).toBeVisible();
    await expect(gate).toBeHidden();
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    expect(page.url()).toBe(`${base}/#/settings`);
    expect(await page.evaluate(() => sessionStorage.getItem('chutes.webToken'))).toBe(second.token);
  } finally {
    port.close();
  }
});
