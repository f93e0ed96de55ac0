import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

// Where the sandbox's /secrets follows the server's order and defaults (kierr mirror api/secret/router.py).
const f = useSandbox();

async function withChutes(...names: string[]) {
  const key = TestKey.random();
  const reg = await f.client.register(key, 'alice');
  for (const name of names) await f.client.control('POST', 'chutes', { user_id: reg.user_id, name });
  const create = (purpose: string, k: string) =>
    f.client.post('/secrets/', { body: { purpose, key: k, value: 'v' }, sign: { key } });
  return { key, create };
}

describe('/secrets as the server orders its checks', () => {
  it('looks the chute up before the banned-key 403: a banned key for no chute of yours is a 404', async () => {
    const { create } = await withChutes('app');
    const res = await create('nope', 'PYTHONPATH');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'Did not find target chute nope, or it does not belong to you' });
    expect((await create('app', 'PYTHONPATH')).status).toBe(403);
  });

  it('takes the HF keys on an integrated-subnet chute in any case (key.upper())', async () => {
    const { create } = await withChutes('affine-miner');
    expect((await create('affine-miner', 'hf_token')).status).toBe(200);
    expect((await create('affine-miner', 'Hugging_Face_Hub_Token')).status).toBe(200);
    expect((await create('affine-miner', 'hf_tokens')).status).toBe(403);
  });

  it('reads `limit or 25` rows for limit=0, echoing the 0', async () => {
    const { key, create } = await withChutes('app');
    for (let i = 0; i < 30; i++) expect((await create('app', `K_${i}`)).status).toBe(200);
    const list = await f.client.get<{ total: number; limit: number; items: unknown[] }>('/secrets/', {
      sign: { key, purpose: 'secrets' },
      query: { limit: 0 },
    });
    expect(list.json).toMatchObject({ total: 30, limit: 0 });
    expect(list.json.items).toHaveLength(25);
  });
});
