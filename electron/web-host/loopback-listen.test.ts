import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../ipc-router';
import { holdLoopbacks, type Listen, type Listener, type LoopbackHost } from './loopback-listen';
import { startWebHost } from './server';

let rendererDir: string;
const router = createRouter({ getAppInfo: () => Promise.resolve({ version: 't' }) } as unknown as Handlers);
/** Sockets the tests hold, as another local user's program would; closed after each test. */
const held: net.Server[] = [];

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(path.join(os.tmpdir(), 'renderer-'));
});
afterAll(async () => {
  await fs.rm(rendererDir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function bind(host: LoopbackHost, port: number): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Another program takes this loopback address and port. */
async function take(host: LoopbackHost, port: number): Promise<number> {
  const server = await bind(host, port);
  held.push(server);
  return (server.address() as net.AddressInfo).port;
}

/** Real sockets, recording every bind tried (with the port asked for; 0 = any). */
function realListen(tried: string[], before?: (host: LoopbackHost, port: number) => Promise<void>): Listen {
  return async (host, port) => {
    await before?.(host, port);
    tried.push(`${host} ${port}`);
    const server = await bind(host, port);
    const bound = server.address() as net.AddressInfo;
    const listener: Listener = {
      port: bound.port,
      address: bound.address,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
    return listener;
  };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('both loopbacks', () => {
  it('refuses to start when another program holds [::1] on the port, and lets go of 127.0.0.1', async () => {
    const port = await take('::1', 0);
    await expect(startWebHost({ router, rendererDir, port })).rejects.toThrow(
      `Another program is listening on [::1]:${port}`,
    );
    // Nothing left half-started: 127.0.0.1 on that port is free again.
    await take('127.0.0.1', port);
  });

  it('with port 0, moves on to another port when the first one is taken on ::1', async () => {
    const tried: string[] = [];
    let first = true;
    const loopbacks = await holdLoopbacks(
      realListen(tried, async (host, port) => {
        if (host === '::1' && first) {
          first = false;
          await take('::1', port); // in the moment between the two binds
        }
      }),
      0,
    );
    try {
      const firstPort = Number(tried[1]?.split(' ')[1]);
      expect(tried).toEqual(['127.0.0.1 0', `::1 ${firstPort}`, '127.0.0.1 0', `::1 ${loopbacks.port}`]);
      expect(loopbacks.port).not.toBe(firstPort);
      expect(loopbacks.addresses).toEqual(['127.0.0.1', '::1']);
      // The first port's 127.0.0.1 side was let go.
      await take('127.0.0.1', firstPort);
    } finally {
      await loopbacks.close();
    }
  });

  it('with port 0, gives up after a few ports taken on ::1', async () => {
    const tried: string[] = [];
    const listen = realListen(tried, async (host, port) => {
      if (host === '::1') await take('::1', port);
    });
    await expect(holdLoopbacks(listen, 0, 3)).rejects.toThrow(
      'No free port was found on both 127.0.0.1 and ::1 in 3 tries',
    );
    expect(tried.filter((t) => t.startsWith('::1'))).toHaveLength(3);
  });

  it('carries on with 127.0.0.1 alone on a machine without an IPv6 loopback', async () => {
    for (const code of ['EADDRNOTAVAIL', 'EAFNOSUPPORT']) {
      const tried: string[] = [];
      const real = realListen(tried);
      const loopbacks = await holdLoopbacks(
        (host, port) => (host === '::1' ? Promise.reject(errno(code)) : real(host, port)),
        0,
      );
      expect(loopbacks.addresses).toEqual(['127.0.0.1']);
      await loopbacks.close();
    }
  });

  it('passes on any other failure after letting go of 127.0.0.1', async () => {
    const real = realListen([]);
    let port = 0;
    await expect(
      holdLoopbacks((host, at) => {
        if (host === '127.0.0.1') return real(host, at);
        port = at;
        return Promise.reject(errno('EACCES'));
      }, 0),
    ).rejects.toThrow('EACCES');
    await take('127.0.0.1', port);
  });

  it('closes promptly with a keep-alive connection open on ::1', async () => {
    const host = await startWebHost({ router, rendererDir, port: 0 });
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '::1',
          port: host.port,
          path: '/rpc/getAppInfo',
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(200);
    const started = Date.now();
    await host.close();
    expect(Date.now() - started).toBeLessThan(1000);
    agent.destroy();
    // Both sides are free again.
    await take('127.0.0.1', host.port);
    await take('::1', host.port);
  });
});
