import { expect, test } from '@playwright/test';
import { useRegisterWizard } from './fixtures/register-wizard';
import { screenshot } from './fixtures/screenshots';

// Registration sends a signed request and gets back the account's fingerprint, which works as its
// password: to a plain-HTTP server on another machine, that goes only once the user has said so.
const { start } = useRegisterWizard();

test('a plain-HTTP server on another machine is warned about, and checked only once the user agrees', async ({
  page,
}) => {
  const { sb } = await start(page);
  const form = page.getByRole('form', { name: 'Choose the server' });
  await form.getByRole('radio', { name: /Another address/ }).check();
  await form.getByLabel('API address').fill('http://0.0.0.0:1');
  await expect(form.getByText('http://0.0.0.0:1 is not encrypted.')).toBeVisible();
  const agree = form.getByRole('checkbox', { name: 'Send to this server over plain HTTP anyway' });
  await form.getByRole('button', { name: 'Check connection and continue' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Tick the box to send to this server over plain HTTP, or enter an https:// address.',
  );
  await expect(agree).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('status', { name: 'Connection result' })).toHaveCount(0);
  await screenshot(page, 'register-plain-http');

  // Agreed: the check is sent (nothing answers there).
  await agree.check();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Check connection and continue' }).click();
  await expect(form.getByText(/Registration cannot continue:.*does not answer/)).toBeVisible();

  // Another address: the agreement was for that one only. Loopback over HTTP is this machine: no warning.
  await form.getByLabel('API address').fill('http://10.0.0.9:8000');
  await expect(agree).not.toBeChecked();
  await form.getByLabel('API address').fill(sb.url);
  await expect(agree).toHaveCount(0);
  await form.getByRole('button', { name: 'Check connection and continue' }).click();
  await expect(page).toHaveURL(/#\/register\/username$/);
});
