import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { failureIs } from '../../shared/errors';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { readBodyCapped } from './read-body';
import { createTransport } from './transport';

// An API address (possibly a base_url from an imported config.ini) that streams forever must not
// fill the app's memory: every answer is read through one cap.
const servers: http.Server[] = [];
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

async function serve(reply: (res: http.ServerResponse) => void): Promise<{ url: string; sent: () => number }> {
  let sent = 0;
  const server = http.createServer((_req, res) => {
    const write = res.write.bind(res);
    res.write = ((chunk: Buffer, ...rest: never[]) => {
      sent += chunk.length;
      return write(chunk, ...rest);
    }) as typeof res.write;
    reply(res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent };
}

const endless = (res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
};

/** A call with a 400 ms deadline to `url` fails as a timeout, and soon after the deadline. */
async function expectTimeoutAtDeadline(url: string): Promise<void> {
  const transport = createTransport({
    baseUrl: url,
    vault: new MemorySeedVault(),
    timeoutMs: 400,
    retry: { retries: 0 },
  });
  const started = performance.now();
  const error = await transport
    .request({ method: 'GET', path: '/ping', auth: { kind: 'none' } })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ appError: { code: 'network', detail: { network: 'timeout' } } });
  expect(performance.now() - started).toBeLessThan(2000);
}

describe('response body cap', () => {
  it('stops an endless answer at the cap with a typed, plain failure, and closes the stream', async () => {
    const server = await serve(endless);
    const transport = createTransport({
      baseUrl: server.url,
      vault: new MemorySeedVault(),
      maxResponseBytes: 2 * 1024 * 1024,
      retry: { retries: 0 },
    });
    const error = await transport
      .request({ method: 'GET', path: '/ping', auth: { kind: 'none' } })
      .catch((e: unknown) => e);
    expect(failureIs(error, 'response-too-large')).toBe(true);
    expect((error as Error).message).toBe(
      `${new URL(server.url).host} sent more than 2 MiB in one answer, so the app stopped reading it. Check that this is the Chutes API address.`,
    );
    await new Promise((r) => setTimeout(r, 200));
    const afterStop = server.sent();
    await new Promise((r) => setTimeout(r, 300));
    // The server could push only what the socket buffers held: nothing like an unbounded stream.
    expect(server.sent() - afterStop).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses at once an answer that declares a larger Content-Length', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
      res.write(Buffer.alloc(1024, 0x20));
    });
    const transport = createTransport({ baseUrl: server.url, vault: new MemorySeedVault(), retry: { retries: 0 } });
    const error = await transport
      .request({ method: 'GET', path: '/users/name_check', auth: { kind: 'none' } })
      .catch((e: unknown) => e);
    expect(failureIs(error, 'response-too-large')).toBe(true);
    expect((error as Error).message).toContain('more than 4 MiB');
  });

  it('reads a normal answer whole', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'pong', pad: 'x'.repeat(100_000) }));
    });
    const transport = createTransport({ baseUrl: server.url, vault: new MemorySeedVault() });
    expect(await transport.request({ method: 'GET', path: '/ping', auth: { kind: 'none' } })).toMatchObject({
      message: 'pong',
    });
  });

  it('reads no further than a small declared Content-Length, however much more the server sends', async () => {
    // Raw TCP: Node's own HTTP server would refuse to write past the length it declared.
    let sent = 0;
    const server = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 13\r\n\r\n{"ok": true} ');
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        const pump = () => {
          while (!socket.destroyed && socket.write(chunk)) sent += chunk.length;
        };
        socket.on('drain', pump);
        socket.on('error', () => undefined);
        pump();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const transport = createTransport({ baseUrl: url, vault: new MemorySeedVault(), retry: { retries: 0 } });
      const answer = await transport.request({ method: 'GET', path: '/ping', auth: { kind: 'none' } });
      expect(answer).toEqual({ ok: true });
      await new Promise((r) => setTimeout(r, 300));
      // The client stopped reading at the declared end: only what the socket buffers held went out.
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('gives up on an answer that trickles in past the deadline, though each byte comes in time', async () => {
    // Every pause is far shorter than the timeout, so only a deadline over the whole body stops it.
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 20);
    });
    await expectTimeoutAtDeadline(server.url);
  });

  it('reads a compressed answer whole, even when a decoded chunk is exactly its declared length', async () => {
    // Content-Length counts the gzip bytes on the wire; the decoded stream can hand over a first
    // chunk of that very size with more to come (a 16 KiB body decodes in 16 KiB chunks).
    const chunks = ['{"pad":"', 'x'.repeat(8), '"}'].map((part) => new TextEncoder().encode(part));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = new Response(body, {
      headers: { 'content-encoding': 'gzip', 'content-length': String(chunks[0]?.byteLength) },
    });
    expect(await readBodyCapped(res, 1024, 'api.example')).toBe('{"pad":"xxxxxxxx"}');
  });

  it('gives up on a server that answers 103 Early Hints over and over, at the deadline', async () => {
    // Each 1xx answer restarts undici's own wait for headers; only a deadline over the whole call stops it.
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        const hint = setInterval(
          () =>
            socket.destroyed ? clearInterval(hint) : socket.write('HTTP/1.1 103 Early Hints\r\nlink: </x>\r\n\r\n'),
          50,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await expectTimeoutAtDeadline(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.close();
    }
  });

  it('is done once the declared length is in, without waiting for the stream to say so', async () => {
    const bytes = new TextEncoder().encode('{"ok":true}');
    // Never closed: a reader that waited for "done" would hang here.
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(bytes) });
    const res = new Response(body, { headers: { 'content-length': String(bytes.byteLength) } });
    expect(await readBodyCapped(res, 1024, 'api.example')).toBe('{"ok":true}');
  });
});
