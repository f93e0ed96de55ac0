import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

describe('control: seeding API keys and aiming a fault at one route', () => {
  it('seeds N keys over HTTP, listable and deletable like real ones, but unusable as credentials', async () => {
    const key = TestKey.random();
    const a = await f.client.register(key, 'seeder');
    expect(await f.client.control('POST', 'api_keys', { user_id: 'seeder', count: 30, name_prefix: 'bulk' })).toEqual({
      user_id: a.user_id,
      created: 30,
    });
    const page = await f.client.get<{
      total: number;
      items: { name: string; admin: boolean; scopes: { method: null }[] }[];
    }>('/api_keys/', {
      sign: { key, purpose: 'api_keys' },
      query: { page: 1, limit: 10 },
    });
    expect(page.json.total).toBe(30);
    expect(page.json.items.map((k) => k.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `bulk-${String(10 + i).padStart(2, '0')}`),
    );
    expect(page.json.items.filter((k) => k.admin).map((k) => k.name)).toEqual(['bulk-14']);
    expect(page.json.items.every((k) => k.admin || k.scopes.every((s) => s.method === null))).toBe(true);
    const id = Object.values(f.sb.state().apiKeys)[0]?.api_key_id ?? '';
    const forged = `cpk_${id.replace(/-/g, '')}.${a.user_id.replace(/-/g, '')}.${'A'.repeat(32)}`;
    expect((await f.client.get('/users/me', { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await f.client.delete(`/api_keys/${id}`, { sign: { key, purpose: 'api_keys' } })).status).toBe(200);
    await expect(f.client.control('POST', 'api_keys', { user_id: 'nobody', count: 1 })).rejects.toThrow('404');
    await expect(f.client.control('POST', 'api_keys', { user_id: 'seeder', count: 0 })).rejects.toThrow('422');
  });

  it('fails the chosen request only, or does the work and hangs up; reset clears aimed faults', async () => {
    const key = TestKey.random();
    await f.client.register(key, 'aimed');
    const body = { name: 'k1', admin: false, scopes: [{ object_type: 'chutes', action: 'invoke' }] };
    await f.client.control('POST', 'fault_once', { method: 'POST', path: '/api_keys/', status: 503 });
    expect((await f.client.get('/api_keys/', { sign: { key, purpose: 'api_keys' } })).status).toBe(200); // other routes untouched
    expect((await f.client.post('/api_keys/', { body, sign: { key } })).status).toBe(503);
    expect(Object.keys(f.sb.state().apiKeys)).toHaveLength(0);
    expect((await f.client.post('/api_keys/', { body, sign: { key } })).status).toBe(200); // once only

    await f.client.control('POST', 'fault_once', { method: 'POST', path: '/api_keys/', drop_after: true });
    await expect(f.client.post('/api_keys/', { body: { ...body, name: 'k2' }, sign: { key } })).rejects.toThrow();
    expect(
      Object.values(f.sb.state().apiKeys)
        .map((k) => k.name)
        .sort(),
    ).toEqual(['k1', 'k2']);
    expect(f.sb.requests(1)[0]).toMatchObject({ method: 'POST', path: '/api_keys/', status: null });

    await expect(f.client.control('POST', 'fault_once', { method: 'POST', path: '/api_keys/' })).rejects.toThrow('422');
    f.sb.faultOnce({ method: 'GET', path: '/ping', status: 500 });
    f.sb.reset();
    expect((await f.client.get('/ping')).status).toBe(200);
  });
});
