import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSecretsHandlers } from './handlers.test-helper';

// The .env import's edges: what a file's bytes are, what a value may be, and what a retry or a
// discard meets while keys are being sent.
const suite = useSecretsHandlers();
const { fixture, setup } = suite;

const posts = () => fixture.sb.requests(500).filter((r) => r.method === 'POST' && r.path === '/secrets/');

async function envFile(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(suite.world.dir, name);
  await writeFile(file, bytes, { mode: 0o600 });
  return file;
}

describe('.env import: what the file is', () => {
  it('refuses a file that is not UTF-8 (Latin-1, UTF-16) by name, and reads one with a UTF-8 byte-order mark', async () => {
    const { h, ctx, web } = await setup();
    const preview = (file: string) =>
      h.previewSecretImport({ chuteId: web.chute_id, source: { kind: 'path', path: file } }, ctx);
    const latin1 = await envFile('latin1.env', Buffer.from('A=café\n', 'latin1'));
    await expect(preview(latin1)).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        message: expect.stringMatching(
          /latin1\.env is not UTF-8 text .*; save it as UTF-8 and try again\.$/,
        ) as unknown,
      },
    });
    // Windows PowerShell 5's `>`: UTF-16LE with a byte-order mark; and the same without one.
    const utf16 = Buffer.from('A=1\nB=2\n', 'utf16le');
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]), utf16]) {
      await expect(preview(await envFile('ps.env', bytes))).rejects.toMatchObject({
        appError: { message: expect.stringMatching(/ps\.env is not UTF-8 text: it is UTF-16/) as unknown },
      });
    }
    const bom = await envFile('bom.env', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A=café\n')]));
    expect((await preview(bom)).rows).toEqual([{ key: 'A', valueLength: 4, status: 'new' }]);
  });

  it('refuses pasted text holding U+FFFD (characters already lost), naming the line', async () => {
    const { h, ctx, web } = await setup();
    await expect(
      h.previewSecretImport({ chuteId: web.chute_id, source: { kind: 'text', text: 'A=1\nB=caf\uFFFD\n' } }, ctx),
    ).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        message: expect.stringContaining('holds the character � (U+FFFD) on line 2') as unknown,
      },
    });
  });

  it('names keys set on more than one line; the last value is the one imported', async () => {
    const { h, ctx, web } = await setup();
    const preview = await h.previewSecretImport(
      { chuteId: web.chute_id, source: { kind: 'text', text: 'A=1\nB=2\nA=three\n' } },
      ctx,
    );
    expect(preview.duplicates).toEqual([{ key: 'A', lines: [1, 3] }]);
    expect(preview.rows.map((r) => `${r.key}:${r.valueLength}`)).toEqual(['A:5', 'B:1']);
  });
});

describe('.env import: what the values mean', () => {
  it('expands ${NAME} from keys set earlier, and notes each reference the file cannot fill in', async () => {
    const { h, ctx, web } = await setup();
    const text = 'HOST=db.local\nURL=postgres://${HOST}/app\nOTHER=${NOT_HERE}\nPORT=${DB_PORT:-5432}\n';
    const preview = await h.previewSecretImport({ chuteId: web.chute_id, source: { kind: 'text', text } }, ctx);
    expect(preview.rows).toEqual([
      { key: 'HOST', valueLength: 8, status: 'new' },
      { key: 'URL', valueLength: 'postgres://db.local/app'.length, status: 'new' },
      {
        key: 'OTHER',
        valueLength: '${NOT_HERE}'.length,
        status: 'new',
        notes: [
          expect.stringMatching(/^\$\{NOT_HERE\} names a key not set earlier in this file, so it was left as written/),
        ],
      },
      {
        key: 'PORT',
        valueLength: 4,
        status: 'new',
        notes: [
          expect.stringMatching(/^\$\{DB_PORT:-…\} names a key not set earlier in this file: its default was used/),
        ],
      },
    ]);
  });

  it('flags a bare base64 token (its = padding read as KEY=VALUE) as a bare secret', async () => {
    const { h, ctx, web } = await setup();
    const text = 'dGhpcyBpcyBhIHNlY3JldA==\nOK=1\n';
    const preview = await h.previewSecretImport({ chuteId: web.chute_id, source: { kind: 'text', text } }, ctx);
    expect(preview.rows).toEqual([
      {
        key: 'dGhpcyBpcyBhIHNlY3JldA',
        valueLength: 1,
        status: 'new',
        bareSecret: true,
        notes: [expect.stringContaining('looks like a bare secret') as unknown],
      },
      { key: 'OK', valueLength: 1, status: 'new' },
    ]);
  });
});

