import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ChutesTestClient } from './sandbox/test-client';
import { breaksInsideWords, laidOutLines, lineBreaks } from './fixtures/line-breaks';
import { useSecretsWorld, openImportPanel } from './fixtures/secrets-world';
import { screenshot } from './fixtures/screenshots';

// The Secrets screen against the sandbox: values go in once and never come back out.
const { openSecrets, expectNoValue, CANARY } = useSecretsWorld();

test('empty states, create with every banned-key branch and the subnet rule, replace on 409, list grouped by chute', async ({
  page,
}) => {
  const w = await openSecrets(page);
  await expect(page.getByText('You have no chutes yet')).toBeVisible();
  // Nothing to list yet, so no command to list it.
  await expect(page.getByText('List them with the chutes CLI')).toHaveCount(0);
  await screenshot(page, 'secrets-no-chutes');

  const web = w.sb.addChute(w.userId, 'web-app');
  w.sb.addChute(w.userId, 'my-affine-miner');
  const old = w.sb.addChute(w.userId, 'old-chute');
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByText('No secrets yet.')).toBeVisible();
  await expect(page.getByText('List them with the chutes CLI')).toHaveCount(0);

  // No secret to tick yet: no Delete selected. The buttons that open a form say so with an ellipsis.
  await expect(page.getByRole('button', { name: /^Delete selected/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import a .env file…', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add a secret…', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add a secret' });
  // The form is open: no prompt below it to open what is already open.
  await expect(form).toBeVisible();
  await expect(page.getByText('No secrets yet.')).toHaveCount(0);
  const keyInput = form.getByLabel(/^Key/);
  const save = form.getByRole('button', { name: 'Save secret' });
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'web-app' });
  const banned: [string, RegExp][] = [
    ['PYTHONPATH', /containing “python” are banned/],
    ['my_sglang_opt', /containing “sglang” are banned/],
    ['SGL_THREADS', /starting with “SGL_” are banned/],
    ['LD_PRELOAD', /starting with “LD_” are banned/],
    ['http_proxy', /HTTP_PROXY is banned/],
    ['HTTPS_PROXY', /HTTPS_PROXY is banned/],
    ['HF_HUB_DISABLE_SSL_VERIFY', /HF_HUB_DISABLE_SSL_VERIFY is banned/],
    ['1BAD', /letters, digits and _ only/],
  ];
  for (const [key, why] of banned) {
    await keyInput.fill(key);
    await expect(form.getByRole('alert')).toHaveText(why);
    await expect(save).toBeDisabled();
  }
  await screenshot(page, 'secrets-banned-key');
  for (const allowed of ['PYTHONUNBUFFERED', 'UV_SYSTEM_PYTHON', 'PYTHONIOENCODING', 'PYTHONWARNINGS']) {
    await keyInput.fill(allowed);
    await expect(form.getByRole('alert')).toHaveCount(0);
  }
  // Integrated-subnet chutes take only the two Hugging Face keys.
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'my-affine-miner' });
  await keyInput.fill('API_KEY');
  await expect(form.getByRole('alert')).toHaveText(/only HF_TOKEN and HUGGING_FACE_HUB_TOKEN/);
  await keyInput.fill('HUGGING_FACE_HUB_TOKEN');
  await expect(form.getByRole('alert')).toHaveCount(0);
  expect(w.sb.requests(200).filter((r) => r.method === 'POST' && r.path === '/secrets/')).toEqual([]);

  // Create, revealing the value while typing.
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'web-app' });
  await keyInput.fill('HF_TOKEN');
  const value = form.getByLabel(/^Value/);
  // No value, nothing sent (a Replace would swap the real secret for an empty one).
  await save.click();
  await expect(form.getByRole('alert')).toHaveText('Enter the value.');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  expect(w.sb.requests(200).filter((r) => r.method === 'POST' && r.path === '/secrets/')).toEqual([]);
  await value.fill(`${CANARY}-1`);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(value).toHaveCSS('-webkit-text-security', 'disc');
  await form.getByLabel('Show the value while typing').check();
  await expect(value).toHaveCSS('-webkit-text-security', 'none');
  await expect(form.locator('pre.command')).toHaveText(
    `chutes secrets create --purpose ${web.chute_id} --key HF_TOKEN --value '<value>'`,
  );
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Created HF_TOKEN on web-app' })).toBeVisible();
  // The form is cleared: the value is in no element, attribute or input of the page.
  expect(await page.content()).not.toContain(CANARY);
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value).join('\n'),
    ),
  ).not.toContain('CANARY');
  const posted = w.sb.requests(200).filter((r) => r.method === 'POST' && r.path === '/secrets/');
  expect(posted.map((r) => r.status)).toEqual([200]);

  // The same chute + key again: 409 → offer to replace, confirmed.
  await page.getByRole('button', { name: 'Add another' }).click();
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'web-app' });
  await keyInput.fill('HF_TOKEN');
  await value.fill(`${CANARY}-2`);
  await save.click();
  await expect(form.getByRole('alert')).toContainText('web-app already has a secret HF_TOKEN.');
  const hfId = Object.values(w.sb.state().secrets)[0]?.secret_id ?? '';
  await expect(form.getByRole('alert').locator('pre.command')).toHaveText(
    `chutes secrets delete ${hfId}\nchutes secrets create --purpose ${web.chute_id} --key HF_TOKEN --value '<value>'`,
  );
  await screenshot(page, 'secrets-replace-offer');
  await form.getByRole('button', { name: 'Replace HF_TOKEN' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replaced HF_TOKEN on web-app' })).toBeVisible();
  expect(Object.values(w.sb.state().secrets).map((s) => s.key)).toEqual(['HF_TOKEN']);

  // One more on a chute that then disappears: it stays listed, as a gone chute.
  await page.getByRole('button', { name: 'Add another' }).click();
  await form.getByLabel('Chute', { exact: true }).selectOption({ label: 'old-chute' });
  await keyInput.fill('DB_URL');
  await value.fill(`${CANARY}-3`);
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Created DB_URL on old-chute' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  w.sb.removeChute(old.chute_id);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Secrets of web-app' }).getByText('HF_TOKEN')).toBeVisible();
  const gone = page.getByRole('region', { name: 'Secrets of Chute no longer exists' });
  await expect(gone).toContainText('DB_URL');
  await expect(gone).toContainText(old.chute_id);

  await page.getByLabel('Search secrets by key or chute').fill('web');
  await expect(page.getByRole('region', { name: /^Secrets of / })).toHaveCount(1);
  await screenshot(page, 'secrets-list-search');
  await page.getByLabel('Search secrets by key or chute').fill('');
  // Each chute's table lines up with the others: the Created column starts at one x in both.
  const createdColumnXs = () =>
    page
      .getByRole('region', { name: /^Secrets of / })
      .getByRole('columnheader', { name: 'Created' })
      .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().x)));
  expect(new Set(await createdColumnXs()).size).toBe(1);
  await expect(page.getByText('List them with the chutes CLI')).toBeVisible();
  // Delete selected is in the top row of buttons, as on API keys; a row's Delete only asks, so it is not red.
  const rowTop = async (name: string) =>
    Math.round((await page.getByRole('button', { name, exact: true }).boundingBox())?.y ?? -1);
  expect(await rowTop('Delete selected')).toBe(await rowTop('Add a secret…'));
  await expect(page.getByRole('button', { name: 'Delete HF_TOKEN on web-app' })).not.toHaveClass(/danger/);
  await screenshot(page, 'secrets-list');
  await page.setViewportSize({ width: 560, height: 900 });
  const narrow = await createdColumnXs();
  expect(narrow).toHaveLength(2);
  expect(new Set(narrow).size).toBe(1);
  await screenshot(page, 'secrets-list-narrow');

  await expectNoValue(w, [CANARY]);
});

