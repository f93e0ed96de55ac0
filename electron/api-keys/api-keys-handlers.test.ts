import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateKeyRequest } from '../../shared/api-keys';
import { AppFailure } from '../../shared/errors';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { createActivityLog } from '../activity-log/activity-log';
import { createChutesClient } from '../chutes-api';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { setLogSink } from '../log';
import { createProfileStore } from '../profiles';
import { apiKeysHandlers } from './api-keys-handlers';
import { KEY_RECORDS_FILE } from './key-records';

const f = useSandbox();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })));
});

async function world(opts: { seedInVault?: boolean } = {}) {
  const logged: string[] = [];
  setLogSink((line) => logged.push(typeof line === 'string' ? line : JSON.stringify(line)));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chutes-apikeys-'));
  dirs.push(dataDir);
  const key = TestKey.random();
  const account = await f.client.register(key, `u${Math.floor(Math.random() * 1e6)}`);
  const vault = new MemorySeedVault();
  if (opts.seedInVault !== false) await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
  const profiles = createProfileStore({ dataDir });
  const profile = await profiles.upsert({
    baseUrl: f.sb.url,
    username: account.username,
    userId: account.user_id,
    hotkeyName: 'default',
    hotkeySs58: key.ss58,
    source: { kind: 'manual' },
  });
  await profiles.setActive(profile.id);
  const activity = createActivityLog(dataDir);
  const chutes = createChutesClient({ vault, profiles, activity, defaultBaseUrl: f.sb.url });
  const raw = apiKeysHandlers({ chutes, config: { dataDir } });
  // As the screens call them: reviewed on the profile that is active (a switch is tested on `raw`).
  const reviewedFor = profile.id;
  const handlers = {
    ...raw,
    createApiKey: (req: CreateKeyRequest, c: never) => raw.createApiKey({ ...req, reviewedFor }, c),
    deleteApiKey: ({ id }: { id: string }, c: never) => raw.deleteApiKey({ id, reviewedFor }, c),
    deleteApiKeys: ({ ids }: { ids: string[] }, c: never) => raw.deleteApiKeys({ ids, reviewedFor }, c),
  };
  /** The typed error a handler failed with (a handler that succeeds fails the test). */
  const failure = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof AppFailure)) throw new Error(`expected an AppFailure, got ${String(error)}`);
    return error.appError;
  };
  return { dataDir, key, account, handlers, raw, profiles, reviewedFor, failure, activity, logged, vault };
}

const ctx = undefined as never;
const scoped = (name: string): CreateKeyRequest => ({
  name,
  admin: false,
  scopes: [{ object_type: 'chutes', object_id: null, action: 'invoke' }],
});

