import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import type { TransportOptions } from './transport';
import { createTestClient } from './fixtures/test-client';
import { header, startFakeChutes, v1Valid, type FakeChutes, type Hit, type Reply } from './fixtures/fake-chutes';

const SEED = Buffer.from('fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e', 'hex');
const HOTKEY = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const NOW = 1_700_000_000_000;

let fake: FakeChutes | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(handler: (hit: Hit) => Reply | Promise<Reply>, opts: Partial<TransportOptions> = {}) {
  fake = await startFakeChutes(handler);
  const vault = new MemorySeedVault();
  await vault.putSeed(HOTKEY, SEED);
  const sleeps: number[] = [];
  const client = createTestClient({
    baseUrl: fake.url,
    vault,
    now: () => NOW,
    retry: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()) },
    ...opts,
  });
  return { client, vault, sleeps, fake };
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected AppFailure, got ${String(error)}`);
  return error;
}

const serverNow = NOW / 1000;

describe('hotkey (v1) signing', () => {
  it('hashes and sends the exact same body bytes, with JSON content type and a 0x-less signature', async () => {
    const { client, fake } = await setup((hit) => ({
      status: v1Valid(hit, undefined, serverNow) ? 200 : 401,
      json: { ok: true },
    }));
    const result = await client.request({
      method: 'POST',
      path: '/api_keys/',
      body: { name: 'desk', admin: true },
      auth: { kind: 'hotkey', hotkey: HOTKEY, userId: 'u-1' },
    });
    expect(result).toEqual({ ok: true });
    const hit = fake.hits[0];
    expect(hit?.body).toBe('{"name":"desk","admin":true}');
    expect(header(hit as Hit, 'content-type')).toBe('application/json');
    expect(header(hit as Hit, 'x-chutes-signature')).toMatch(/^[0-9a-f]{128}$/);
    expect(header(hit as Hit, 'x-chutes-nonce')).toBe('1700000000');
    expect(header(hit as Hit, 'x-chutes-userid')).toBe('u-1');
    expect(header(hit as Hit, 'authorization')).toBeUndefined();
  });

  it('signs the purpose for body-less GETs and maps /users/me', async () => {
    const me = {
      username: 'desk',
      user_id: 'u-1',
      hotkey: HOTKEY,
      coldkey: '5Cold',
      payment_address: '5Pay',
      balance: 1.5,
      created_at: '2026-01-01T00:00:00Z',
      logo: null,
    };
    const { client, fake } = await setup((hit) =>
      v1Valid(hit, 'me', serverNow) ? { json: me } : { status: 401, json: { detail: 'bad' } },
    );
    expect(await client.getMe(HOTKEY)).toEqual({
      apiUrl: fake.url,
      hotkey: HOTKEY,
      username: 'desk',
      userId: 'u-1',
      coldkey: '5Cold',
      paymentAddress: '5Pay',
      balance: 1.5,
      createdAt: '2026-01-01T00:00:00Z',
    });
    expect(header(fake.hits[0] as Hit, 'content-type')).toBeUndefined();
    expect(header(fake.hits[0] as Hit, 'x-chutes-userid')).toBeUndefined();
  });

  it('signs an empty POST body as the hash of nothing, and refuses a signed GET without purpose', async () => {
    const { client, fake } = await setup((hit) => ({
      status: v1Valid(hit, undefined, serverNow) ? 200 : 401,
      json: {},
    }));
    await client.request({
      method: 'POST',
      path: '/return_developer_deposit',
      auth: { kind: 'hotkey', hotkey: HOTKEY },
    });
    expect(fake.hits[0]?.body).toBe('');
    const error = await failureOf(
      client.request({ method: 'GET', path: '/users/me/quotas', auth: { kind: 'hotkey', hotkey: HOTKEY } }),
    );
    expect(error.appError.code).toBe('internal');
    expect(fake.hits).toHaveLength(1);
  });

  it('passes the query string and keeps the path', async () => {
    const { client, fake } = await setup(() => ({ json: { items: [] } }));
    await client.request({
      method: 'GET',
      path: '/api_keys/',
      query: { page: 0, limit: 25, skip: undefined },
      auth: { kind: 'hotkey', hotkey: HOTKEY, purpose: 'api_keys' },
    });
    expect(fake.hits[0]?.path).toBe('/api_keys/');
    expect(fake.hits[0]?.query.toString()).toBe('page=0&limit=25');
  });

  it('says not-found when the vault has no seed for the hotkey, without calling the server', async () => {
    const { client, fake } = await setup(() => ({ json: {} }));
    const error = await failureOf(client.getMe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'));
    expect(error.appError.code).toBe('not-found');
    expect(fake.hits).toHaveLength(0);
  });
});

describe('timeouts and retries', () => {
  it('times out a slow answer', async () => {
    const { client } = await setup(() => ({ delayMs: 1500, json: {} }), { timeoutMs: 150, retry: { retries: 0 } });
    const started = performance.now();
    const error = await failureOf(client.ping());
    expect(error.appError).toMatchObject({ code: 'network', detail: { network: 'timeout' } });
    expect(error.message).toContain('did not answer in time');
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it('does not wait on a GET that timed out a second time: one timeout is the whole wait', async () => {
    const { client, fake, sleeps } = await setup(() => ({ delayMs: 1500, json: {} }), { timeoutMs: 150 });
    const error = await failureOf(client.ping());
    expect(error.appError).toMatchObject({ code: 'network', detail: { network: 'timeout' } });
    expect(fake.hits).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a GET on 503 with backoff, re-signing with a fresh nonce each time', async () => {
    let clock = NOW;
    const { client, fake, sleeps } = await setup(
      (hit) =>
        fake?.hits.length !== undefined && fake.hits.length < 3
          ? { status: 503, json: { detail: 'busy' } }
          : v1Valid(hit, 'me', clock / 1000)
            ? { json: { username: 'd', user_id: 'u', hotkey: HOTKEY } }
            : { status: 401, json: {} },
      { now: () => (clock += 1000) },
    );
    await client.getMe(HOTKEY);
    expect(fake.hits).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    const nonces = fake.hits.map((h) => header(h, 'x-chutes-nonce'));
    expect(new Set(nonces).size).toBe(3);
    const sigs = fake.hits.map((h) => header(h, 'x-chutes-signature'));
    expect(new Set(sigs).size).toBe(3);
  });

  it('gives up after the bounded retries', async () => {
    const { client, fake } = await setup(() => ({ status: 502, json: { detail: 'Bad Gateway' } }));
    const error = await failureOf(client.ping());
    expect(error.appError).toMatchObject({ code: 'server', detail: { status: 502 } });
    expect(fake.hits).toHaveLength(3);
  });

  it('retries a GET whose connection was dropped', async () => {
    const { client, fake } = await setup(() =>
      fake && fake.hits.length === 1 ? { destroy: true } : { json: { message: 'pong' } },
    );
    expect(await client.ping()).toEqual({ message: 'pong' });
    expect(fake.hits).toHaveLength(2);
  });

  it.each([
    ['POST', { status: 503, json: { detail: 'busy' } }, 'server'],
    ['POST', { destroy: true }, 'network'],
    ['DELETE', { status: 504, json: { detail: 'timeout' } }, 'server'],
    ['PUT', { destroy: true }, 'network'],
  ] as const)('never retries a %s (%#)', async (method, reply, code) => {
    const { client, fake, sleeps } = await setup(() => reply);
    const error = await failureOf(
      client.request({ method, path: '/api_keys/', body: { name: 'x' }, auth: { kind: 'hotkey', hotkey: HOTKEY } }),
    );
    expect(error.appError.code).toBe(code);
    expect(fake.hits).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('says a redirect is a redirect, never followed, and a body that cannot be decoded or an answer that is not HTTP is that, not "could not reach"', async () => {
    let reply: Reply = { status: 302, headers: { location: 'https://elsewhere.example/' }, raw: '' };
    const { client, fake } = await setup(() => reply, { retry: { retries: 0 } });
    const host = new URL(fake.url).host;
    const redirected = await failureOf(client.ping());
    expect(redirected.message).toBe(
      `${host} answered with a redirect to another address. The app does not follow redirects (a signed request goes only where you chose): check the address, https:// included.`,
    );
    expect(fake.hits).toHaveLength(1);
    reply = { headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' }, raw: 'not gzip' };
    const garbled = await failureOf(client.ping());
    expect(garbled.message).toBe(
      `${host} answered with a compressed body that could not be decoded. Is this the right address?`,
    );
    reply = { wire: 'SSH-2.0-OpenSSH_9.2\r\n' };
    const notHttp = await failureOf(client.ping());
    expect(notHttp.message).toBe(
      `${host} answered with something that is not HTTP. Is this the right address and port?`,
    );
    reply = { wire: 'HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n{}' };
    expect((await failureOf(client.ping())).message).toBe(notHttp.message);
  });

  it('reports a refused connection', async () => {
    const { client, fake } = await setup(() => ({ json: {} }), { retry: { retries: 0 } });
    await fake.close();
    const error = await failureOf(client.ping());
    expect(error.appError).toMatchObject({ code: 'network', detail: { network: 'refused' } });
    expect(error.message).toBe(
      `${new URL(fake.url).host} refused the connection. Nothing is listening there, or a firewall blocks it.`,
    );
  });
});

