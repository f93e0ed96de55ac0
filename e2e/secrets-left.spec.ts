import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ImportPreview } from '../shared/secrets';
import { useSecretsWorld, openImportPanel } from './fixtures/secrets-world';
import { ChutesTestClient } from './sandbox/test-client';

// Parsed .env values wait in main's memory only while their preview is on screen.
const { openSecrets, CANARY } = useSecretsWorld();

test('a .env preview left for another screen lets its values go in main at once', async ({ page, request }) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const envFile = path.join(w.host.dirs.home, 'app.env');
  await fs.writeFile(envFile, `A_ONE=${CANARY}-a\n`);
  const panel = await openImportPanel(page);
  await panel.getByLabel('Path of a .env file').fill(envFile);
  const previewed = page.waitForResponse((r) => r.url().includes('/rpc/previewSecretImport'));
  await panel.getByRole('button', { name: 'Read file' }).click();
  const answer = (await (await previewed).json()) as { ok: true; value: ImportPreview };
  await expect(panel.locator('tr[data-key="A_ONE"]')).toContainText('New');

  const discarded = page.waitForResponse((r) => r.url().includes('/rpc/discardSecretImport'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  expect(await (await discarded).json()).toEqual({ ok: true, value: { discarded: true } });
  // The preview is gone: importing it now (as a stale page would) finds nothing to send.
  const auth = { authorization: `Bearer ${w.host.token}` };
  const profiles = await request.post(`${w.host.url}/rpc/listProfiles`, { headers: auth, data: {} });
  const { activeId } = ((await profiles.json()) as { value: { activeId: string } }).value;
  const late = await request.post(`${w.host.url}/rpc/runSecretImport`, {
    headers: auth,
    data: { importId: answer.value.importId, accept: [{ key: 'A_ONE', replace: false }], reviewedFor: activeId },
  });
  expect(await late.json()).toMatchObject({ ok: false, error: { reason: 'import-expired' } });
  expect(Object.values(w.sb.state().secrets)).toEqual([]);
});

test('Add a secret keeps the chute and the key name across panels and screens, never the value', async ({ page }) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  w.sb.addChute(w.userId, 'worker');
  await page.reload();
  const form = page.getByRole('form', { name: 'Add a secret' });
  await page.getByRole('button', { name: 'Add a secret' }).click();
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'worker' });
  await form.getByLabel(/^Key/).fill('HF_TOKEN');
  await form.getByLabel(/^Value/).fill(`${CANARY}-typed`);
  await page.getByRole('button', { name: 'Import a .env file' }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  await page.getByRole('button', { name: 'Add a secret' }).click();
  await expect(form.getByLabel('Chute', { exact: true })).toHaveValue(/.+/);
  await expect(form.getByLabel('Chute', { exact: true }).locator('option:checked')).toHaveText('worker');
  await expect(form.getByLabel(/^Key/)).toHaveValue('HF_TOKEN');
  await expect(form.getByLabel(/^Value/)).toHaveValue('');
  // Cancel forgets it.
  await form.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Add a secret' }).click();
  await expect(form.getByLabel(/^Key/)).toHaveValue('');
});

test('a secrets delete answered after the user left says there which were not deleted', async ({ page }) => {
  const w = await openSecrets(page);
  const web = w.sb.addChute(w.userId, 'web-app');
  const client = new ChutesTestClient(w.sb.url);
  const ids: Record<string, string> = {};
  for (const key of ['A_ONE', 'B_TWO']) {
    const made = await client.post<{ secret_id: string }>('/secrets/', {
      body: { purpose: web.chute_id, key, value: `${CANARY}-${key}` },
      sign: { key: w.key },
    });
    ids[key] = made.json.secret_id;
  }
  await page.reload();
  await page.getByLabel('Select A_ONE on web-app').check();
  await page.getByLabel('Select B_TWO on web-app').check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  w.sb.faultOnce({ method: 'DELETE', path: `/secrets/${ids.B_TWO ?? ''}`, status: 500 });
  w.sb.setFaults({ latency_ms: 1500 });
  const confirm = page.getByRole('alertdialog', { name: 'Confirm delete' });
  await confirm.getByLabel('Type delete to confirm').fill('delete');
  await confirm.getByRole('button', { name: 'Delete 2 secrets' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const told = page.getByRole('alert').filter({ hasText: 'Deleting secrets: 1 deleted; 1 not deleted.' });
  await expect(told).toContainText('Not deleted: B_TWO on web-app.', { timeout: 10_000 });
  w.sb.setFaults({ latency_ms: 0 });
  expect(Object.values(w.sb.state().secrets).map((s) => s.key)).toEqual(['B_TWO']);
});

test('a chute name too long for the window wraps: the Secrets group and the key scope picker keep the page its width', async ({
  page,
}) => {
  const w = await openSecrets(page);
  const long = w.sb.addChute(w.userId, `chute${'n'.repeat(400)}`);
  const made = await new ChutesTestClient(w.sb.url).post('/secrets/', {
    body: { purpose: long.chute_id, key: 'LONG', value: CANARY },
    sign: { key: w.key },
  });
  expect(made.status).toBe(200);
  await page.reload();
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await expect(page.getByRole('region', { name: `Secrets of ${long.name}` })).toBeVisible();
  expect(await fits()).toBe(true);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Create key…' }).click();
  await page.getByRole('button', { name: 'Invoke one of your chutes' }).click();
  await expect(page.getByRole('group', { name: 'Chosen chutes for scope 1' })).toContainText(long.name);
  expect(await fits()).toBe(true);
});

test('a .env import answered after the user left says there what was and was not created', async ({ page }) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const panel = await openImportPanel(page);
  await panel.getByLabel('Or paste its contents').fill(`A_ONE=${CANARY}-a\nB_TWO=${CANARY}-b\n`);
  await panel.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(panel.locator('tr[data-key="B_TWO"]')).toContainText('New');
  w.sb.setFaults({ latency_ms: 1500, fail_nth: { method: 'POST', path: '/secrets/', n: 2 }, fail_status: 503 });
  await panel.getByRole('button', { name: 'Import 2 secrets' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const told = page.getByRole('alert').filter({ hasText: 'Importing the .env file into web-app: 1 of 2 created.' });
  await expect(told).toContainText('Not created: B_TWO (read the file again to import them).', { timeout: 15_000 });
  w.sb.setFaults({ latency_ms: 0 });
  expect(Object.values(w.sb.state().secrets).map((s) => s.key)).toEqual(['A_ONE']);
});
