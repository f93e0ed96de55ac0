import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TestKey } from './test-client';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

async function adminAccount() {
  const key = TestKey.random();
  await f.client.register(key, 'alice');
  return { key, admin: await f.client.adminKey(key) };
}

describe('FastAPI-shaped answers to bad input', () => {
  it('422 json_invalid with CPython’s message and position, before authentication', async () => {
    const res = await f.client.post('/api_keys/', { body: '{"name": "desk", "admin": tru}' });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 26],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'Expecting value' },
        },
      ],
    });
  });

  it('wrong types and missing fields in pydantic v2 wording', async () => {
    const { admin } = await adminAccount();
    const res = await f.client.post('/api_keys/', {
      authorization: admin,
      body: { name: 5, admin: 'perhaps', scopes: 'all' },
    });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      detail: [
        { type: 'string_type', loc: ['body', 'name'], msg: 'Input should be a valid string', input: 5 },
        {
          type: 'bool_parsing',
          loc: ['body', 'admin'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: 'perhaps',
        },
        { type: 'list_type', loc: ['body', 'scopes'], msg: 'Input should be a valid list', input: 'all' },
      ],
    });
    const notObject = await f.client.post('/secrets/', { authorization: admin, body: '[1]' });
    expect(notObject.json).toEqual({
      detail: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: [1],
        },
      ],
    });
    const empty = await f.client.post('/secrets/', { authorization: admin });
    expect(empty.json).toEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });
    const lax = await f.client.post<{ admin: boolean }>('/api_keys/', {
      authorization: admin,
      body: { name: 'lax', admin: 'yes' },
    });
    expect(lax.json.admin).toBe(true);
  });

  it('404 and 405 like Starlette, including the /users catch-all', async () => {
    expect((await f.client.get('/developer_deposit')).json).toEqual({ detail: 'Not Found' });
    expect((await f.client.get('/users/')).status).toBe(404);
    const wrong = await f.client.request('PATCH', '/api_keys/');
    expect(wrong.status).toBe(405);
    expect(wrong.json).toEqual({ detail: 'Method Not Allowed' });
    expect((await f.client.post('/users/someone')).status).toBe(405);
  });

  it('caps bodies at 1 MiB with 413 and keeps serving', async () => {
    const { admin } = await adminAccount();
    const res = await f.client.post('/api_keys/', {
      authorization: admin,
      body: `{"name":"${'x'.repeat(1024 * 1024)}"}`,
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ detail: 'Request Entity Too Large' });
    expect((await f.client.get('/users/me', { authorization: admin })).status).toBe(200);
  });

  it('answers undecodable bodies with 400 and non-JSON content types as model errors', async () => {
    const { admin } = await adminAccount();
    const bytes = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/api_keys/', f.sb.url);
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', authorization: admin } },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    });
    expect(bytes).toEqual({ status: 400, body: '{"detail":"There was an error parsing the body"}' });
    const text = await f.client.post('/secrets/', {
      authorization: admin,
      body: 'purpose=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.json).toEqual({
      detail: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: 'purpose=x',
        },
      ],
    });
  });

  it('never loses state on bad requests, and every answer carries Date and JSON content-type', async () => {
    const { key, admin } = await adminAccount();
    const junk = ['{', '[]', 'null', '"s"', '{"name":null,"admin":[]}', '\u0000', '{"a":NaN}'];
    const answers = await Promise.all(junk.map((body) => f.client.post('/api_keys/', { authorization: admin, body })));
    for (const a of answers) {
      expect(a.status).toBe(422);
      expect(a.headers.get('content-type')).toBe('application/json');
      expect(a.headers.get('date')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    }
    const me = await f.client.get<{ hotkey: string }>('/users/me', { authorization: admin });
    expect(me.json.hotkey).toBe(key.ss58);
    expect((await f.client.get<{ total: number }>('/api_keys/', { authorization: admin })).json.total).toBe(1);
  });
});
