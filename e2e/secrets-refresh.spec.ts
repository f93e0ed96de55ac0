import { expect, test } from '@playwright/test';
import { openImportPanel, useSecretsWorld } from './fixtures/secrets-world';
import { ChutesTestClient } from './sandbox/test-client';
import { screenshot } from './fixtures/screenshots';

// Messages after a lost answer or a vanished chute tell the user to refresh the list: the screen
// has the button, and after those failures it reads the list again by itself.
const { openSecrets, CANARY } = useSecretsWorld();

test('Refresh reads the list again; a create whose answer was lost and a vanished chute refresh it by themselves', async ({
  page,
}) => {
  const w = await openSecrets(page);
  const web = w.sb.addChute(w.userId, 'web-app');
  const old = w.sb.addChute(w.userId, 'old-chute');
  await page.reload();
  await expect(page.getByText('No secrets yet.')).toBeVisible();

  // A secret made elsewhere (the CLI, another machine) shows after Refresh.
  const client = new ChutesTestClient(w.sb.url);
  const made = await client.post('/secrets/', {
    body: { purpose: web.chute_id, key: 'FROM_CLI', value: 'x' },
    sign: { key: w.key },
  });
  expect(made.status).toBe(200);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const webGroup = page.getByRole('region', { name: 'Secrets of web-app' });
  await expect(webGroup).toContainText('FROM_CLI');

  // The create arrives but its answer is lost: the message says so and the list already shows it.
  await page.getByRole('button', { name: 'Add a secret…', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add a secret' });
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'web-app' });
  await form.getByLabel(/^Key/).fill('LOST_ANSWER');
  await form.getByLabel(/^Value/).fill(`${CANARY}-l`);
  w.sb.faultOnce({ method: 'POST', path: '/secrets/', garble_after: true });
  await form.getByRole('button', { name: 'Save secret' }).click();
  await expect(form.getByRole('alert')).toContainText('whether it was created is not known');
  await expect(webGroup).toContainText('LOST_ANSWER');
  await screenshot(page, 'secrets-refresh-after-lost-answer');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // The chosen chute is deleted elsewhere: the import's read fails, and the picker no longer offers it.
  const panel = await openImportPanel(page, 'old-chute');
  w.sb.removeChute(old.chute_id);
  await panel.getByLabel('Or paste its contents').fill('A_ONE=1\n');
  await panel.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(panel.getByRole('alert')).toContainText('That chute is not among your chutes any more.');
  await expect(panel.getByLabel('Chute these secrets are for').locator('option', { hasText: 'old-chute' })).toHaveCount(
    0,
  );
});

test('when the chutes cannot be read, the secrets are still listed by chute id; only adding and importing wait', async ({
  page,
}) => {
  const w = await openSecrets(page);
  const web = w.sb.addChute(w.userId, 'web-app');
  const client = new ChutesTestClient(w.sb.url);
  expect(
    (
      await client.post('/secrets/', {
        body: { purpose: web.chute_id, key: 'HF_TOKEN', value: 'x' },
        sign: { key: w.key },
      })
    ).status,
  ).toBe(200);
  w.sb.faultOnce({ method: 'GET', path: '/chutes/', status: 500 });
  await page.reload();
  const unread = page.getByRole('group', { name: 'Chutes not read' });
  await expect(unread).toContainText('Your chutes could not be read, so secrets are listed by chute id');
  const group = page.getByRole('region', { name: `Secrets of Chute ${web.chute_id}` });
  await expect(group).toContainText('HF_TOKEN');
  // Not called gone: the app cannot tell.
  await expect(page.getByText('not among your chutes any more')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add a secret…', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Import a .env file…', exact: true })).toBeDisabled();
  await group.getByRole('checkbox').check();
  await expect(page.getByRole('button', { name: 'Delete selected (1)' })).toBeEnabled();
  await screenshot(page, 'secrets-chutes-unread');
  await unread.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'Secrets of web-app' })).toContainText('HF_TOKEN');
  await expect(unread).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add a secret…', exact: true })).toBeEnabled();
});
