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
