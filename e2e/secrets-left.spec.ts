import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ImportPreview } from '../shared/secrets';
import { useSecretsWorld } from './fixtures/secrets-world';

// Parsed .env values wait in main's memory only while their preview is on screen.
const { openSecrets, CANARY } = useSecretsWorld();

test('a .env preview left for another screen lets its values go in main at once', async ({ page, request }) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const envFile = path.join(w.host.dirs.home, 'app.env');
  await fs.writeFile(envFile, `A_ONE=${CANARY}-a\n`);
  await page.getByRole('button', { name: 'Import a .env file' }).click();
  const panel = page.getByLabel('Import a .env file');
  await panel.getByLabel('Chute these secrets are for').selectOption({ label: 'web-app' });
  await panel.getByLabel('Path of a .env file').fill(envFile);
  const previewed = page.waitForResponse((r) => r.url().includes('/rpc/previewSecretImport'));
  await panel.getByRole('button', { name: 'Read file' }).click();
  const answer = (await (await previewed).json()) as { ok: true; value: ImportPreview };
  await expect(panel.locator('tr[data-key="A_ONE"]')).toContainText('New');

  const discarded = page.waitForResponse((r) => r.url().includes('/rpc/discardSecretImport'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  expect(await (await discarded).json()).toEqual({ ok: true, value: { discarded: true } });
  // The preview is gone: importing it now (as a stale page would) finds nothing to send.
  const late = await request.post(`${w.host.url}/rpc/runSecretImport`, {
    headers: { authorization: `Bearer ${w.host.token}` },
    data: { importId: answer.value.importId, accept: [{ key: 'A_ONE', replace: false }] },
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
