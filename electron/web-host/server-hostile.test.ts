import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../ipc-router';
import { bodyOf, rawExchange } from './raw-http.test-helper';
import { startWebHost, type WebHost } from './server';

// Callers that do not play by the rules: malformed paths, raw bytes, too many or too slow connections.

const CAP = 8;
const UNTRUSTED_MS = 300;
const LIFETIME_MS = 1_200;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(path.join(os.tmpdir(), 'renderer-'));
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  const handlers = { getAppInfo: () => Promise.resolve({ version: 't' }) } as unknown as Handlers;
  host = await startWebHost({
    router: createRouter(handlers),
    rendererDir,
    port: 0,
    maxConnections: CAP,
    untrustedIdleMs: UNTRUSTED_MS,
    untrustedLifetimeMs: LIFETIME_MS,
  });
});
afterAll(async () => {
  await host.close();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

const request = (line: string, headers: string[] = [], body = '') =>
  `${line}\r\nHost: 127.0.0.1:${host.port}\r\n${headers.map((h) => `${h}\r\n`).join('')}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
const rpcLine = (p: string) =>
  request(`POST ${p} HTTP/1.1`, [`Authorization: Bearer ${host.token}`, 'Content-Type: application/json'], '{}');

const isResult = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as { ok?: unknown }).ok === false &&
  typeof (value as { error?: { code?: unknown } }).error?.code === 'string';

describe('web host against malformed requests', () => {
  it('answers a malformed percent-encoded channel with a typed Result, not 500', async () => {
    for (const p of ['/rpc/%ZZ', '/rpc/%', '/rpc/%E0%A4%A', '/rpc/%ED%A0%80', '/rpc/get%ppInfo']) {
      const reply = await rawExchange(host.port, rpcLine(p));
      expect(reply.status, p).toBeLessThan(500);
      expect(isResult(bodyOf(reply)), p).toBe(true);
    }
  });

  it('answers raw non-ASCII bytes and broken request lines with a JSON Result, not a bare 400', async () => {
    const cases = [
      Buffer.concat([
        Buffer.from('GET /caf'),
        Buffer.from([0xc3, 0xa9, 0xff]),
        Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`),
      ]),
      Buffer.from('NOT-HTTP\r\n\r\n'),
      Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nBad Header\r\n\r\n`),
      Buffer.from(
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX: ${'a'.repeat(20000)}\r\n${'Y: b\r\n'.repeat(3000)}\r\n`,
      ),
    ];
    for (const bytes of cases) {
      const reply = await rawExchange(host.port, bytes);
      const what = bytes.subarray(0, 40).toString('latin1');
      expect(reply.status, what).not.toBeNull();
      expect(reply.status ?? 500, what).toBeLessThan(500);
      expect(isResult(bodyOf(reply)), what).toBe(true);
    }
  });

  it('answers an unparsable absolute-form URL without a 5xx', async () => {
    for (const target of ['http://[', 'http://a:b@/', '//', 'http://x/%zz']) {
      const reply = await rawExchange(host.port, request(`GET ${target} HTTP/1.1`));
      expect(reply.status ?? 500, target).toBeLessThan(500);
    }
  });
});

describe('web host connection limits', () => {
  it('at the cap, closes the oldest connections without the token to make room for new ones', async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: CAP + 4 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(host.port, '127.0.0.1', () => resolve(s));
            s.on('error', () => undefined);
          }),
      ),
    );
    const closed = sockets.map(() => false);
    sockets.forEach((s, i) => s.on('close', () => (closed[i] = true)));
    await new Promise((r) => setTimeout(r, 150));
    expect(closed.filter(Boolean).length).toBe(4);
    for (const s of sockets) s.destroy();
  });

  it('keeps a connection that showed the token when others fill every slot, and answers a new caller with the token', async () => {
    const open = () =>
      new Promise<net.Socket>((resolve) => {
        const s = net.connect(host.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      });
    const rpc = `POST /rpc/getAppInfo HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
    const trusted = await open();
    const answered = new Promise<void>((resolve) => trusted.once('data', () => resolve()));
    trusted.write(rpc);
    await answered;
    let trustedClosed = false;
    trusted.on('close', () => (trustedClosed = true));
    // A local program takes every slot (and more) without ever showing the token.
    const squatters = [];
    for (let i = 0; i < CAP * 2; i++) squatters.push(await open());
    await new Promise((r) => setTimeout(r, 100));
    expect(trustedClosed).toBe(false);
    // The page's next connection still gets in and is answered.
    const reply = await rawExchange(host.port, rpcLine('/rpc/getAppInfo'));
    expect(reply.status).toBe(200);
    for (const s of [trusted, ...squatters]) s.destroy();
  });

  it('drops a connection without the token after its lifetime however busy it keeps it', async () => {
    const s = net.connect(host.port, '127.0.0.1');
    s.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => s.on('close', () => resolve(performance.now())));
    const started = performance.now();
    // A complete request well inside the idle limit, again and again: the idle clock never runs out.
    const ask = () => s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
    ask();
    const every = setInterval(ask, UNTRUSTED_MS / 3);
    const at = await closed;
    clearInterval(every);
    expect(at - started).toBeGreaterThanOrEqual(LIFETIME_MS - 50);
    expect(at - started).toBeLessThan(LIFETIME_MS + 1_500);
  });

  it('drops a caller without the token that sends headers too slowly, sooner than the normal header timeout', async () => {
    const started = performance.now();
    const reply = await rawExchange(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`, 3000);
    expect(reply.closed).toBe(true);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('keeps an idle keep-alive connection that presented the token, drops one that did not', async () => {
    const keepAlive = (withToken: boolean) =>
      new Promise<boolean>((resolve) => {
        const s = net.connect(host.port, '127.0.0.1');
        const auth = withToken ? `Authorization: Bearer ${host.token}\r\n` : '';
        const req = `POST /rpc/getAppInfo HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${auth}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
        let replies = 0;
        s.on('data', (d) => {
          replies += (d.toString('latin1').match(/HTTP\/1\.1 /g) ?? []).length;
          if (replies === 1) setTimeout(() => s.write(req), UNTRUSTED_MS * 2.5);
          if (replies === 2) {
            s.destroy();
            resolve(true);
          }
        });
        s.on('close', () => resolve(false));
        s.on('error', () => undefined);
        s.write(req);
      });
    expect(await keepAlive(true)).toBe(true);
    expect(await keepAlive(false)).toBe(false);
  });
});
