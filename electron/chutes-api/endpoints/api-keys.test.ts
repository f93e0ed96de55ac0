import { describe, expect, it } from 'vitest';
import { header } from '../fixtures/fake-chutes';
import { jwtWorld as world } from '../fixtures/jwt-world.test-helper';
import { createApiKey, deleteApiKey, listApiKeys } from './api-keys';

const KEY_ID = '0e8c9a52-3a3b-4f0b-9d4e-5f6a7b8c9d0e';
/** A secret in the §1.4 format for KEY_ID. */
const SECRET = `cpk_${KEY_ID.replace(/-/g, '')}.${'a'.repeat(32)}.${'B'.repeat(32)}`;
const row = {
  api_key_id: KEY_ID,
  user_id: 'u',
  admin: false,
  name: 'k',
  created_at: '2026-01-01T00:00:00',
  last_used_at: null,
  scopes: [{ scope_id: 's', object_type: 'chutes', object_id: null, method: null }],
};

describe('API key endpoints on the wire', () => {
  it('list: trailing slash, page/limit, Bearer JWT after one login', async () => {
    const w = await world(() => ({ json: { total: 1, page: 3, limit: 50, items: [row], cord_refs: null } }));
    try {
      const page = await listApiKeys(w.transport, w.hotkey, 3, 50);
      await listApiKeys(w.transport, w.hotkey, 4, 50);
      expect(page).toEqual({
        total: 1,
        page: 3,
        limit: 50,
        items: [
          {
            id: KEY_ID,
            userId: 'u',
            name: 'k',
            admin: false,
            createdAt: row.created_at,
            scopes: [{ scopeId: 's', objectType: 'chutes', objectId: null }],
          },
        ],
      });
      const lists = w.fake.hits.filter((h) => h.path === '/api_keys/');
      expect(lists.map((h) => h.query.toString())).toEqual(['page=3&limit=50', 'page=4&limit=50']);
      expect(lists.every((h) => header(h, 'authorization') === 'Bearer eyJ.test.jwt')).toBe(true);
      expect(w.fake.hits.filter((h) => h.path === '/users/login')).toHaveLength(1);
    } finally {
      await w.fake.close();
    }
  });

  it('create: an admin key is sent with no scopes, and a lost answer is never re-sent', async () => {
    const w = await world((hit) =>
      hit.method === 'POST' && hit.body.includes('"name":"lost"')
        ? { destroy: true }
        : { json: { ...row, admin: true, scopes: [], secret_key: SECRET } },
    );
    try {
      const made = await createApiKey(w.transport, w.hotkey, { name: 'ops', admin: true, scopes: [] });
      expect(made.secret).toMatch(/^cpk_/);
      expect(JSON.parse(w.fake.hits.find((h) => h.method === 'POST' && h.path === '/api_keys/')?.body ?? '')).toEqual({
        name: 'ops',
        admin: true,
        scopes: [],
      });
      await expect(
        createApiKey(w.transport, w.hotkey, { name: 'lost', admin: true, scopes: [] }),
      ).rejects.toMatchObject({ appError: { code: 'network' } });
      expect(w.fake.hits.filter((h) => h.method === 'POST' && h.path === '/api_keys/')).toHaveLength(2);
    } finally {
      await w.fake.close();
    }
  });

  it('delete: 404 is the typed key-gone; an answer in the wrong shape is unexpected-shape', async () => {
    const w = await world((hit) =>
      hit.path.endsWith('gone')
        ? { status: 404, json: { detail: 'API key not found, or does not belong to you' } }
        : { json: { ok: true } },
    );
    try {
      await expect(deleteApiKey(w.transport, w.hotkey, 'gone')).rejects.toMatchObject({
        appError: { reason: 'key-gone', code: 'not-found' },
      });
      await expect(deleteApiKey(w.transport, w.hotkey, KEY_ID)).rejects.toMatchObject({
        appError: { reason: 'unexpected-shape' },
      });
      expect(w.fake.hits.filter((h) => h.method === 'DELETE').map((h) => h.path)).toEqual([
        '/api_keys/gone',
        `/api_keys/${KEY_ID}`,
      ]);
    } finally {
      await w.fake.close();
    }
  });

  it('create: a secret not in the §1.4 format, or naming another key, is no secret to show', async () => {
    let secret = 'cpk_';
    const w = await world(() => ({ json: { ...row, secret_key: secret } }));
    try {
      const create = () => createApiKey(w.transport, w.hotkey, { name: 'k', admin: true, scopes: [] });
      await expect(create()).rejects.toMatchObject({ appError: { reason: 'unexpected-shape' } });
      secret = `cpk_${'0'.repeat(32)}.${'a'.repeat(32)}.${'B'.repeat(32)}`;
      await expect(create()).rejects.toMatchObject({ appError: { reason: 'unexpected-shape' } });
      secret = SECRET;
      await expect(create()).resolves.toMatchObject({ secret: SECRET });
    } finally {
      await w.fake.close();
    }
  });

  it('delete: a 200 that does not say this key was deleted is not reported as deleted', async () => {
    let answer: unknown = { api_key_id: KEY_ID, deleted: false };
    const w = await world(() => ({ json: answer }));
    try {
      await expect(deleteApiKey(w.transport, w.hotkey, KEY_ID)).rejects.toMatchObject({
        appError: { reason: 'unexpected-shape' },
      });
      answer = { api_key_id: '11111111-1111-4111-8111-111111111111', deleted: true };
      await expect(deleteApiKey(w.transport, w.hotkey, KEY_ID)).rejects.toMatchObject({
        appError: { reason: 'unexpected-shape' },
      });
      answer = { api_key_id: KEY_ID, deleted: true };
      await expect(deleteApiKey(w.transport, w.hotkey, KEY_ID)).resolves.toBeUndefined();
    } finally {
      await w.fake.close();
    }
  });
});
