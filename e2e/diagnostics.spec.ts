import { expect, test } from '@playwright/test';
import { screenshot } from './fixtures/screenshots';
import { closedPort, startStubApi, type StubApi } from './fixtures/stub-api';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

let host: RunningWebHost | undefined;
let api: StubApi | undefined;

test.afterEach(async () => {
  await host?.stop();
  await api?.close();
  host = api = undefined;
});

test('Check connection reports a reachable API with its latency and clock', async ({ page }) => {
  api = await startStubApi();
  host = await startWebHost({ env: { CHUTES_API_URL: api.url } });
  await page.goto(host.launchUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Address to test')).toHaveValue(api.url);
  await page.getByRole('button', { name: 'Check connection' }).click();
  const result = page.getByRole('status', { name: 'Connection result' });
  await expect(result).toContainText('Reachable');
  await expect(result).toContainText(/answered in \d+ ms/);
  await expect(result).toContainText(/Your clock (matches the server|is 1 s (ahead of|behind) the server: fine)/);
  expect(api.hits).toEqual(['/ping']);
  await screenshot(page, 'settings-diagnostics-reachable');
  // Typing another address puts the result away: it was about the address it tried.
  await page.getByLabel('Address to test').fill('https://example.invalid');
  await expect(result).toHaveCount(0);
});

test('Check connection explains an unreachable API', async ({ page }) => {
  const port = await closedPort();
  host = await startWebHost({ env: { CHUTES_API_URL: `http://127.0.0.1:${port}` } });
  await page.goto(`${host.launchUrl}`);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Check connection' }).click();
  const result = page.getByRole('status', { name: 'Connection result' });
  await expect(result).toContainText('Unreachable');
  await expect(result).toContainText('Connection refused');
  await expect(result).toContainText(`127.0.0.1:${port} refused the connection`);
  await screenshot(page, 'settings-diagnostics-unreachable');
});

test('Check connection warns when the clock is too far off to sign', async ({ page }) => {
  api = await startStubApi({ clockOffsetSeconds: -15 * 60 });
  host = await startWebHost({ env: { CHUTES_API_URL: api.url } });
  await page.goto(host.launchUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Check connection' }).click();
  const result = page.getByRole('status', { name: 'Connection result' });
  await expect(result).toContainText('Clock skew');
  await expect(result).toContainText(
    /Your clock is 1[45] min( \d+ s)? ahead of the server\. Chutes will refuse every signed request/,
  );
  await screenshot(page, 'settings-diagnostics-skewed');
});

test('a mistyped address gets a specific message and stays as typed', async ({ page }) => {
  host = await startWebHost();
  await page.goto(host.launchUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  const field = page.getByLabel('Address to test');
  await field.fill('api.chutes.ai?x=1');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Enter a full http:// or https:// address without a query, e.g. https://api.chutes.ai',
  );
  await expect(field).toHaveValue('api.chutes.ai?x=1');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Taken while the message is up: retyping the address puts it away.
  await screenshot(page, 'settings-diagnostics-bad-input');
  // A bare ? would put the /ping path in the query: said, not sent.
  await field.fill('http://127.0.0.1:8000?');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^Remove the \? or # and everything after it/);
  await field.fill('api.chutes.ai?x=1');
  // What was typed is still there after a look at another screen.
  await page.getByRole('link', { name: 'Profiles & hotkeys' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(field).toHaveValue('api.chutes.ai?x=1');
  // Testing another address never changes the app's own; one click goes back to it.
  await page.getByRole('button', { name: 'Back to the configured address' }).click();
  await expect(field).toHaveValue('http://127.0.0.1:9');
});