describe('.env import: values and runs', () => {
  it('holds an imported value to the create form’s rules: not sent when empty or over 64 KiB, and the rest goes on', async () => {
    const { h, ctx, web } = await setup();
    const text = `BIG=${'x'.repeat(64 * 1024 + 1)}\nEMPTY=\nOK=1\n`;
    const preview = await h.previewSecretImport({ chuteId: web.chute_id, source: { kind: 'text', text } }, ctx);
    expect(preview.rows.map((r) => [r.key, r.status, r.why])).toEqual([
      ['BIG', 'invalid', 'The value is 65537 characters long; a secret holds at most 65536.'],
      ['EMPTY', 'invalid', 'The value is empty.'],
      ['OK', 'new', undefined],
    ]);
    // A page that ticks them anyway (or a stale one) gets a per-key refusal, not a POST.
    const accept = ['BIG', 'EMPTY', 'OK'].map((key) => ({ key, replace: false }));
    const run = await h.runSecretImport({ importId: preview.importId, accept }, ctx);
    expect(run.results).toEqual([
      { key: 'BIG', outcome: 'failed', message: expect.stringContaining('at most 65536') as unknown },
      { key: 'EMPTY', outcome: 'failed', message: expect.stringContaining('The value is empty.') as unknown },
      { key: 'OK', outcome: 'created' },
    ]);
    expect(posts()).toHaveLength(1);
  });

  it('reports a key whose create’s answer was lost, and which a retry finds there, as created by that attempt', async () => {
    const { h, ctx, web } = await setup();
    const preview = await h.previewSecretImport(
      { chuteId: web.chute_id, source: { kind: 'text', text: 'A_ONE=1\nB_TWO=2\n' } },
      ctx,
    );
    const accept = [
      { key: 'A_ONE', replace: false },
      { key: 'B_TWO', replace: false },
    ];
    fixture.sb.faultOnce({ method: 'POST', path: '/secrets/', garble_after: true });
    const first = await h.runSecretImport({ importId: preview.importId, accept }, ctx);
    expect(first.results.map((r) => `${r.key}:${r.outcome}`)).toEqual(['A_ONE:failed', 'B_TWO:not-attempted']);
    const second = await h.runSecretImport({ importId: preview.importId, accept }, ctx);
    expect(second).toEqual({
      results: [
        {
          key: 'A_ONE',
          outcome: 'created',
          message: 'Created by the earlier attempt, whose answer was lost; not sent again.',
        },
        { key: 'B_TWO', outcome: 'created' },
      ],
      incomplete: false,
    });
  });

  it('lets a discard sent while an import runs wait for its end, and refuses a second run of it meanwhile', async () => {
    const { h, ctx, web, pending } = await setup();
    const preview = await h.previewSecretImport(
      { chuteId: web.chute_id, source: { kind: 'text', text: 'A=1\nB=2\nC=3\n' } },
      ctx,
    );
    const accept = ['A', 'B', 'C'].map((key) => ({ key, replace: false }));
    fixture.sb.setFaults({ latency_ms: 150 });
    const running = h.runSecretImport({ importId: preview.importId, accept }, ctx);
    await expect.poll(() => posts().length, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(h.runSecretImport({ importId: preview.importId, accept }, ctx)).rejects.toMatchObject({
      appError: { code: 'conflict' },
    });
    await expect(h.discardSecretImport({ importId: preview.importId }, ctx)).resolves.toEqual({ discarded: true });
    const run = await running;
    fixture.sb.setFaults({ latency_ms: 0 });
    expect(run.results.map((r) => `${r.key}:${r.outcome}`)).toEqual(['A:created', 'B:created', 'C:created']);
    expect(pending.size()).toBe(0);
  });
});
