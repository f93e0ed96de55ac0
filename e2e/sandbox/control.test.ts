import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './server';
import { ChutesTestClient, TestKey } from './test-client';
import type { LoggedRequest } from './request-log';
import { useSandbox } from './vitest-sandbox';

const f = useSandbox();

describe('faults', () => {
  it('adds latency, fails with the chosen status, and never touches /_sandbox/*', async () => {
    await f.client.control('POST', 'faults', { latency_ms: 150 });
    let t = performance.now();
    expect((await f.client.get('/ping')).json).toEqual({ message: 'pong' });
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    // A latency far longer than any slow machine's round trip, so a quick answer can only mean it was not applied.
    await f.client.control('POST', 'faults', { latency_ms: 60_000 });
    t = performance.now();
    await f.client.control('GET', 'requests');
    expect(performance.now() - t).toBeLessThan(30_000);
    await f.client.control('POST', 'faults', { latency_ms: 0, fail_rate: 1, fail_status: 502 });
    const failed = await f.client.get('/ping');
    expect(failed.status).toBe(502);
    expect(failed.json).toEqual({ detail: 'Bad Gateway' });
    await f.client.control('POST', 'faults', { fail_rate: 0 });
    expect((await f.client.get('/ping')).status).toBe(200);
  });

  it('fails exactly the nth matching request, once, counted from when it was set', async () => {
    await f.client.get('/ping');
    await f.client.control('POST', 'faults', { fail_nth: { method: 'get', path: '/ping', n: 2 }, fail_status: 503 });
    expect((await f.client.get('/users/name_check', { query: { username: 'abc' } })).status).toBe(200); // not matching: not counted
    expect((await f.client.get('/ping')).status).toBe(200);
    const second = await f.client.get('/ping');
    expect(second.status).toBe(503);
    expect(second.json).toEqual({ detail: 'Service Unavailable' });
    expect((await f.client.get('/ping')).status).toBe(200);
    await expect(
      f.client.control('POST', 'faults', { fail_nth: { method: 'GET', path: 'ping', n: 0 } }),
    ).rejects.toThrow();
  });

  it('removes a chute but keeps its secrets', async () => {
    const key = TestKey.random();
    const user = await f.client.register(key, 'alice');
    const chute = await f.client.control<{ chute_id: string }>('POST', 'chutes', {
      user_id: user.user_id,
      name: 'web-app',
    });
    expect(
      (await f.client.post('/secrets/', { body: { purpose: 'web-app', key: 'A', value: 'v' }, sign: { key } })).status,
    ).toBe(200);
    expect(await f.client.control('POST', 'chutes/remove', { chute_id: chute.chute_id })).toEqual({
      chute_id: chute.chute_id,
      removed: true,
    });
    const listed = await f.client.get<{ items: { purpose: string }[] }>('/secrets/', {
      sign: { key, purpose: 'secrets' },
    });
    expect(listed.json.items.map((s) => s.purpose)).toEqual([chute.chute_id]);
    const chutes = await f.client.get<{ items: unknown[] }>('/chutes/', { sign: { key, purpose: 'chutes' } });
    expect(chutes.json.items).toEqual([]);
  });

  it('drops connections without an answer', async () => {
    await f.client.control('POST', 'faults', { drop_rate: 1 });
    await expect(f.client.get('/ping')).rejects.toThrow();
    const log = await f.client.control<{ items: LoggedRequest[] }>('GET', 'requests?limit=1');
    expect(log.items[0]).toMatchObject({ path: '/ping', status: null });
  });

  it('fault_once with drop_after: processes the request, then drops the answer, once', async () => {
    await f.client.control('POST', 'fault_once', { method: 'POST', path: '/users/register', drop_after: true });
    const key = TestKey.random();
    await expect(f.client.register(key, 'lostanswer')).rejects.toThrow();
    // The account exists although its creator never heard so; other paths answer normally.
    expect(f.sb.users().map((u) => u.username)).toEqual(['lostanswer']);
    expect((await f.client.get('/users/me', { sign: { key, purpose: 'me' } })).json).toMatchObject({
      username: 'lostanswer',
      hotkey: key.ss58,
    });
    const log = await f.client.control<{ items: LoggedRequest[] }>('GET', 'requests?limit=2');
    expect(log.items.map((r) => [r.path, r.status])).toEqual([
      ['/users/register', null],
      ['/users/me', 200],
    ]);
  });

  it('fault_once with garble_after: does the work, answers its 2xx in an unreadable shape, once; refuses two kinds at once', async () => {
    await f.client.control('POST', 'fault_once', { method: 'POST', path: '/users/register', garble_after: true });
    const key = TestKey.random();
    const token = (await f.client.control<{ token: string }>('POST', 'registration_token', {})).token;
    const res = await f.client.post('/users/register', {
      query: { token },
      body: { username: 'garbled', coldkey: TestKey.random().ss58 },
      sign: { key },
    });
    expect([res.status, res.json]).toEqual([200, { garbled: true }]);
    expect(f.sb.users().map((u) => u.username)).toEqual(['garbled']);
    // An error answer is not garbled: only what did the work is.
    await f.client.control('POST', 'fault_once', { method: 'GET', path: '/users/me', garble_after: true });
    expect((await f.client.get('/users/me')).status).toBe(401);
    await expect(
      f.client.control('POST', 'fault_once', { method: 'GET', path: '/x', drop_after: true, garble_after: true }),
    ).rejects.toThrow(/exactly one of status, drop_after or garble_after/);
  });

  it('shifts the clock used for nonces and the Date header', async () => {
    const key = TestKey.random();
    await f.client.register(key, 'alice');
    await f.client.control('POST', 'faults', { clock_offset_s: 3600 });
    const res = await f.client.get('/ping');
    const date = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(date - (Date.now() + 3600_000))).toBeLessThan(5000);
    // The client's clock is an hour behind the sandbox's.
    expect((await f.client.get('/users/me', { sign: { key, purpose: 'me' } })).json).toEqual({
      detail: 'Invalid nonce!',
    });
  });

  it('rejects invalid control input', async () => {
    const res = await f.client.post('/_sandbox/faults', { body: { fail_rate: 2 } });
    expect(res.status).toBe(422);
    expect((await f.client.post('/_sandbox/chutes', { body: { user_id: 'ghost', name: 'x' } })).status).toBe(404);
  });
});