test('.env import with new, existing and banned lines and a failure midway, then delete with one already gone', async ({
  page,
}) => {
  const w = await openSecrets(page);
  const web = w.sb.addChute(w.userId, 'web-app');
  const client = new ChutesTestClient(w.sb.url);
  const existing = await client.post<{ secret_id: string }>('/secrets/', {
    body: { purpose: web.chute_id, key: 'EXISTING', value: 'old' },
    sign: { key: w.key },
  });
  expect(existing.status).toBe(200);
  await page.reload();

  const envFile = path.join(w.host.dirs.home, 'app.env');
  await fs.writeFile(
    envFile,
    `# app settings\nA_ONE=${CANARY}-a\nexport B_TWO="${CANARY}-b"\nPYTHONPATH=/opt\nnot an assignment\nEXISTING=${CANARY}-e\nC_THREE=${CANARY}-c\n`,
  );
  const panel = await openImportPanel(page);
  await panel.getByLabel('Path of a .env file').fill(envFile);
  await panel.getByRole('button', { name: 'Read file' }).click();
  const row = (key: string) => panel.locator(`tr[data-key="${key}"]`);
  await expect(row('A_ONE')).toContainText('New');
  await expect(row('B_TWO')).toContainText('New');
  await expect(row('PYTHONPATH')).toContainText('Banned');
  await expect(row('PYTHONPATH')).toContainText('containing “python” are banned');
  await expect(row('EXISTING')).toContainText('Exists');
  await expect(row('EXISTING')).toContainText('tick to replace it');
  await expect(panel.getByText('Line 5 is not KEY=VALUE')).toBeVisible();
  // The preview was worked out for web-app, and the import goes there: the picker is fixed until another read.
  await expect(panel.getByLabel('Chute these secrets are for')).toBeDisabled();
  await row('EXISTING').getByLabel('Replace EXISTING').check();
  await expect(row('EXISTING')).toContainText('the current value will be replaced');
  // A value's length stays on one line with its unit ("•••••••• 26 characters"), wide and narrow;
  // narrow, the dots may go on a line above it.
  const lengthLines = () => laidOutLines(row('A_ONE').locator('td').nth(2));
  expect(await lengthLines()).toHaveLength(1);
  await screenshot(page, 'secrets-import-preview');
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 560, height: 900 });
  expect((await lengthLines()).filter((line) => /\d+ characters/.test(line))).toHaveLength(1);
  // The Status column keeps room for its words: it wraps between them, never inside a name.
  const banned = row('PYTHONPATH').getByText('Keys containing “python” are banned');
  const replaced = row('EXISTING').getByText('the current value will be replaced');
  for (const words of [banned, replaced]) expect(breaksInsideWords(await lineBreaks(words))).toEqual([]);
  await screenshot(page, 'secrets-import-preview-narrow');
  if (wide) await page.setViewportSize(wide);

  // The 2nd create fails: exactly A_ONE is reported created, the rest not sent.
  w.sb.setFaults({ fail_nth: { method: 'POST', path: '/secrets/', n: 2 }, fail_status: 503 });
  // The CLI has no replace: its lines for EXISTING delete the old secret first.
  await expect(panel.locator('pre.command')).toContainText(
    `chutes secrets delete ${existing.json.secret_id}\nchutes secrets create`,
  );
  // Replacing is said in its label; the import stays the panel's main (primary) action, not a red outline.
  const importFour = panel.getByRole('button', { name: 'Import 4 secrets (replaces 1 existing value for good)' });
  await expect(importFour).toHaveClass(/\bprimary\b/);
  await importFour.click();
  await expect(panel.getByText('Stopped: 1 of 4 created.')).toBeVisible();
  await expect(panel.getByText('Created: A_ONE.')).toBeVisible();
  await expect(row('B_TWO')).toContainText('Failed');
  await expect(row('EXISTING')).toContainText('Not sent');
  await expect(row('C_THREE')).toContainText('Not sent');
  // The badge says it once; the words beside it say why.
  await expect(row('C_THREE').getByText(/not sent/i)).toHaveCount(1);
  await expect(row('C_THREE')).toContainText('The import stopped at the failure above.');
  // A_ONE is done: the count is what is still to send, and closing now keeps what was created.
  await expect(panel.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  await screenshot(page, 'secrets-import-midway');
  // What is not created yet can still be left out (the key that failed, say); what was created is locked.
  await expect(row('A_ONE').getByRole('checkbox')).toBeDisabled();
  await row('B_TWO').getByLabel('Import B_TWO').uncheck();
  await expect(
    panel.getByRole('button', { name: 'Import the other 2 secrets (replaces 1 existing value for good)' }),
  ).toBeEnabled();
  await row('B_TWO').getByLabel('Import B_TWO').check();
  await expect(panel).toContainText('They are held for 15 minutes from this read');
  await panel.getByRole('button', { name: 'Import the other 3 secrets (replaces 1 existing value for good)' }).click();
  await expect(panel.getByText('Done: 4 of 4 created.')).toBeVisible();
  await expect(row('EXISTING')).toContainText('Replaced');
  const keys = Object.values(w.sb.state().secrets)
    .map((s) => s.key)
    .sort();
  expect(keys).toEqual(['A_ONE', 'B_TWO', 'C_THREE', 'EXISTING']);
  // A_ONE went out once; B_TWO twice (the failed try and the retry).
  const creates = w.sb.requests(300).filter((r) => r.method === 'POST' && r.path === '/secrets/');
  expect(creates.map((r) => r.status)).toEqual([200, 200, 503, 200, 200, 200]);
  await panel.getByRole('button', { name: 'Close' }).click();

  // Pasted text and a dropped file go the same way; nothing already there is duplicated.
  await page.getByRole('button', { name: 'Import a .env file' }).click();
  await panel.getByLabel('Chute these secrets are for').selectOption({ label: 'web-app' });
  await panel.getByLabel('Or paste its contents').fill(`A_ONE=${CANARY}-again\nD_FOUR=${CANARY}-d\n`);
  await panel.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(row('A_ONE')).toContainText('Exists');
  await expect(row('D_FOUR')).toContainText('New');
  await panel.getByRole('button', { name: 'Read another file' }).click();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.env'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, `E_FIVE=${CANARY}-e5\n`);
  await expect(row('E_FIVE')).toContainText('New');
  // The list of chutes fails to refresh after the import: the report stays, with a way to reload.
  w.sb.faultOnce({ method: 'GET', path: '/chutes/', status: 500 });
  await panel.getByRole('button', { name: 'Import 1 secret' }).click();
  const notRefreshed = page.getByRole('group', { name: 'Chutes list not refreshed' });
  await expect(notRefreshed).toContainText('the chutes shown are from the last answer');
  await expect(panel.getByText('Done: 1 of 1 created.')).toBeVisible();
  await screenshot(page, 'secrets-refresh-failed');
  await notRefreshed.getByRole('button', { name: 'Refresh the chutes' }).click();
  await expect(notRefreshed).toHaveCount(0);
  await expect(panel.getByText('Done: 1 of 1 created.')).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();

  // Delete two; one of them vanishes meanwhile and counts as done.
  await page.getByLabel('Select A_ONE on web-app').check();
  await page.getByLabel('Select B_TWO on web-app').check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm delete' });
  await expect(confirm.locator('pre.command')).toContainText('chutes secrets delete');
  // Listed in the order of the table, not the server's.
  await expect(confirm.getByRole('listitem')).toHaveText(['A_ONE on web-app', 'B_TWO on web-app']);
  // Drawn above the list, away from the button that opened it: focus moves to the question.
  await expect(confirm).toBeFocused();
  const bTwo = Object.values(w.sb.state().secrets).find((s) => s.key === 'B_TWO');
  await client.delete(`/secrets/${bTwo?.secret_id ?? ''}`, { sign: { key: w.key, purpose: 'secrets' } });
  // The selection stays while asking (a cancel would keep it), and goes with the secrets.
  await expect(page.getByLabel('Select A_ONE on web-app')).toBeChecked();
  await expect(page.getByRole('button', { name: 'Delete selected (2)' })).toBeVisible();
  // A value cannot be read back: the delete waits for the word, typed.
  const deleteTwo = confirm.getByRole('button', { name: 'Delete 2 secrets' });
  await expect(deleteTwo).toBeDisabled();
  await confirm.getByLabel('Type delete to confirm').fill('remove');
  await expect(deleteTwo).toBeDisabled();
  await confirm.getByLabel('Type delete to confirm').fill('delete');
  // Another secret's Delete while the question is open asks afresh: the word typed was for those two.
  await page.getByRole('button', { name: 'Delete C_THREE on web-app' }).click();
  await expect(confirm.getByLabel('Type delete to confirm')).toHaveValue('');
  await expect(confirm.getByRole('button', { name: 'Delete 1 secret' })).toBeDisabled();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  await confirm.getByLabel('Type delete to confirm').fill('delete');
  // The last step is filled red: it does not look like the Cancel beside it.
  await expect(deleteTwo).toHaveClass(/\bdanger-fill\b/);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).not.toHaveClass(/danger/);
  await screenshot(page, 'secrets-delete-confirm');
  await deleteTwo.click();
  const results = page.getByRole('status', { name: 'Delete results' });
  await expect(results).toContainText('Done: 1 deleted, 1 already gone.');
  await expect(results).toBeFocused();
  await expect(results).toContainText('B_TWO on web-app — already gone (nothing left to delete)');
  await expect(results).toContainText('A_ONE on web-app — deleted');
  await expect(results.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete selected', exact: true })).toBeDisabled();
  await screenshot(page, 'secrets-delete-results');
  expect(
    Object.values(w.sb.state().secrets)
      .map((s) => s.key)
      .sort(),
  ).toEqual(['C_THREE', 'EXISTING', 'E_FIVE']);

  await expectNoValue(w, [CANARY]);
});

