import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSecretsHandlers } from './handlers.test-helper';

const suite = useSecretsHandlers();
const { fixture, setup, settled, CANARY } = suite;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

describe('secrets handlers against the sandbox', () => {
  it('creates by chute id, refuses banned keys before sending, and replaces on request', async () => {
    const { h, ctx, web, subnet } = await setup();
    const created = await h.createSecret(
      { chuteId: web.chute_id, key: 'HF_TOKEN', value: CANARY, replace: false },
      ctx,
    );
    expect(created).toMatchObject({ replaced: false, secret: { key: 'HF_TOKEN', chuteId: web.chute_id } });
    expect(JSON.stringify(created)).not.toContain(CANARY);
    expect(Object.keys(created.secret).sort()).toEqual(['chuteId', 'createdAt', 'key', 'secretId']);

    const before = fixture.sb.requests(500).length;
    await expect(
      h.createSecret({ chuteId: web.chute_id, key: 'LD_PRELOAD', value: 'x', replace: false }, ctx),
    ).rejects.toMatchObject({ appError: { reason: 'secret-key-banned' } });
    await expect(
      h.createSecret({ chuteId: subnet.chute_id, key: 'API_KEY', value: 'x', replace: false }, ctx),
    ).rejects.toMatchObject({ appError: { reason: 'secret-key-subnet-only' } });
    // Only the chutes lookups went out, no POST /secrets/.
    expect(
      fixture.sb
        .requests(500)
        .slice(before)
        .filter((r) => r.method === 'POST'),
    ).toEqual([]);

    await expect(
      h.createSecret({ chuteId: web.chute_id, key: 'HF_TOKEN', value: 'v2', replace: false }, ctx),
    ).rejects.toMatchObject({ appError: { reason: 'secret-exists' } });
    const replaced = await h.createSecret({ chuteId: web.chute_id, key: 'HF_TOKEN', value: 'v2', replace: true }, ctx);
    expect(replaced).toMatchObject({ replaced: true, secret: { secretId: created.secret.secretId } });

    // Replacing HF_TOKEN fails after the old one was deleted: each way says what is known of it.
    const replaceFails = (value: string, appError: Record<string, unknown>) =>
      expect(
        h.createSecret({ chuteId: web.chute_id, key: 'HF_TOKEN', value, replace: true }, ctx),
      ).rejects.toMatchObject({ appError });
    // Refused: the old value is gone, and the message says so.
    fixture.sb.setFaults({ fail_nth: { method: 'POST', path: '/secrets/', n: 1 }, fail_status: 503 });
    await replaceFails('v3', {
      code: 'server',
      message: expect.stringMatching(
        /^The old HF_TOKEN was deleted, but the new one was not created\. Chutes at .* \(HTTP 503\)/,
      ) as unknown,
    });
    expect(Object.values(fixture.sb.state().secrets)).toEqual([]);
    // Created behind an answer it cannot read, or a gateway's 502: not "not created", but not known.
    fixture.sb.faultOnce({ method: 'POST', path: '/secrets/', garble_after: true });
    await replaceFails('v4', {
      reason: 'answer-lost',
      message: expect.stringMatching(
        /^HF_TOKEN was sent to .*, but its answer \(HTTP 200\) was not in a form the app can read, so whether it was created is not known\.$/,
      ) as unknown,
    });
    expect(Object.values(fixture.sb.state().secrets).map((x) => x.key)).toEqual(['HF_TOKEN']);
    fixture.sb.faultOnce({ method: 'POST', path: '/secrets/', status: 502 });
    await replaceFails('v5', {
      reason: 'answer-lost',
      message: expect.stringMatching(
        /^The old HF_TOKEN was deleted and the new one sent to .* \(HTTP 502\)/,
      ) as unknown,
    });
  });

  it('previews a .env file, imports with a failure midway, and re-running sends nothing twice', async () => {
    const { h, ctx, web, pending, log } = await setup();
    await h.createSecret({ chuteId: web.chute_id, key: 'EXISTING', value: 'old', replace: false }, ctx);
    const file = path.join(suite.world.dir, 'app.env');
    await writeFile(
      file,
      `# comment\nA_ONE=${CANARY}-1\nexport B_TWO="${CANARY}-2"\nPYTHONPATH=/x\nthis is not an assignment\nEXISTING=new\nC_THREE=${CANARY}-3\nEMPTY=\n1BAD=x\n`,
    );
    const preview = await h.previewSecretImport({ chuteId: web.chute_id, source: { kind: 'path', path: file } }, ctx);
    expect(preview.rows.map((r) => `${r.key}:${r.status}`)).toEqual([
      'A_ONE:new',
      'B_TWO:new',
      'PYTHONPATH:banned',
      'EXISTING:exists',
      'C_THREE:new',
      'EMPTY:invalid',
      '1BAD:invalid',
    ]);
    expect(preview.unreadLines).toEqual([5]);
    expect(JSON.stringify(preview)).not.toContain(CANARY);

    fixture.sb.setFaults({ fail_nth: { method: 'POST', path: '/secrets/', n: 2 }, fail_status: 503 });
    const accept = [
      { key: 'A_ONE', replace: false },
      { key: 'B_TWO', replace: false },
      { key: 'EXISTING', replace: true },
      { key: 'C_THREE', replace: false },
    ];
    const first = await h.runSecretImport({ importId: preview.importId, accept }, ctx);
    expect(first.results.map((r) => `${r.key}:${r.outcome}`)).toEqual([
      'A_ONE:created',
      'B_TWO:failed',
      'EXISTING:not-attempted',
      'C_THREE:not-attempted',
    ]);
    expect(first.incomplete).toBe(true);

    const second = await h.runSecretImport({ importId: preview.importId, accept }, ctx);
    expect(second.results.map((r) => `${r.key}:${r.outcome}`)).toEqual([
      'A_ONE:created',
      'B_TWO:created',
      'EXISTING:replaced',
      'C_THREE:created',
    ]);
    expect(second.incomplete).toBe(false);
    const sent = fixture.sb.requests(500).filter((r) => r.method === 'POST' && r.path === '/secrets/');
    // EXISTING (setup), A_ONE, B_TWO (failed), then B_TWO, EXISTING, C_THREE: A_ONE was not sent again.
    expect(sent).toHaveLength(6);
    expect(pending.size()).toBe(0);
    await expect(h.runSecretImport({ importId: preview.importId, accept }, ctx)).rejects.toMatchObject({
      appError: { reason: 'import-expired' },
    });

    // Nothing of any value reached an answer, a log line, the activity log or the data dir.
    const page = await h.listSecretsPage({ page: 0, limit: 50 }, ctx);
    await settled();
    const posts = (await log.read()).entries.filter((e) => e.method === 'POST' && e.path === '/secrets/');
    expect(posts).toHaveLength(6);
    // Not even a hash of a body holding a value: a weak value could be guessed back from it.
    expect(posts.map((e) => e.bodySha256)).toEqual(Array(6).fill(undefined));
    // Sent on the hotkey-login session: the seed is read once per session, not once per secret.
    expect(posts.every((e) => e.auth === 'jwt' && e.hotkey !== undefined)).toBe(true);
    expect(page.items.map((s) => s.key).sort()).toEqual(['A_ONE', 'B_TWO', 'C_THREE', 'EXISTING']);
    const everything = [
      JSON.stringify(page),
      ...suite.logged(),
      ...(await filesUnder(path.join(suite.world.dir, 'data'))),
    ].join('\n');
    expect(everything).not.toContain(CANARY);
    expect(everything).toContain('/secrets/'); // the activity log was read
  });

  it('deletes several, counting an already-gone secret as done', async () => {
    const { h, ctx, web } = await setup();
    const a = await h.createSecret({ chuteId: web.chute_id, key: 'A', value: 'x', replace: false }, ctx);
    const b = await h.createSecret({ chuteId: web.chute_id, key: 'B', value: 'y', replace: false }, ctx);
    await h.deleteSecrets({ secretIds: [b.secret.secretId] }, ctx);
    const results = await h.deleteSecrets({ secretIds: [a.secret.secretId, b.secret.secretId] }, ctx);
    expect(results).toEqual([
      { secretId: a.secret.secretId, outcome: 'deleted' },
      { secretId: b.secret.secretId, outcome: 'already-gone' },
    ]);
  });

  it('names a chute that is gone, and parses pasted text', async () => {
    const { h, ctx, web } = await setup();
    fixture.sb.removeChute(web.chute_id);
    await expect(
      h.createSecret({ chuteId: web.chute_id, key: 'A', value: 'x', replace: false }, ctx),
    ).rejects.toMatchObject({ appError: { reason: 'chute-missing' } });
    await expect(h.listChutes({}, ctx)).resolves.toEqual([expect.objectContaining({ name: 'my-affine-miner' })]);
    const { chute_id } = fixture.sb.addChute(fixture.sb.users()[0]?.user_id ?? '', 'other');
    const preview = await h.previewSecretImport(
      { chuteId: chute_id, source: { kind: 'text', text: 'X=1\nY="a\nb"\nZ=3\n' } },
      ctx,
    );
    expect(preview.rows.map((r) => `${r.key}:${r.valueLength}`)).toEqual(['X:1', 'Y:3', 'Z:1']);
    expect(preview.unreadLines).toEqual([]);
    await expect(
      h.previewSecretImport({ chuteId: chute_id, source: { kind: 'text', text: '# only a comment\n' } }, ctx),
    ).rejects.toMatchObject({ appError: { reason: 'env-empty' } });
    // A typed path follows the app's full-path and regular-file rules.
    await expect(
      h.previewSecretImport({ chuteId: chute_id, source: { kind: 'path', path: 'relative/.env' } }, ctx),
    ).rejects.toMatchObject({ appError: { code: 'invalid-input' } });
    await expect(
      h.previewSecretImport({ chuteId: chute_id, source: { kind: 'path', path: suite.world.dir } }, ctx),
    ).rejects.toMatchObject({
      appError: { code: 'invalid-input', message: expect.stringContaining('a folder, not a regular file') as unknown },
    });
  });
});