describe('request log', () => {
  it('records method, path, query, X-Chutes-* presence, auth scheme and body hash — never secrets', async () => {
    const key = TestKey.random();
    await f.client.register(key, 'alice', { ip: '10.9.9.9' });
    const admin = await f.client.adminKey(key);
    await f.client.get('/users/me', { authorization: `Basic ${admin}`, query: { x: 1 } });
    const { items } = await f.client.control<{ items: LoggedRequest[] }>('GET', 'requests?limit=3');
    expect(items.map((i) => `${i.method} ${i.path} ${i.status ?? ''}`)).toEqual([
      'POST /users/register 200',
      'POST /api_keys/ 200',
      'GET /users/me 200',
    ]);
    const [reg, create, me] = items;
    expect(reg).toMatchObject({
      ip: '10.9.9.9',
      hotkey: key.ss58,
      signature_present: true,
      signature_verified: true,
      authorization_scheme: null,
    });
    expect(create?.body_sha256).toBe(createHashHex('{"name":"admin","admin":true}'));
    expect(me).toMatchObject({
      query: 'x=1',
      authorization_scheme: 'Basic',
      authorization_kind: 'api_key',
      signature_present: false,
      signature_verified: false,
      body_sha256: null,
    });
    const dump = JSON.stringify(items);
    expect(dump).not.toContain(admin.slice(-32));
    expect(dump).not.toMatch(/"X-Chutes-Signature"|[0-9a-f]{128}/);
  });
});

