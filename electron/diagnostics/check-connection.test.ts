import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from '../chutes-api/transport';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { checkConnection as checkTransport } from './check-connection';

/** The check as the handler runs it: through a transport for the address (unsigned, no seed needed). */
function checkConnection(opts: { apiUrl: string; fetchImpl?: typeof fetch; now?: () => number; timeoutMs?: number }) {
  const { apiUrl, timeoutMs, ...rest } = opts;
  return checkTransport(createTransport({ baseUrl: apiUrl, vault: new MemorySeedVault(), ...rest }), timeoutMs);
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];

async function serve(reply: Reply): Promise<string> {
  const server = http.createServer(reply);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
});

const pong: Reply = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"message":"pong"}');
};

describe('checkConnection', () => {
  it('reports a reachable API with latency and no skew', async () => {
    const base = await serve(pong);
    const report = await checkConnection({ apiUrl: `${base}/` });
    expect(report).toMatchObject({ reachable: true, url: `${base}/ping`, message: 'pong', skew: 'ok' });
    if (!report.reachable) return;
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Math.abs(report.skewSeconds ?? 99)).toBeLessThanOrEqual(1);
  });

  it('measures clock skew from the Date header', async () => {
    const base = await serve((_req, res) => {
      res.sendDate = false;
      res.writeHead(200, {
        'content-type': 'application/json',
        date: new Date(Date.now() - 15 * 60_000).toUTCString(),
      });
      res.end('{"message":"pong"}');
    });
    const report = await checkConnection({ apiUrl: base });
    expect(report.reachable).toBe(true);
    if (!report.reachable) return;
    expect(report.skew).toBe('rejected');
    expect(report.skewSeconds).toBeGreaterThanOrEqual(899);
    expect(report.skewSeconds).toBeLessThanOrEqual(901);
  });

  it('warns on moderate skew using an injected local clock', async () => {
    const base = await serve(pong);
    const report = await checkConnection({ apiUrl: base, now: () => Date.now() - 200_000 });
    expect(report).toMatchObject({ reachable: true, skew: 'warning' });
    if (report.reachable) expect(report.skewSeconds).toBeLessThanOrEqual(-199);
  });

  it('says when nothing listens', async () => {
    const base = await serve(pong);
    await new Promise<void>((r) => servers.pop()?.close(() => r()));
    const report = await checkConnection({ apiUrl: base });
    expect(report).toMatchObject({ reachable: false, reason: 'refused' });
  });

  it('says when the answer is not JSON', async () => {
    const base = await serve((_req, res) => res.end('<html>captive portal</html>'));
    expect(await checkConnection({ apiUrl: base })).toMatchObject({
      reachable: false,
      reason: 'non-json',
      status: 200,
    });
  });

  it('does not call an answer that is JSON but no object (a string, a list, null) a reachable Chutes', async () => {
    for (const body of ['"hello"', 'null', '[]', '42']) {
      const base = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
      expect(await checkConnection({ apiUrl: base }), body).toMatchObject({ reachable: false, reason: 'non-json' });
    }
  });

  it('says an object detail in words, not "[object Object]", and cuts a huge one', async () => {
    let body = JSON.stringify({ detail: { why: 'teapot' } });
    const base = await serve((_req, res) => {
      res.writeHead(418, { 'content-type': 'application/json' });
      res.end(body);
    });
    const report = await checkConnection({ apiUrl: base });
    if (report.reachable) throw new Error('reachable');
    expect(report.message).toContain('The server said: {"why":"teapot"}.');
    body = JSON.stringify({ detail: 'x'.repeat(2_000_000) });
    const huge = await checkConnection({ apiUrl: base });
    if (huge.reachable) throw new Error('reachable');
    expect(huge.message.length).toBeLessThan(1_000);
  });

  it('passes on the server detail of an error status', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"detail":"Database connectivity problems: down"}');
    });
    const report = await checkConnection({ apiUrl: base });
    expect(report).toMatchObject({ reachable: false, reason: 'http-status', status: 503 });
    if (!report.reachable) expect(report.message).toContain('Database connectivity problems: down');
  });

  it('says what an error page in front of the API means, in the words account calls use', async () => {
    const cases: Array<{ status: number; body: string; says: RegExp }> = [
      { status: 403, body: '<html>Attention Required! | Cloudflare</html>', says: /refused the request \(HTTP 403/ },
      { status: 429, body: '<html>rate limited</html>', says: /asked the app to slow down/ },
      { status: 429, body: '{"detail":"slow"}', says: /Too many requests .* Wait a while/ },
      { status: 404, body: '<html>Not Found</html>', says: /does not look like a Chutes API/ },
      { status: 404, body: '{"detail":"Not Found"}', says: /does not look like a Chutes API/ },
      { status: 502, body: '<html>Bad gateway</html>', says: /had a problem \(HTTP 502\)/ },
    ];
    for (const { status, body, says } of cases) {
      const base = await serve((_req, res) => {
        res.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/html' });
        res.end(body);
      });
      const report = await checkConnection({ apiUrl: base });
      expect(report, `${status} ${body}`).toMatchObject({ reachable: false, reason: 'http-status', status });
      if (!report.reachable) expect(report.message, `${status} ${body}`).toMatch(says);
      if (!report.reachable) expect(report.message).not.toMatch(/Server error/i);
    }
  });

  it('shows no server time from a Date header the clock comparison cannot use', async () => {
    for (const date of ['0', '2026-01-01', 'Thu, 01 Jan 2026 00:00:00 +0000']) {
      const base = await serve((_req, res) => {
        res.sendDate = false;
        res.writeHead(200, { 'content-type': 'application/json', date });
        res.end('{"message":"pong"}');
      });
      expect(await checkConnection({ apiUrl: base }), date).toMatchObject({
        reachable: true,
        serverTime: null,
        skewSeconds: null,
        skew: 'unknown',
      });
    }
  });

  it('times out on a server that never answers', async () => {
    const base = await serve(() => undefined);
    expect(await checkConnection({ apiUrl: base, timeoutMs: 300 })).toMatchObject({
      reachable: false,
      reason: 'timeout',
    });
  });

  it('recognises a TLS failure', async () => {
    const base = await serve(pong);
    const report = await checkConnection({ apiUrl: base.replace('http:', 'https:') });
    expect(report).toMatchObject({ reachable: false, reason: 'tls' });
  });

  it('recognises a DNS failure', async () => {
    const fetchImpl = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }),
        }),
      );
    const report = await checkConnection({ apiUrl: 'https://api.invalid', fetchImpl });
    expect(report).toMatchObject({ reachable: false, reason: 'dns' });
    if (!report.reachable) expect(report.message).toContain('api.invalid');
  });

  it('stops reading an answer that never ends, and says so', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    const report = await checkConnection({ apiUrl: base });
    expect(report).toMatchObject({ reachable: false, reason: 'too-large' });
    if (!report.reachable) expect(report.message).toContain('MiB');
  });
});
