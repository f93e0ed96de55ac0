import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PUBLIC_CHUTES } from './routes-catalog';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

async function account(username = 'alice') {
  const key = TestKey.random();
  const reg = await f.client.register(key, username);
  return { key, ...reg };
}

function uuid5Oid(name: string): string {
  const h = createHash('sha1').update(Buffer.from('6ba7b8129dad11d180b400c04fd430c8', 'hex')).update(name).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  return h
    .subarray(0, 16)
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

describe('/api_keys', () => {
  it('creates keys with scopes echoed as method: null, and never returns the secret again', async () => {
    const a = await account();
    const res = await f.client.post<Record<string, unknown>>('/api_keys/', {
      body: {
        name: 'reader',
        admin: false,
        scopes: [
          { object_type: 'chutes', action: 'read' },
          { object_type: 'images', object_id: 'abc', action: null },
        ],
      },
      sign: { key: a.key },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual([
      'api_key_id',
      'user_id',
      'admin',
      'name',
      'created_at',
      'last_used_at',
      'scopes',
      'secret_key',
    ]);
    expect(res.json).toMatchObject({ user_id: a.user_id, admin: false, name: 'reader', last_used_at: null });
    const scopes = res.json.scopes as Record<string, unknown>[];
    expect(scopes.map(({ scope_id: _id, ...s }) => s)).toEqual([
      { object_type: 'chutes', object_id: null, method: null },
      { object_type: 'images', object_id: 'abc', method: null },
    ]);
    const id = String(res.json.api_key_id);
    expect(String(res.json.secret_key).slice(4, 36)).toBe(id.replace(/-/g, ''));
    const { secret_key: _secret, ...withoutSecret } = res.json;
    const got = await f.client.get(`/api_keys/${id}`, { sign: { key: a.key, purpose: 'api_keys' } });
    expect(got.json).toEqual(withoutSecret);
    const admin = await f.client.post<{ scopes: unknown[] }>('/api_keys/', {
      body: { name: 'root', admin: true, scopes: [{ object_type: 'chutes' }] },
      sign: { key: a.key },
    });
    expect(admin.json.scopes).toEqual([]);
  });

  it('enforces names, object types, uniqueness and the body model', async () => {
    const a = await account();
    const create = (body: unknown) => f.client.post('/api_keys/', { body, sign: { key: a.key } });
    const nameError = {
      detail:
        'Invalid request: API key name should start with alphanumeric character and contain up to 32 total allowed characters (letters, numbers, dashes, underscores, or spaces)',
    };
    expect((await create({ name: 'x'.repeat(25), admin: true })).json).toEqual(nameError);
    expect((await create({ name: 'a/b', admin: true })).json).toEqual(nameError);
    expect((await create({ name: ' café $.-', admin: true })).status).toBe(200);
    expect((await create({ name: 'k', admin: false, scopes: [{ object_type: 'secrets' }] })).json).toEqual({
      detail: 'Invalid request: Invalid object_type, must be one of images, chutes, invocations, storage',
    });
    expect((await create({ name: 'dup', admin: true })).status).toBe(200);
    const dup = await create({ name: 'dup', admin: false });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ detail: 'An API key already exists with this name' });
    const invalid = await create({ name: 'k', scopes: [{ object_type: 'chutes', action: 'sudo' }] });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toEqual({
      detail: [
        {
          type: 'missing',
          loc: ['body', 'admin'],
          msg: 'Field required',
          input: { name: 'k', scopes: [{ object_type: 'chutes', action: 'sudo' }] },
        },
        {
          type: 'enum',
          loc: ['body', 'scopes', 0, 'action'],
          msg: "Input should be 'read', 'write', 'delete' or 'invoke'",
          input: 'sudo',
          ctx: { expected: "'read', 'write', 'delete' or 'invoke'" },
        },
      ],
    });
  });

  it('takes scopes: null as the server does: none for an admin key, a 500 for a scoped one (it iterates None)', async () => {
    const a = await account();
    const create = (body: unknown) =>
      f.client.post<{ scopes: unknown[] }>('/api_keys/', { body, sign: { key: a.key } });
    const admin = await create({ name: 'root', admin: true, scopes: null });
    expect(admin.status).toBe(200);
    expect(admin.json.scopes).toEqual([]);
    const scoped = await create({ name: 'scoped', admin: false, scopes: null });
    expect(scoped.status).toBe(500);
    expect(scoped.json).toEqual({ detail: 'Internal Server Error' });
    expect(Object.values(f.sb.state().apiKeys).map((k) => k.name)).toEqual(['root']);
    // The name is checked first, as before.
    expect((await create({ name: 'a/b', admin: false, scopes: null })).status).toBe(400);
  });

  it('lists with page/limit/total, looks up and deletes by UUID only', async () => {
    const a = await account();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        String(
          (
            await f.client.post<{ api_key_id: string }>('/api_keys/', {
              body: { name: `k${i}`, admin: false },
              sign: { key: a.key },
            })
          ).json.api_key_id,
        ),
      );
    const list = (q: Record<string, number>) =>
      f.client.get<{ total: number; page: number; limit: number; items: { name: string }[]; cord_refs: null }>(
        '/api_keys/',
        { sign: { key: a.key, purpose: 'api_keys' }, query: q },
      );
    const p1 = await list({ page: 1, limit: 2 });
    expect(p1.json).toMatchObject({ total: 5, page: 1, limit: 2, cord_refs: null });
    expect(p1.json.items.map((k) => k.name)).toEqual(['k2', 'k3']);
    const zero = await list({ limit: 0 });
    expect(zero.json.limit).toBe(0);
    expect(zero.json.items).toHaveLength(5);
    expect((await f.client.get('/api_keys/k1', { sign: { key: a.key, purpose: 'api_keys' } })).json).toEqual({
      detail: "API key with id k1 not found or doesn't belong to you",
    });
    expect((await f.client.delete('/api_keys/k1', { sign: { key: a.key, purpose: 'api_keys' } })).json).toEqual({
      detail: 'API key not found, or does not belong to you',
    });
    expect((await f.client.delete(`/api_keys/${ids[0]}`, { sign: { key: a.key, purpose: 'api_keys' } })).json).toEqual({
      api_key_id: ids[0],
      deleted: true,
    });
    expect((await list({})).json.total).toBe(4);
    const b = await account('bob');
    expect((await f.client.get(`/api_keys/${ids[1]}`, { sign: { key: b.key, purpose: 'api_keys' } })).status).toBe(404);
    const redirect = await f.client.get('/api_keys', { query: { page: 1 } });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`${f.sb.url}/api_keys/?page=1`);
    expect((await f.client.get('/api_keys/?page=-1', { sign: { key: a.key, purpose: 'api_keys' } })).status).toBe(500);
  });
});

