import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { storedSecretValue, useSecretsWorld, openImportPanel } from './fixtures/secrets-world';
import { screenshot } from './fixtures/screenshots';

// The .env import's edges as a user meets them: what a file is, what it means, and what the panel
// lets happen while an import runs.
const { openSecrets, expectNoValue, CANARY } = useSecretsWorld();

/** Drop a file holding `bytes` on the window, as from a file manager. */
async function dropFile(page: Page, name: string, bytes: number[]): Promise<void> {
  await page.evaluate(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(content)], fileName));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [name, bytes] as const,
  );
}

test('a relative path, a Latin-1 file, a UTF-16 drop and mangled pasted text are each refused in plain words, keeping what was typed', async ({
  page,
}) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const previews: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/rpc/previewSecretImport')) previews.push(r.url());
  });
  const panel = await openImportPanel(page);
  const pathInput = panel.getByLabel('Path of a .env file');

  // Said by the page, in words, without "source.path".
  await pathInput.fill('project/.env');
  await panel.getByRole('button', { name: 'Read file' }).click();
  const pathProblem = panel.getByRole('alert');
  await expect(pathProblem).toHaveText(/^Enter the full path of the file, starting with \/ or ~/);
  await expect(pathProblem).toContainText('a relative path such as project/.env');
  await expect(pathProblem).not.toContainText('source.path');
  await expect(pathInput).toHaveAttribute('aria-invalid', 'true');
  await expect(pathInput).toHaveValue('project/.env');
  expect(previews).toEqual([]);
  await screenshot(page, 'secrets-import-relative-path');

  const latin1 = path.join(w.host.dirs.home, 'latin1.env');
  await fs.writeFile(latin1, Buffer.from('GREETING=café\n', 'latin1'), { mode: 0o600 });
  await pathInput.fill(latin1);
  await expect(pathProblem).toHaveCount(0);
  await panel.getByRole('button', { name: 'Read file' }).click();
  await expect(panel.getByText(/latin1\.env is not UTF-8 text .*; save it as UTF-8 and try again\./)).toBeVisible();
  await expect(pathInput).toHaveValue(latin1);

  // Windows PowerShell 5's `>` writes UTF-16LE with a byte-order mark.
  await dropFile(page, 'ps.env', [0xff, 0xfe, ...[...Buffer.from('A=1\n', 'utf16le')]]);
  await expect(panel.getByText('ps.env is not UTF-8 text: it is UTF-16')).toBeVisible();

  const pasted = panel.getByLabel('Or paste its contents');
  await pasted.fill('A=1\nB=caf\uFFFD\n');
  await panel.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(panel.getByText(/The pasted text holds the character � \(U\+FFFD\) on line 2/)).toBeVisible();
  await expect(pasted).toHaveValue('A=1\nB=caf\uFFFD\n');
  await screenshot(page, 'secrets-import-not-utf8');
});

test('values mean what python-dotenv reads; a repeated key is named; focus follows the preview and the report; nothing can cut an import short', async ({
  page,
}) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const panel = await openImportPanel(page);
  const envFile = path.join(w.host.dirs.home, 'app.env');
  const password = `${CANARY}#def`;
  await fs.writeFile(
    envFile,
    `DB_PASSWORD=${password}\nQUOTED="he said \\"hi\\""\nDB_PASSWORD=${password} # the second one wins\nOTHER=${CANARY}-o\n`,
    { mode: 0o600 },
  );
  await panel.getByLabel('Path of a .env file').fill(envFile);
  await panel.getByRole('button', { name: 'Read file' }).click();
  const heading = panel.getByRole('heading', { name: '3 keys read for web-app' });
  await expect(heading).toBeFocused();
  const row = (key: string) => panel.locator(`tr[data-key="${key}"]`);
  // The whole value, `#def` included; the quotes' backslashes are gone.
  await expect(row('DB_PASSWORD')).toContainText(`${password.length} characters`);
  await expect(row('QUOTED')).toContainText(`${'he said "hi"'.length} characters`);
  await expect(panel.getByText('Set more than once: DB_PASSWORD on lines 1, 3.')).toBeVisible();
  await screenshot(page, 'secrets-import-duplicates');

  // While it runs: no Cancel, no Read another file, and a file dropped on the window is not taken.
  const previews: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/rpc/previewSecretImport')) previews.push(r.url());
  });
  w.sb.setFaults({ latency_ms: 800 });
  await panel.getByRole('button', { name: 'Import 3 secrets' }).click();
  await expect(panel.getByRole('button', { name: 'Importing…' })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Read another file' })).toHaveCount(0);
  await dropFile(page, 'other.env', [...Buffer.from('E_FIVE=5\n')]);
  await expect(panel.getByText('Done: 3 of 3 created.')).toBeVisible({ timeout: 15_000 });
  w.sb.setFaults({ latency_ms: 0 });
  expect(previews).toEqual([]);
  await expect(panel.getByText('Done: 3 of 3 created.').locator('xpath=ancestor::div[@tabindex="-1"]')).toBeFocused();
  expect(
    Object.values(w.sb.state().secrets)
      .map((s) => s.key)
      .sort(),
  ).toEqual(['DB_PASSWORD', 'OTHER', 'QUOTED']);
  await screenshot(page, 'secrets-import-done');
  await expectNoValue(w, [CANARY]);
});