describe('API key handlers against the sandbox', () => {
  it('creates a scoped key once, remembers the requested action locally, and never keeps the secret', async () => {
    const w = await world();
    const created = await w.handlers.createApiKey(scoped('invoker'), ctx);
    expect(created.secret).toMatch(/^cpk_[0-9a-f]{32}\.[0-9a-f]{32}\.[A-Za-z0-9]{32}$/);
    expect(created.key.scopes).toEqual([expect.objectContaining({ objectType: 'chutes', objectId: null })]);
    expect(created.key.local?.requestedScopes).toEqual([{ object_type: 'chutes', object_id: null, action: 'invoke' }]);

    const page = await w.handlers.listApiKeys({ page: 0, limit: 25 }, ctx);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: created.key.id,
      name: 'invoker',
      admin: false,
      local: { requestedScopes: [{ action: 'invoke' }] },
    });
    expect(JSON.stringify(page)).not.toContain(created.secret);
    const got = await w.handlers.getApiKey({ id: created.key.id }, ctx);
    expect(JSON.stringify(got)).not.toContain(created.secret.slice(70));

    // Canary: the secret (or its random tail) is in no file of the data dir, no log line, no activity entry.
    const tail = created.secret.slice(-32);
    for (const name of await readdir(w.dataDir, { recursive: true })) {
      const text = await readFile(path.join(w.dataDir, name), 'utf8').catch(() => '');
      expect(text, name).not.toContain(tail);
    }
    expect(await readFile(path.join(w.dataDir, KEY_RECORDS_FILE), 'utf8')).toContain('"action":"invoke"');
    expect(w.logged.join('\n')).not.toContain(tail);
    expect(JSON.stringify(await w.activity.read().then((page) => page.entries))).not.toContain(tail);
    // One hotkey login, then the JWT: the seed is not read per request.
    const requests = f.sb.requests(50);
    expect(requests.filter((r) => r.path === '/users/login')).toHaveLength(1);
    expect(requests.filter((r) => r.path.startsWith('/api_keys/')).every((r) => r.authorization_kind === 'jwt')).toBe(
      true,
    );
  });

  it('a rotation begun here is kept with the new key: the old key says what replaces it until either is deleted', async () => {
    const w = await world();
    const old = await w.handlers.createApiKey(scoped('worker'), ctx);
    const oldBefore = await w.handlers.getApiKey({ id: old.key.id }, ctx);
    expect(oldBefore.replacedBy).toBeNull();
    const replaces = { id: old.key.id, name: 'worker' };
    const created = await w.raw.createApiKey({ ...scoped('worker-r2'), reviewedFor: w.reviewedFor, replaces }, ctx);
    expect(created.key.local?.replaces).toEqual(replaces);
    /** Another start of the app on `dataDir` (the rotation page's memory is gone). */
    const started = (dataDir: string) =>
      apiKeysHandlers({
        chutes: createChutesClient({
          vault: w.vault,
          profiles: w.profiles,
          activity: w.activity,
          defaultBaseUrl: f.sb.url,
        }),
        config: { dataDir },
      });
    // What the rotation page held in memory is on disk now: a reload still sees it.
    const again = started(w.dataDir);
    const listed = await again.listApiKeys({ page: 0, limit: 25 }, ctx);
    const byName = new Map(listed.items.map((k) => [k.name, k]));
    expect(byName.get('worker')?.replacedBy).toEqual({
      id: created.key.id,
      name: 'worker-r2',
      createdLocallyAt: created.key.local?.createdLocallyAt,
    });
    expect(byName.get('worker-r2')?.replacedBy).toBeNull();
    expect((await again.getApiKey({ id: old.key.id }, ctx)).replacedBy?.id).toBe(created.key.id);
    // The rotation is the app's own note: the server never saw it.
    expect(JSON.stringify(f.sb.state().apiKeys)).not.toContain('replaces');
    // The new key deleted (its secret was not stored): the old one is no longer said to be replaced.
    await w.handlers.deleteApiKey({ id: created.key.id }, ctx);
    expect((await w.handlers.getApiKey({ id: old.key.id }, ctx)).replacedBy).toBeNull();

    // A replacement deleted elsewhere (another machine's app): once it is found gone, its record goes.
    const third = await w.raw.createApiKey({ ...scoped('worker-r3'), reviewedFor: w.reviewedFor, replaces }, ctx);
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'chutes-apikeys-elsewhere-'));
    dirs.push(elsewhere);
    await started(elsewhere).deleteApiKey({ id: third.key.id, reviewedFor: w.reviewedFor }, ctx);
    expect((await w.handlers.getApiKey({ id: old.key.id }, ctx)).replacedBy?.name).toBe('worker-r3');
    expect((await w.failure(w.handlers.getApiKey({ id: third.key.id }, ctx))).reason).toBe('key-gone');
    expect((await w.handlers.getApiKey({ id: old.key.id }, ctx)).replacedBy).toBeNull();
  });

  it('types the server’s rejections: name taken (409), object type (400, field scopes), name rule (400, field name)', async () => {
    const w = await world();
    await w.handlers.createApiKey(scoped('dup'), ctx);
    expect(await w.failure(w.handlers.createApiKey(scoped('dup'), ctx))).toMatchObject({ reason: 'key-name-taken' });
    const bad = {
      name: 'x',
      admin: false,
      scopes: [{ object_type: 'bogus', object_id: null, action: null }],
    } as unknown as CreateKeyRequest;
    expect(await w.failure(w.handlers.createApiKey(bad, ctx))).toMatchObject({
      reason: 'scope-invalid',
      detail: { fields: [{ path: 'scopes' }] },
    });
    const badName = { ...scoped('x'), name: 'a/b' };
    expect(await w.failure(w.handlers.createApiKey(badName, ctx))).toMatchObject({
      reason: 'key-name-invalid',
      detail: { fields: [{ path: 'name' }] },
    });
  });

  it('after a lost answer, re-lists instead of re-sending, and says whether the key was created', async () => {
    const w = await world();
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
    expect(await w.failure(w.handlers.createApiKey(scoped('lost'), ctx))).toMatchObject({
      reason: 'key-created-secret-lost',
    });
    const posts = f.sb.requests(50).filter((r) => r.method === 'POST' && r.path === '/api_keys/');
    expect(posts).toHaveLength(1);
    expect(Object.values(f.sb.state().apiKeys).map((k) => k.name)).toEqual(['lost']);

    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', status: 502 });
    const never = await w.failure(w.handlers.createApiKey(scoped('never'), ctx));
    expect(never.reason).toBe('key-not-created');
    expect(never.message).toContain('was not created');
    // A gateway timeout: the server may still be making it, so not "was not created".
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', status: 504 });
    const slow = await w.failure(w.handlers.createApiKey(scoped('slow'), ctx));
    expect(slow.reason).toBe('answer-lost');
    expect(slow.message).toContain('was not among the keys listed just now, but the server may still be creating it');
    expect(Object.values(f.sb.state().apiKeys).map((k) => k.name)).toEqual(['lost']);
  });

  it('a lost answer never blames an existing key of that name: no delete offered, its record untouched', async () => {
    const w = await world();
    const prod = (await w.handlers.createApiKey({ name: 'prod', admin: true, scopes: [] }, ctx)).key;
    // The server refuses the name (409), then the connection drops: nothing was made by this try.
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
    const taken = await w.failure(w.handlers.createApiKey(scoped('prod'), ctx));
    expect(taken).toMatchObject({ code: 'conflict', reason: 'key-name-taken' });
    expect(taken.detail?.objectId).toBeUndefined();
    expect(taken.message).toContain('a key with this name already exists that is not the one asked for');
    expect(taken.message).toContain('it is an admin key, and a scoped key was asked for');
    expect(taken.detail?.fields).toEqual([{ path: 'name', message: expect.any(String) as unknown }]);
    // prod's record still says what this app made it as: an admin key.
    const listed = await w.handlers.getApiKey({ id: prod.id }, ctx);
    expect(listed.local).toMatchObject({ admin: true, requestedScopes: [] });
    expect(Object.values(f.sb.state().apiKeys).map((k) => k.name)).toEqual(['prod']);

    // The same shape, but made an hour before this try was sent: older, so not this try's either.
    const older = (await w.handlers.createApiKey(scoped('older'), ctx)).key;
    const row = f.sb.state().apiKeys[older.id];
    if (row) row.created_at -= 3_600_000;
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
    const old = await w.failure(w.handlers.createApiKey(scoped('older'), ctx));
    expect(old.reason).toBe('key-name-taken');
    expect(old.message).toContain('it was made before this try was sent');
    expect(old.detail?.objectId).toBeUndefined();
  });

  it('a key made by the lost try is recognised by its time even when the server’s clock is an hour behind', async () => {
    const w = await world();
    f.sb.setFaults({ clock_offset_s: -3600 });
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
    const lost = await w.failure(w.handlers.createApiKey(scoped('behind'), ctx));
    f.sb.setFaults({ clock_offset_s: 0 });
    const made = Object.values(f.sb.state().apiKeys).find((k) => k.name === 'behind');
    expect(lost).toMatchObject({ reason: 'key-created-secret-lost', detail: { objectId: made?.api_key_id } });
  });

  it('when the server’s clock cannot be read, a key listed under the name is neither claimed nor blamed', async () => {
    const w = await world();
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', drop_after: true });
    f.sb.faultOnce({ method: 'GET', path: '/ping', drop_after: true });
    const unsure = await w.failure(w.handlers.createApiKey(scoped('unsure'), ctx));
    expect(unsure).toMatchObject({ code: 'network', reason: 'answer-lost' });
    expect(unsure.message).toContain('whether this try made it cannot be told');
    expect(unsure.detail?.objectId).toBeUndefined();
    const made = Object.values(f.sb.state().apiKeys).find((k) => k.name === 'unsure');
    expect(made).toBeDefined();
    // No record written for it: the app does not know it made it.
    expect((await w.handlers.getApiKey({ id: made?.api_key_id ?? '' }, ctx)).local).toBeNull();
  });

  it('a 2xx it cannot read is a created key whose secret is lost, found by re-listing, never re-sent', async () => {
    const w = await world();
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', garble_after: true });
    expect(await w.failure(w.handlers.createApiKey(scoped('garbled'), ctx))).toMatchObject({
      reason: 'key-created-secret-lost',
    });
    expect(f.sb.requests(50).filter((r) => r.method === 'POST' && r.path === '/api_keys/')).toHaveLength(1);
    expect(Object.values(f.sb.state().apiKeys).map((k) => k.name)).toEqual(['garbled']);
  });

  it('does not say "not created" when the re-list came back without some keys (pages keep no order)', async () => {
    const w = await world();
    f.sb.seedApiKeys({ user_id: w.account.user_id, count: 1000, name_prefix: 'many' });
    f.sb.setFaults({ unordered_lists: true });
    f.sb.faultOnce({ method: 'POST', path: '/api_keys/', status: 504 });
    const unsure = await w.failure(w.handlers.createApiKey(scoped('unsure'), ctx));
    expect(unsure.reason).toBe('answer-lost');
    expect(unsure.message).toContain('whether it was created is not known');
    f.sb.setFaults({ unordered_lists: false });
  });

  it('bulk revoke reports each key: deleted, already gone (done), or failed — and keeps going', async () => {
    const w = await world();
    const ids = [];
    for (const name of ['a', 'b', 'c', 'd']) ids.push((await w.handlers.createApiKey(scoped(name), ctx)).key.id);
    const [a, b, c, d] = ids as [string, string, string, string];
    await w.handlers.deleteApiKey({ id: b }, ctx);
    f.sb.faultOnce({ method: 'DELETE', path: `/api_keys/${c}`, status: 500 });
    const { results } = await w.handlers.deleteApiKeys({ ids: [a, b, c, d] }, ctx);
    expect(results.map((r) => `${r.id === a ? 'a' : r.id === b ? 'b' : r.id === c ? 'c' : 'd'}:${r.outcome}`)).toEqual([
      'a:deleted',
      'b:already-gone',
      'c:failed',
      'd:deleted',
    ]);
    expect(results[2]?.message).toMatch(/HTTP 500/);
    expect(Object.keys(f.sb.state().apiKeys)).toEqual([c]);
    expect(await w.handlers.deleteApiKey({ id: a }, ctx)).toEqual({ id: a, outcome: 'already-gone' });
  });

  it('creates and deletes only on the profile they were reviewed for: after a switch nothing is sent', async () => {
    const w = await world();
    const kept = (await w.handlers.createApiKey(scoped('kept'), ctx)).key.id;
    const other = await w.profiles.upsert({
      baseUrl: f.sb.url,
      username: 'bob',
      userId: w.account.user_id,
      hotkeyName: 'other',
      hotkeySs58: TestKey.random().ss58,
      source: { kind: 'manual' },
    });
    await w.profiles.setActive(other.id);
    const before = f.sb.requests(500).length;
    for (const refused of [
      () => w.raw.deleteApiKey({ id: kept, reviewedFor: w.reviewedFor }, ctx),
      () => w.raw.deleteApiKeys({ ids: [kept], reviewedFor: w.reviewedFor }, ctx),
      () => w.raw.createApiKey({ ...scoped('late'), reviewedFor: w.reviewedFor }, ctx),
    ])
      expect(await w.failure(refused())).toMatchObject({
        code: 'conflict',
        reason: 'profile-changed',
        message: expect.stringMatching(
          /^The active profile changed from .+ to bob @ .+ after the .+ was reviewed, so nothing was sent\.$/,
        ) as unknown,
      });
    expect(f.sb.requests(500).length).toBe(before);
    expect(Object.keys(f.sb.state().apiKeys)).toEqual([kept]);
  });

  it('a seed missing from the keychain gives the Profiles & hotkeys screen’s message', async () => {
    const w = await world({ seedInVault: false });
    const missing = await w.failure(w.handlers.listApiKeys({ page: 0, limit: 25 }, ctx));
    expect(missing.reason).toBe('seed-missing');
    expect(missing.detail?.hint).toContain('Profiles & hotkeys screen');
  });

  it('seeds thousands of keys cheaply and pages through them', async () => {
    const w = await world();
    const started = performance.now();
    f.sb.seedApiKeys({ user_id: w.account.user_id, count: 2000 });
    expect(performance.now() - started).toBeLessThan(2000);
    const first = await w.handlers.listApiKeys({ page: 0, limit: 200 }, ctx);
    const last = await w.handlers.listApiKeys({ page: 9, limit: 200 }, ctx);
    expect(first.total).toBe(2000);
    expect(first.items).toHaveLength(200);
    expect(last.items).toHaveLength(200);
    expect(new Set([...first.items, ...last.items].map((k) => k.id)).size).toBe(400);
    expect(first.items.some((k) => k.admin) && first.items.some((k) => !k.admin)).toBe(true);
  });
});