describe('/secrets', () => {
  it('creates per-chute secrets by chute name (case-insensitive) or id, deterministic ids, encrypted value', async () => {
    const a = await account();
    const chute = await f.client.control<{ chute_id: string }>('POST', 'chutes', {
      user_id: a.user_id,
      name: 'My-Chute',
    });
    const res = await f.client.post<Record<string, unknown>>('/secrets/', {
      body: { purpose: 'my-chute', key: 'HF_TOKEN', value: 'hf_plaintext' },
      sign: { key: a.key },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['secret_id', 'user_id', 'purpose', 'key', 'value', 'created_at']);
    expect(res.json).toMatchObject({
      secret_id: uuid5Oid(`${a.user_id}:${chute.chute_id}:HF_TOKEN`),
      purpose: chute.chute_id,
      key: 'HF_TOKEN',
    });
    expect(res.json.value).toMatch(/^[0-9a-f]{64,}$/);
    expect(JSON.stringify(f.sb.state())).not.toContain('hf_plaintext');
    const dup = await f.client.post('/secrets/', {
      body: { purpose: chute.chute_id, key: 'HF_TOKEN', value: 'v' },
      sign: { key: a.key },
    });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ detail: 'A secret already exists for this purpose with this key.' });
    const got = await f.client.get(`/secrets/${String(res.json.secret_id)}`, {
      sign: { key: a.key, purpose: 'secrets' },
    });
    expect(got.json).toEqual({
      secret_id: res.json.secret_id,
      key: 'HF_TOKEN',
      purpose: chute.chute_id,
      created_at: res.json.created_at,
    });
  });

  it('bans risky keys, unknown chutes, and non-HF keys on integrated-subnet chutes', async () => {
    const a = await account();
    await f.client.control('POST', 'chutes', { user_id: a.user_id, name: 'app' });
    await f.client.control('POST', 'chutes', { user_id: a.user_id, name: 'affine-miner' });
    const create = (purpose: string, key: string) =>
      f.client.post('/secrets/', { body: { purpose, key, value: 'v' }, sign: { key: a.key } });
    for (const key of ['PYTHONPATH', 'my_sglang_flag', 'SGL_X', 'ld_preload', 'https_proxy']) {
      const res = await create('app', key);
      expect(res.status, key).toBe(403);
      expect(res.json).toEqual({ detail: `Banned secret key: ${key}` });
    }
    for (const key of ['PYTHONUNBUFFERED', 'uv_system_python', 'API_TOKEN'])
      expect((await create('app', key)).status, key).toBe(200);
    expect((await create('nope', 'K')).json).toEqual({
      detail: 'Did not find target chute nope, or it does not belong to you',
    });
    expect((await create('affine-miner', 'API_TOKEN')).json).toEqual({
      detail: 'Only HF_TOKEN/HUGGING_FACE_HUB_TOKEN secrets are allowed for integrated subnet chutes',
    });
    expect((await create('affine-miner', 'HUGGING_FACE_HUB_TOKEN')).status).toBe(200);
  });

  it('lists newest first with pagination and deletes by id', async () => {
    let t = 1_750_000_000_000;
    f.sb.setFaults({ clock_offset_s: 0 });
    const a = await account();
    await f.client.control('POST', 'chutes', { user_id: a.user_id, name: 'app' });
    const ids: string[] = [];
    for (const k of ['A', 'B', 'C']) {
      f.sb.setFaults({ clock_offset_s: (t += 1000) / 1000 - Date.now() / 1000 });
      ids.push(
        String(
          (
            await f.client.post<{ secret_id: string }>('/secrets/', {
              body: { purpose: 'app', key: k, value: 'v' },
              sign: { key: a.key, nonce: Math.floor(t / 1000) },
            })
          ).json.secret_id,
        ),
      );
    }
    f.sb.setFaults({ clock_offset_s: 0 });
    const list = await f.client.get<{ total: number; items: { key: string }[] }>('/secrets/', {
      sign: { key: a.key, purpose: 'secrets' },
      query: { limit: 2 },
    });
    expect(list.json.total).toBe(3);
    expect(list.json.items.map((s) => s.key)).toEqual(['C', 'B']);
    expect((await f.client.delete(`/secrets/${ids[0]}`, { sign: { key: a.key, purpose: 'secrets' } })).json).toEqual({
      status: `Successfully deleted secret ${ids[0]}`,
      secret_id: ids[0],
    });
    expect((await f.client.get(`/secrets/${ids[0]}`, { sign: { key: a.key, purpose: 'secrets' } })).json).toEqual({
      detail: 'Secret not found, or does not belong to you',
    });
    expect((await f.client.get('/secrets')).status).toBe(307);
  });
});