const createHashHex = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('persistence and reset', () => {
  it('keeps state across a restart with --state, atomically written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    const file = join(dir, 'state.json');
    try {
      const first = await startSandbox({ stateFile: file });
      const c1 = new ChutesTestClient(first.url);
      const key = TestKey.random();
      const reg = await c1.register(key, 'persist');
      const admin = await c1.adminKey(key);
      await first.close();
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
      const second = await startSandbox({ stateFile: file });
      const c2 = new ChutesTestClient(second.url);
      const me = await c2.get<{ user_id: string }>('/users/me', { authorization: admin });
      expect(me.json.user_id).toBe(reg.user_id);
      expect((await c2.post('/users/login', { body: { fingerprint: reg.fingerprint } })).status).toBe(200);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reset empties accounts and counters', async () => {
    const key = TestKey.random();
    await f.client.register(key, 'alice');
    await f.client.control('POST', 'reset');
    expect(await f.client.control('GET', 'users')).toEqual({ items: [] });
    expect((await f.client.get('/users/me', { sign: { key, purpose: 'me' } })).status).toBe(401);
  });
});

describe('demo seed and CLI', () => {
  it('seeds chutes, images, balance and usage for each new account with --demo', async () => {
    const demo = await startSandbox({ demo: true });
    try {
      const c = new ChutesTestClient(demo.url);
      const key = TestKey.random();
      await c.register(key, 'demo');
      const admin = await c.adminKey(key);
      expect((await c.get<{ balance: number }>('/users/me', { authorization: admin })).json.balance).toBeGreaterThan(0);
      expect((await c.get<{ total: number }>('/chutes/', { authorization: admin })).json.total).toBe(3);
      expect((await c.get<{ total: number }>('/images/', { authorization: admin })).json.total).toBe(2);
      expect((await c.get<{ total: number }>('/users/me/usage', { authorization: admin })).json.total).toBe(48);
    } finally {
      await demo.close();
    }
  });

  it('prints one line with the URL and serves on it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'cli.ts'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`cli exited ${String(code)}`)));
      });
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      expect(line.trim().split('\n')).toHaveLength(1);
      expect(url).toBeDefined();
      const res = await fetch(`${url ?? ''}/ping`);
      expect(await res.json()).toEqual({ message: 'pong' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('account seeding (quotas, roles, subscription, discounts, browser login)', () => {
  it('seeds what /users/me/* answers, in the reference shapes', async () => {
    const key = TestKey.random();
    const a = await f.client.register(key, 'alice');
    const admin = await f.client.adminKey(key);
    const get = async (path: string) => (await f.client.get(path, { authorization: admin })).json;
    await f.client.control('POST', 'quotas', { user_id: 'alice', rows: [{ chute_id: '*', quota: 300 }] });
    expect(await get('/users/me/quotas')).toMatchObject([
      { user_id: a.user_id, chute_id: '*', quota: 300, is_default: true },
    ]);
    await f.client.control('POST', 'quotas', { user_id: 'alice', rows: [] });
    expect(await get('/users/me/quotas')).toEqual({ '*': 200 });
    await f.client.control('POST', 'roles', { user_id: 'alice', permissions_bitmask: 1 << 8 });
    expect(await get('/users/me/quotas')).toEqual({});
    const usage = {
      subscription: true,
      monthly_price: 3,
      monthly: { usage: 1, cap: 15, remaining: 14 },
      four_hour: { usage: 0, cap: 1.25, remaining: 1.25 },
    };
    await f.client.control('POST', 'subscription', { user_id: 'alice', usage });
    expect(await get('/users/me/subscription_usage')).toEqual(usage);
    await f.client.control('POST', 'discounts', { user_id: a.user_id, items: [{ chute_id: 'c', discount: 0.1 }] });
    expect(await get('/users/me/discounts')).toEqual([{ user_id: a.user_id, chute_id: 'c', discount: 0.1 }]);
    await expect(
      f.client.control('POST', 'discounts', { user_id: 'alice', items: [{ chute_id: 'c', discount: 2 }] }),
    ).rejects.toThrow();
    expect((await f.client.get('/idp/cli_login/nonce')).status).toBe(404);
    await f.client.control('POST', 'idp', { enabled: true });
    expect((await f.client.get<{ nonce: string }>('/idp/cli_login/nonce')).json.nonce).toMatch(/^[0-9a-f-]{36}$/);
  });
});
