import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc-contract';
import { createRouter, type Handlers } from '../ipc-router';
import { newToken, startWebHost, type WebHost } from './server';

let host: WebHost;
let calls = 0;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(path.join(os.tmpdir(), 'renderer-'));
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  await fs.writeFile(path.join(path.dirname(rendererDir), 'outside.txt'), 'secret');
  const handlers = {
    getAppInfo: () => {
      calls++;
      return Promise.resolve({ version: 't' });
    },
    checkConnection: () => Promise.reject(new Error('unused')),
  } as unknown as Handlers;
  host = await startWebHost({ router: createRouter(handlers), rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

function rawGet(requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: requestPath, headers: { host: `127.0.0.1:${host.port}` } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A call with the right token, sent with the given Host (and Origin) headers. */
function postWithHost(hostHeader: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      host: hostHeader,
      authorization: `Bearer ${host.token}`,
      'content-type': 'application/json',
    };
    if (origin !== undefined) headers.origin = origin;
    const req = http.request(`${host.url}/rpc/getAppInfo`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

function rpc(channel: string, init: { token?: string | null; headers?: Record<string, string>; body?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? host.token}`;
  return fetch(`${host.url}/rpc/${channel}`, { method: 'POST', headers, body: init.body ?? '{}' });
}

describe('web host', () => {
  it('prints a launch URL with a 256-bit token in the fragment', () => {
    expect(host.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(newToken(), 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(newToken());
  });

  it('answers a call with the right token', async () => {
    const res = await rpc('getAppInfo');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { version: 't' } });
  });

  it('refuses a missing or wrong token before any handler runs', async () => {
    const before = calls;
    for (const token of [null, 'wrong', `${host.token}x`, host.token.slice(1)]) {
      const res = await rpc('getAppInfo', { token });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect(calls).toBe(before);
  });

  it('refuses a foreign Origin and a foreign Host', async () => {
    const before = calls;
    const foreign = await rpc('getAppInfo', { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    for (const hostHeader of [
      'evil.example:80',
      '127.0.0.1',
      '127.0.0.1:0',
      '127.0.0.1:65536',
      'localhost.evil.example:80',
      '::1:80',
      '[::2]:80',
      '[::ffff:127.0.0.1]:80',
    ])
      expect(await postWithHost(hostHeader)).toBe(403);
    expect(calls).toBe(before);
  });

  it('answers through an SSH tunnel on another local port, from that address only', async () => {
    expect(await postWithHost('127.0.0.1:9000', 'http://127.0.0.1:9000')).toBe(200);
    expect(await postWithHost('localhost:9000')).toBe(200);
    // A page on another local port is another site.
    expect(await postWithHost('127.0.0.1:9000', 'http://127.0.0.1:9001')).toBe(403);
    expect(await postWithHost('127.0.0.1:9000', `http://127.0.0.1:${host.port}`)).toBe(403);
  });

  it('accepts its own origin under either loopback name', async () => {
    const res = await rpc('getAppInfo', { headers: { origin: host.url.replace('127.0.0.1', 'localhost') } });
    expect(res.status).toBe(200);
  });

  it('answers on the IPv6 loopback too, as [::1] or localhost, with the same origin rules', async () => {
    const at = `[::1]:${host.port}`;
    const res = await fetch(`http://${at}/rpc/getAppInfo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', origin: `http://${at}` },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await postWithHost(at, `http://localhost:${host.port}`)).toBe(200);
    expect(await postWithHost(at, `http://[::1]:${host.port + 1}`)).toBe(403);
  });

  it('caps the body size', async () => {
    const res = await rpc('getAppInfo', { body: JSON.stringify({ x: 'y'.repeat(MAX_PAYLOAD_BYTES) }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload-too-large');
  });

  it('answers malformed JSON, unknown channels and wrong methods with typed errors', async () => {
    const bad = await rpc('getAppInfo', { body: '{not json' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid-input');
    const unknown = await rpc('nope');
    expect(await unknown.json()).toEqual({
      ok: false,
      error: { code: 'not-found', reason: 'not-found', message: 'Unknown channel "nope".' },
    });
    const get = await fetch(`${host.url}/rpc/getAppInfo`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    const form = await rpc('getAppInfo', { headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
  });

  it('serves the app with the same CSP as the window, but its own origin for calls', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
  });

  it('never serves files outside the renderer folder', async () => {
    // Raw requests: fetch would normalise `..` away before it ever reached the server.
    for (const p of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/..%2Foutside.txt',
      '/%2e%2e%2foutside.txt',
      '/%00',
      '/..\\outside.txt',
    ]) {
      expect(await rawGet(p), p).toBe(404);
    }
    expect(await rawGet('/index.html')).toBe(200);
  });

  it('stops reading an oversized chunked upload and closes the connection', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${host.url}/rpc/getAppInfo`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${host.token}`,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      // Keep sending well past the cap; the server must answer without waiting for the end.
      let sent = 0;
      const pump = () => {
        while (sent < 64 && req.write(chunk)) sent++;
        if (sent < 64)
          req.once('drain', () => {
            sent++;
            pump();
          });
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('listens on both loopbacks only', () => {
    // What the kernel reports for the listening sockets, not the URL we printed.
    expect(host.boundAddresses).toEqual(['127.0.0.1', '::1']);
  });
});
