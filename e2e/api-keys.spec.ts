import { expect, test, type Page } from '@playwright/test';
import { openKeysWorld, type KeysWorld } from './fixtures/api-keys-world';
import { screenshot } from './fixtures/screenshots';

// The API keys console against the sandbox: list/search/sort/filter, presets, JSON scopes (reveal once: api-keys-reveal.spec.ts).
let world: KeysWorld | undefined;
test.afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const keyRows = (page: Page) =>
  page
    .getByRole('table', { name: 'API keys' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

async function createWith(page: Page, name: string, pick: (page: Page) => Promise<void>): Promise<string> {
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill(name);
  await pick(page);
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: `Your new key “${name}”` });
  await expect(dialog).toBeVisible();
  const secret = (await dialog.getByLabel('API key secret').textContent()) ?? '';
  expect(secret).toMatch(/^cpk_[0-9a-f]{32}\.[0-9a-f]{32}\.[A-Za-z0-9]{32}$/);
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

test('lists, searches, filters and sorts keys; the first page shows before the rest arrive', async ({ page }) => {
  world = await openKeysWorld(page);
  world.sb.seedApiKeys({ user_id: world.userId, count: 450, name_prefix: 'svc' });
  // Pages 2 and 3 wait in the sandbox until released: page 1 of 3 is seen alone for as long as it takes.
  for (const p of ['1', '2']) world.sb.hold({ method: 'GET', path: '/api_keys/', query: { page: p } });
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Page 1 of 3 is on screen while the other pages are still in flight.
  await expect(page.getByRole('group', { name: 'Loading progress' })).toContainText(
    '200 of 450 keys loaded (1/3 pages)',
  );
  // Read out once as loading starts, not at every page: the count beside it is not a live region.
  await expect(page.getByRole('status').filter({ hasText: 'Loading keys…' })).toHaveText('Loading keys…');
  await expect(page.getByRole('group', { name: 'Loading progress' }).getByRole('status')).toHaveCount(0);
  // The bar says what the text says: keys, not pages (200/450, where 1/3 pages would show less).
  const bar = page.getByRole('progressbar', { name: 'Keys loaded' });
  await expect(bar).toHaveAttribute('value', '200');
  await expect(bar).toHaveAttribute('max', '450');
  await expect(keyRows(page).first()).toBeVisible();
  // One count while pages arrive: the progress line's, not a second "200 keys" beside the sort.
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('');
  await screenshot(page, 'api-keys-loading');
  // Both other pages were asked for, and are still out (sent together, so in either order).
  await expect
    .poll(() =>
      world?.sb
        .held()
        .map((h) => h.query)
        .sort(),
    )
    .toEqual([expect.stringContaining('page=1'), expect.stringContaining('page=2')]);
  await expect(page.getByRole('group', { name: 'Loading progress' })).toContainText('(1/3 pages)');
  expect(world.sb.release({ method: 'GET', path: '/api_keys/' })).toEqual({ released: 2 });
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('450 keys');
  // Named like the Secrets screen's: a count only once something is chosen.
  await expect(page.getByRole('button', { name: 'Delete selected', exact: true })).toBeDisabled();

  const table = page.getByRole('table', { name: 'API keys' });
  await page.getByLabel('Search keys').fill('svc-07');
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('10 of 450 keys'); // svc-070…079
  await page.getByLabel('Sort keys').selectOption('name-desc');
  await expect(keyRows(page).first()).toHaveAccessibleName('Key svc-079');
  await page.getByLabel('Sort keys').selectOption('name-asc');
  await expect(keyRows(page).first()).toHaveAccessibleName('Key svc-070');
  await page.getByLabel('Search keys').fill('');
  await page.getByRole('combobox', { name: 'Show', exact: true }).selectOption('admin');
  // Every 7th seeded key is admin: 0, 7, …, 448 → 65 keys.
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText('65 of 450 keys');
  await expect(table.getByText('Scoped', { exact: true })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Show', exact: true }).selectOption('images');
  await expect(page.getByRole('status', { name: 'Shown keys' })).toHaveText(/^\d+ of 450 keys$/);
  // A dashed chip (a key made elsewhere) says in words, too, that its action is unknown.
  await expect(keyRows(page).first().getByRole('cell').nth(4)).toContainText(
    'Actions not reported by Chutes: images: 1 chosen',
  );
  await page.getByLabel('Sort keys').selectOption('created-asc');
  await expect(keyRows(page).first()).toHaveAccessibleName('Key svc-445'); // the oldest seeded image key (448 is admin)
  await screenshot(page, 'api-keys-filtered');

  // A name with a right-to-left override would read as "admin-key-0"; it is shown as it is made.
  world.sb.seedApiKeys({ user_id: world.userId, count: 1, name_prefix: '\u202Eyek-nimda' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('combobox', { name: 'Show', exact: true }).selectOption('all');
  await page.getByLabel('Search keys').fill('nimda');
  const spoof = page.getByRole('row', { name: 'Key ⟨U+202E⟩yek-nimda-0' });
  await expect(spoof.getByRole('link')).toHaveText('⟨U+202E⟩yek-nimda-0');
  // Deleting it asks for the name as shown, which can be typed.
  await spoof.getByRole('link').click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('form', { name: 'Delete key ⟨U+202E⟩yek-nimda-0' });
  await expect(confirm).toContainText('Type the key’s name, ⟨U+202E⟩yek-nimda-0, to confirm');
  await confirm.getByLabel(/^Type the key’s name, .+, to confirm$/).fill('⟨U+202E⟩yek-nimda-0');
  await confirm.getByRole('button', { name: 'Delete key' }).click();
  await expect.poll(() => Object.values(world!.sb.state().apiKeys).filter((k) => k.name.includes('nimda'))).toEqual([]);
});

test('each preset and JSON scopes create exactly the requested key; the secret is revealed once', async ({ page }) => {
  world = await openKeysWorld(page);
  const w = world;
  const sent = () => {
    const scopes = Object.values(w.sb.state().apiKeys).map((k) => ({
      name: k.name,
      admin: k.admin,
      scopes: k.scopes.map(({ object_type, object_id, action }) => ({ object_type, object_id, action })),
    }));
    return scopes;
  };

  await createWith(page, 'invoker', async (p) => {
    await p.getByRole('button', { name: 'Invoke any chute' }).click();
    await expect(p.getByLabel('Equivalent CLI command', { exact: true })).toHaveText(
      `chutes keys create --name 'invoker' --json-input '{"scopes":[{"object_type":"chutes","object_id":null,"action":"invoke"}]}'`,
    );
    // "Every chute" matches any chute invoked, not only the account's own (reference §1.4).
    await expect(p.getByRole('group', { name: 'What this key can do' }).getByRole('listitem')).toHaveText([
      'Invoke any chute on Chutes — public ones included, not only yours — billed to this account',
      'Also invoke every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account, even when its scopes name one chute',
    ]);
    await screenshot(p, 'api-keys-create-preset');
  });
  await createWith(page, 'one-chute', async (p) => {
    await p.getByRole('button', { name: 'Invoke one of your chutes' }).click();
    // The all-or-chosen pair is a named group, level with the selects and Remove beside it.
    const scope = p.getByRole('group', { name: 'Scope 1', exact: true });
    const which = scope.getByRole('radiogroup', { name: 'Which chutes' });
    await expect(which.getByRole('radio', { name: 'Only chosen chutes' })).toBeChecked();
    await expect(which.getByRole('radio', { name: 'All chutes' })).not.toBeChecked();
    const middle = async (box: Promise<{ y: number; height: number } | null>) => {
      const b = await box;
      return b ? b.y + b.height / 2 : NaN;
    };
    const level = await middle(scope.getByRole('combobox', { name: /^Action/ }).boundingBox());
    expect(Math.abs((await middle(which.boundingBox())) - level)).toBeLessThan(3);
    expect(
      Math.abs((await middle(scope.getByRole('button', { name: 'Remove scope 1' }).boundingBox())) - level),
    ).toBeLessThan(3);
    // Another object type keeps the row narrowed (to none chosen yet), never widened to all.
    const type = scope.getByRole('combobox', { name: /^Object type/ });
    await type.selectOption('images');
    await expect(scope.getByRole('radio', { name: 'Only chosen images' })).toBeChecked();
    await type.selectOption('chutes');
    await expect(which.getByRole('radio', { name: 'Only chosen chutes' })).toBeChecked();
    const chosen = p.getByRole('group', { name: 'Chosen chutes for scope 1' });
    await chosen.getByLabel(/llama-chat/).uncheck();
    await chosen.getByLabel(/whisper-stt/).check();
    // In words before the JSON: a scoped key can only invoke; "any action" grants the rest for nothing.
    const powers = p.getByRole('group', { name: 'What this key can do' });
    // Chutes lets any invoking chutes scope through to the public-model hosts, whichever chute it names.
    await expect(powers.getByRole('listitem')).toHaveText([
      'Invoke the chute whisper-stt',
      'Also invoke every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account, even when its scopes name one chute',
    ]);
    await expect(powers).toContainText('It cannot read or change anything through Chutes’ API');
    await scope.getByRole('combobox', { name: /^Action/ }).selectOption('any');
    await expect(powers).toContainText(
      'Also granted, but of no use, since Chutes’ API lets no scoped key through (it checks each request against the last part of its path, which no scope names): read, create and change, delete the chute whisper-stt.',
    );
    await screenshot(p, 'api-keys-create-unusable');
    await scope.getByRole('combobox', { name: /^Action/ }).selectOption('invoke');
  });
  await createWith(page, 'from-json', async (p) => {
    await p.getByRole('tab', { name: 'JSON' }).click();
    const json = p.getByLabel('Key request JSON');
    await json.fill(
      '{"name":"from-json","admin":false,"scopes":[{"object_type":"images","object_id":null,"action":"nuke"}]}',
    );
    await expect(p.getByRole('list', { name: 'JSON problems' })).toContainText('scopes.0.action');
    await expect(p.getByText('Nothing can be sent until the JSON above is fixed.')).toBeVisible();
    await expect(p.getByRole('button', { name: 'Create key' })).toBeDisabled();
    // The focus ring (4 px out) stays clear of the label above, whose underscores it covered.
    const label = await p.getByText('the exact body of', { exact: false }).boundingBox();
    const area = await json.boundingBox();
    expect(area!.y - (label!.y + label!.height)).toBeGreaterThan(4);
    await screenshot(p, 'api-keys-json-invalid');
    // A look at the editor does not cost the JSON typed: it comes back as left.
    const typed = await json.inputValue();
    await p.getByRole('tab', { name: 'Editor' }).click();
    await p.getByRole('tab', { name: 'JSON' }).click();
    await expect(p.getByLabel('Key request JSON')).toHaveValue(typed);
    await expect(p.getByText('It is as you left it')).toBeVisible();
    await json.fill(
      JSON.stringify({
        name: 'from-json',
        admin: false,
        scopes: [
          { object_type: 'images', object_id: w.images[1]?.image_id, action: 'write' },
          // Left out, as the server and the CLI allow: sent as null (every object).
          { object_type: 'invocations', action: 'read' },
          { object_type: 'chutes', object_id: null, action: 'invoke' },
          { object_type: 'images', object_id: null, action: 'read' },
        ],
      }),
    );
    await expect(p.getByRole('list', { name: 'JSON problems' })).toHaveCount(0);
  });

  const chute = world.chutes[1]?.chute_id ?? '';
  expect(sent()).toEqual(
    expect.arrayContaining([
      { name: 'invoker', admin: false, scopes: [{ object_type: 'chutes', object_id: null, action: 'invoke' }] },
      { name: 'one-chute', admin: false, scopes: [{ object_type: 'chutes', object_id: chute, action: 'invoke' }] },
      {
        name: 'from-json',
        admin: false,
        scopes: [
          { object_type: 'images', object_id: world.images[1]?.image_id, action: 'write' },
          { object_type: 'invocations', object_id: null, action: 'read' },
          { object_type: 'chutes', object_id: null, action: 'invoke' },
          { object_type: 'images', object_id: null, action: 'read' },
        ],
      },
    ]),
  );
  // The server never echoes actions; the table shows the ones this app recorded.
  await expect(page.getByRole('row', { name: 'Key invoker' })).toContainText('invoke · chutes: all');
  await expect(page.getByRole('row', { name: 'Key one-chute' }).getByRole('cell').nth(4)).toContainText(
    'Actions as recorded by this app: invoke · chutes: 1 chosen',
  );
  // Four scopes do not fit the row: it shows what fits and counts the rest, which stay in its tooltip.
  const fourScopes = page.getByRole('row', { name: 'Key from-json' }).getByRole('cell').nth(4);
  await expect(fourScopes).toContainText('write · images: 1 chosen');
  // Read out in full: the count, then the scopes it stands for.
  await expect(fourScopes).toContainText(
    /\+3 more: read · invocations: all; invoke · chutes: all; read · images: all$/,
  );
  await expect(fourScopes).toHaveAttribute('title', /read · images: all$/);
  await screenshot(page, 'api-keys-created');
  await page.getByRole('link', { name: 'one-chute' }).click();
  const details = page.getByRole('region', { name: 'Key one-chute' });
  await expect(details.getByRole('table', { name: 'Scopes' })).toContainText(`whisper-stt ${chute}`);
  await expect(details.getByRole('table', { name: 'Scopes' })).toContainText('invoke (recorded by this app)');
  await expect(details).toContainText('Local record');
  await expect(details).toContainText(
    'AccessAt most invoking chutes, as its scope below allows, and also every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account, even if it names one chute: Chutes’ API refuses scoped keys everywhere else.',
  );
  // No REST line for a scoped key: every one would answer 401 (the path's last segment is checked).
  const usage = page.getByRole('region', { name: 'How to use this key' });
  await expect(usage.getByLabel('Try it with curl', { exact: true })).toHaveCount(0);
  await expect(usage).toContainText('A scoped key can only invoke chutes');
  await expect(usage).toContainText(
    'It can also invoke every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account',
  );
  await screenshot(page, 'api-keys-details-local');
  await page.getByRole('link', { name: '← All keys' }).click();

  // Name uniqueness is checked before sending: nothing goes out.
  const posts = () => w.sb.requests(500).filter((r) => r.method === 'POST' && r.path === '/api_keys/').length;
  const before = posts();
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/rpc/createApiKey') asked.push(r.url());
  });
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Name').fill('invoker');
  await expect(form.getByText('A key with this name already exists; names must be unique.')).toBeVisible();
  await page.getByRole('button', { name: 'Invoke any chute' }).click();
  const create = form.getByRole('button', { name: 'Create key' });
  await create.click();
  // The refusal is seen: the press did not send, it took the user back to the name (marked invalid).
  await expect(form.getByLabel('Name')).toBeFocused();
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(create).toHaveText('Create key');
  await expect(form).toBeVisible();
  expect(asked).toEqual([]);
  expect(posts()).toBe(before);
});

test('ids chosen in the JSON that are not the account’s own stay in the editor, ticked; storage is a type', async ({
  page,
}) => {
  world = await openKeysWorld(page);
  const w = world;
  const foreign = '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
  const own = w.chutes[0]?.chute_id ?? '';
  await page.getByRole('button', { name: 'Create key…' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByRole('tab', { name: 'JSON' }).click();
  await form.getByLabel('Key request JSON').fill(
    JSON.stringify({
      name: 'mixed',
      admin: false,
      scopes: [
        { object_type: 'chutes', object_id: own, action: 'invoke' },
        { object_type: 'chutes', object_id: foreign, action: 'invoke' },
        { object_type: 'storage', object_id: null, action: 'read' },
      ],
    }),
  );
  await form.getByRole('tab', { name: 'Editor' }).click();
  // Sent, so shown: by its id, said not to be one of this account's chutes, ticked.
  const chosen = form.getByRole('group', { name: 'Chosen chutes for scope 1' });
  await expect(chosen.getByRole('checkbox', { name: /llama-chat/ })).toBeChecked();
  const other = chosen.getByRole('checkbox', { name: `${foreign} not one of your chutes` });
  await expect(other).toBeChecked();
  const storage = form.getByRole('group', { name: 'Scope 2', exact: true });
  await expect(storage.getByRole('combobox', { name: /^Object type/ })).toHaveValue('storage');
  await expect(storage).toContainText('All storage (they are not chosen one by one here).');
  await screenshot(page, 'api-keys-create-foreign-ids');
  const sent = page.getByLabel('JSON that will be sent');
  // Unticked, it leaves the request but stays on screen to tick again.
  await other.uncheck();
  await expect(other).not.toBeChecked();
  await expect(sent).not.toContainText(foreign);
  await other.check();
  await expect(sent).toContainText(foreign);
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key “mixed”' });
  await dialog.getByLabel('I have stored it somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const made = Object.values(w.sb.state().apiKeys).find((k) => k.name === 'mixed');
  expect(made?.scopes.map((x) => [x.object_type, x.object_id, x.action])).toEqual([
    ['chutes', own, 'invoke'],
    ['chutes', foreign, 'invoke'],
    ['storage', null, 'read'],
  ]);
});