test('lists every page in the background: 230 secrets over 3 pages', async ({ page }) => {
  const w = await openSecrets(page);
  const a = w.sb.addChute(w.userId, 'alpha');
  const b = w.sb.addChute(w.userId, 'beta');
  const client = new ChutesTestClient(w.sb.url);
  for (let i = 0; i < 230; i++) {
    const purpose = i % 2 === 0 ? a.chute_id : b.chute_id;
    const res = await client.post('/secrets/', {
      body: { purpose, key: `KEY_${String(i).padStart(3, '0')}`, value: `v${i}` },
      sign: { key: w.key },
    });
    expect(res.status).toBe(200);
  }
  await page.reload();
  await expect(page.locator('tr[data-secret]')).toHaveCount(230);
  await expect(page.getByRole('region', { name: 'Secrets of alpha' }).locator('tr[data-secret]')).toHaveCount(115);
  const pages = w.sb
    .requests(500)
    .filter((r) => r.method === 'GET' && r.path === '/secrets/')
    .map((r) => r.query);
  expect(pages.slice(-3)).toEqual(['page=0&limit=100', 'page=1&limit=100', 'page=2&limit=100']);
  // The oldest secret (on the last page) is found by search.
  await page.getByLabel('Search secrets by key or chute').fill('key_000');
  await expect(page.locator('tr[data-secret]')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Secrets of alpha' })).toContainText('KEY_000');

  // A server (or proxy) that drops `page` answers page 1 with page 0's secrets: two requests, then said.
  w.sb.setFaults({ ignore_list_page: true });
  const since = new Date().toISOString();
  await page.reload();
  const warning = page.getByText(/This list is incomplete\. 130 of the 230 secrets Chutes counts are missing from it/);
  await expect(warning).toContainText('the same secrets as an earlier one');
  await expect(page.locator('tr[data-secret]')).toHaveCount(100);
  const asked = w.sb.requests(500).filter((r) => r.at >= since && r.method === 'GET' && r.path === '/secrets/');
  expect(asked.map((r) => r.query)).toEqual(['page=0&limit=100', 'page=1&limit=100']);
  await screenshot(page, 'secrets-repeated-page');
  w.sb.setFaults({ ignore_list_page: false });
  await page.reload();
  await expect(page.locator('tr[data-secret]')).toHaveCount(230);
  await expect(warning).toHaveCount(0);
});