test('${NAME} is filled in from the file as python-dotenv does, one it cannot fill is noted, and a bare token line is masked and left unticked', async ({
  page,
}) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  await page.reload();
  const panel = await openImportPanel(page);
  const bare = 'dGhpcyBpcyBhIHNlY3JldA==';
  await panel
    .getByLabel('Or paste its contents')
    .fill(`DB_HOST=db.local\nDB_URL="postgres://\${DB_HOST}/app"\nAPI_URL=https://\${API_HOST}/v1\n${bare}\n`);
  await panel.getByRole('button', { name: 'Read pasted text' }).click();
  await expect(panel.getByRole('heading', { name: '4 keys read for web-app' })).toBeFocused();
  const row = (key: string) => panel.locator(`tr[data-key="${key}"]`);
  await expect(row('DB_URL')).toContainText(`${'postgres://db.local/app'.length} characters`);
  await expect(row('API_URL')).toContainText(
    '${API_HOST} names a key not set earlier in this file, so it was left as written',
  );
  // The token is neither shown nor ticked; the others are.
  const token = panel.getByRole('row').filter({ hasText: 'a key that looks like a secret' });
  await expect(token).toContainText('looks like a bare secret');
  await expect(token.getByRole('checkbox')).not.toBeChecked();
  // Not on screen, and not anywhere in the page's markup either (an attribute, a label).
  expect(await page.content()).not.toContain('dGhpcyBpcyBhIHNlY3JldA');
  await expect(row('DB_HOST').getByRole('checkbox')).toBeChecked();
  await screenshot(page, 'secrets-import-references');
  await panel.getByRole('button', { name: 'Import 3 secrets' }).click();
  await expect(panel.getByText('Done: 3 of 3 created.')).toBeVisible();
  expect(storedSecretValue(w.sb, 'DB_URL')).toBe('postgres://db.local/app');
  expect(storedSecretValue(w.sb, 'API_URL')).toBe('https://${API_HOST}/v1');
  expect(Object.values(w.sb.state().secrets).map((s) => s.key)).not.toContain('dGhpcyBpcyBhIHNlY3JldA');
});

test('reading waits for a chute: the Read buttons are off until one is chosen, and a file dropped before then is kept and read once it is', async ({
  page,
}) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  w.sb.addChute(w.userId, 'worker');
  await page.reload();
  await page.getByRole('button', { name: 'Import a .env file' }).click();
  const panel = page.getByRole('group', { name: 'Import a .env file' });
  const picker = panel.getByLabel('Chute these secrets are for');
  await expect(picker).toHaveAccessibleDescription(/^Reading waits for a chute to be chosen/);
  await panel.getByLabel('Or paste its contents').fill('A_ONE=1\n');
  await panel.getByLabel('Path of a .env file').fill('/tmp/x.env');
  await expect(panel.getByRole('button', { name: 'Read pasted text' })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Read file' })).toBeDisabled();

  await dropFile(page, 'app.env', [...Buffer.from('B_TWO=2\nC_THREE=3\n')]);
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(picker).toHaveAccessibleDescription(
    'Choose the chute these secrets are for: app.env is read as soon as you do.',
  );
  await screenshot(page, 'secrets-import-drop-waits-for-chute');
  await picker.selectOption({ label: 'worker' });
  await expect(panel.getByRole('heading', { name: '2 keys read for worker' })).toBeVisible();
  await expect(picker).not.toHaveAttribute('aria-invalid', 'true');
});

test('Add a secret says why Save waits for a chute, invites no password manager, and moves focus to what it saved', async ({
  page,
}) => {
  const w = await openSecrets(page);
  w.sb.addChute(w.userId, 'web-app');
  w.sb.addChute(w.userId, 'worker');
  await page.reload();
  await page.getByRole('button', { name: 'Add a secret' }).click();
  const form = page.getByRole('form', { name: 'Add a secret' });
  const chute = form.getByLabel('Chute', { exact: true });
  await form.getByLabel(/^Key/).fill('HF_TOKEN');
  await expect(form.getByRole('button', { name: 'Save secret' })).toBeDisabled();
  await expect(chute).toHaveAccessibleDescription(
    'Save waits for a chute to be chosen: each secret belongs to one of your chutes.',
  );
  const value = form.getByLabel(/^Value/);
  // Multi-line (a password input flattens a pasted PEM key's line breaks into spaces), masked by CSS.
  await expect(value).toHaveJSProperty('tagName', 'TEXTAREA');
  await expect(value).toHaveCSS('-webkit-text-security', 'disc');
  await expect(value).toHaveAttribute('autocomplete', 'off');
  await expect(value).toHaveAttribute('data-lpignore', 'true');
  await screenshot(page, 'secrets-create-no-chute');
  await chute.selectOption({ label: 'worker' });
  await expect(form.getByText('Save waits for a chute')).toHaveCount(0);
  const pem = `-----BEGIN PRIVATE KEY-----\nMIIEv${CANARY}QIBADAN\nBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n`;
  await value.focus();
  // As a paste arrives: one insertion of the whole text.
  await page.keyboard.insertText(pem);
  await form.getByRole('button', { name: 'Save secret' }).click();
  const saved = page.getByRole('group', { name: 'Secret saved' });
  await expect(saved).toContainText('Created HF_TOKEN on worker');
  // Every line break arrived, none turned into a space.
  expect(storedSecretValue(w.sb, 'HF_TOKEN')).toBe(pem);
  // Typed by hand: Shift+Enter starts a line, Enter saves.
  await page.getByRole('button', { name: 'Add another' }).click();
  await chute.selectOption({ label: 'worker' });
  await form.getByLabel(/^Key/).fill('TWO_LINES');
  await value.focus();
  await page.keyboard.type('first');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second');
  await page.keyboard.press('Enter');
  await expect(saved).toContainText('Created TWO_LINES on worker');
  expect(storedSecretValue(w.sb, 'TWO_LINES')).toBe('first\nsecond');
  await expect(saved.locator('[tabindex="-1"]')).toBeFocused();
});