describe('/chutes/ and /images/', () => {
  it('lists the caller’s own chutes and images in the paginated envelope', async () => {
    const a = await account();
    const b = await account('bob');
    await f.client.control('POST', 'chutes', { user_id: a.user_id, name: 'one' });
    await f.client.control('POST', 'chutes', { user_id: b.user_id, name: 'theirs' });
    await f.client.control('POST', 'images', { user_id: a.user_id, name: 'img', tag: '1.0' });
    const chutes = await f.client.get<{ total: number; items: { name: string }[] }>('/chutes/', {
      sign: { key: a.key, purpose: 'chutes' },
    });
    expect(chutes.json.total).toBe(1);
    expect(chutes.json.items[0]?.name).toBe('one');
    const images = await f.client.get<{ total: number; items: { name: string; tag: string }[]; cord_refs: null }>(
      '/images/',
      { sign: { key: a.key, purpose: 'images' } },
    );
    expect(images.json).toMatchObject({ total: 1, page: 0, limit: 25, cord_refs: null });
    expect(images.json.items[0]).toMatchObject({ name: 'img', tag: '1.0' });
    expect((await f.client.get('/chutes/', { sign: { key: a.key, purpose: 'images' } })).status).toBe(401);
  });
});

describe('/chutes/{chute_id_or_name}', () => {
  it('answers for the caller’s own chutes and public ones, 404 for another’s private chute or an unknown id', async () => {
    const a = await account();
    const b = await account('bob');
    const add = async (user_id: string, name: string) =>
      (await f.client.control<{ chute_id: string }>('POST', 'chutes', { user_id, name })).chute_id;
    const mine = await add(a.user_id, 'one');
    const theirs = await add(b.user_id, 'theirs');
    const sign = { sign: { key: a.key, purpose: 'chutes' } };
    const get = (idOrName: string) =>
      f.client.get<{ chute_id: string; name: string; public: boolean; user: { username: string } }>(
        `/chutes/${idOrName}`,
        sign,
      );
    expect((await get(mine)).json).toMatchObject({
      chute_id: mine,
      name: 'one',
      public: false,
      user: { username: 'alice' },
    });
    expect((await get('one')).json.chute_id).toBe(mine);
    const pub = PUBLIC_CHUTES[0];
    expect((await get(pub?.chute_id ?? '')).json).toMatchObject({
      name: pub?.name,
      public: true,
      user: { username: 'chutes' },
    });
    for (const id of [theirs, 'theirs', randomUUID()]) {
      const missing = await get(id);
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ detail: 'Chute not found, or does not belong to you' });
    }
    expect((await f.client.get(`/chutes/${mine}`, { sign: { key: a.key, purpose: 'images' } })).status).toBe(401);
  });
});