it('says why a port that fetch refuses (9, the discard port) was never tried', async () => {
  const client = createTestClient({
    baseUrl: 'http://127.0.0.1:9',
    vault: new MemorySeedVault(),
    retry: { retries: 0 },
  });
  const error = await failureOf(client.ping());
  expect(error.appError).toMatchObject({ code: 'network' });
  expect(error.message).toBe(
    "The port in 127.0.0.1:9 is one that web clients may not use (it belongs to another protocol), so nothing was sent. Check the address's port.",
  );
});

describe('answers that are not the API', () => {
  it('maps an HTML page to network/non-json', async () => {
    const { client } = await setup(() => ({ raw: '<html>captive portal</html>' }));
    const error = await failureOf(client.ping());
    expect(error.appError).toMatchObject({ code: 'network', detail: { network: 'non-json', status: 200 } });
    expect(error.message).toContain("not with the Chutes API's JSON");
  });

  it("says a gateway's HTML 429 or 403 page as slow down or refused, not as a wrong address", async () => {
    let status = 429;
    const { client } = await setup(() => ({ status, raw: '<html>Error 1015: You are being rate limited</html>' }));
    const limited = await failureOf(client.request({ method: 'POST', path: '/x', auth: { kind: 'none' } }));
    expect(limited.appError).toMatchObject({ code: 'rate-limited', detail: { network: 'non-json', status: 429 } });
    expect(limited.message).toContain('Wait a while, then try again.');
    status = 403;
    const refused = await failureOf(client.request({ method: 'POST', path: '/x', auth: { kind: 'none' } }));
    expect(refused.appError).toMatchObject({ code: 'forbidden', detail: { network: 'non-json', status: 403 } });
    expect(refused.message).toContain('such as a firewall or a bot check');
    expect(refused.message).not.toContain('right address');
  });

  it('treats an HTML 5xx page as a server error, not a wrong address', async () => {
    const { client } = await setup(() => ({ status: 500, raw: '<html>oops</html>' }));
    const error = await failureOf(client.request({ method: 'POST', path: '/x', auth: { kind: 'none' } }));
    expect(error.appError).toMatchObject({ code: 'server', detail: { status: 500 } });
  });

  it('rejects an answer of the wrong shape when a schema is given', async () => {
    const { client } = await setup(() => ({ json: { nothing: true } }));
    const error = await failureOf(client.ping());
    expect(error.appError.code).toBe('server');
    expect(error.message).toContain('unexpected shape');
  });
});
