import type http from 'node:http';
import net from 'node:net';
import { errnoCode } from '../fs/errno';

export type LoopbackHost = '127.0.0.1' | '::1';

/** One listening socket: the port the OS gave it, the address it reports, and how to let go. */
export interface Listener {
  port: number;
  address: string;
  close(): Promise<void>;
}

export type Listen = (host: LoopbackHost, port: number) => Promise<Listener>;

export interface Loopbacks {
  port: number;
  /** As the OS reports them: 127.0.0.1, and ::1 unless this machine has no IPv6 loopback. */
  addresses: string[];
  close(): Promise<void>;
}

/** The machine has no IPv6 loopback at all: nobody else can take it either. */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** How many ephemeral ports `--port 0` tries before giving up on one free on both loopbacks. */
export const EPHEMERAL_ATTEMPTS = 5;

/**
 * Hold the port on both loopbacks. With only 127.0.0.1 bound, another local user could bind
 * [::1] on the same port, and a browser opening `localhost:PORT` (or an `ssh -L` whose target is
 * `localhost`) usually tries ::1 first: that user's page would read the token from the fragment.
 * A port whose ::1 side is taken is refused rather than served half-guarded; with `port` 0 the
 * next ephemeral port is tried instead.
 */
export async function holdLoopbacks(listen: Listen, port: number, attempts = EPHEMERAL_ATTEMPTS): Promise<Loopbacks> {
  for (let attempt = 1; attempt <= (port === 0 ? attempts : 1); attempt++) {
    const v4 = await listen('127.0.0.1', port);
    try {
      const v6 = await listen('::1', v4.port);
      return {
        port: v4.port,
        addresses: [v4.address, v6.address],
        close: async () => {
          await Promise.all([v4.close(), v6.close()]);
        },
      };
    } catch (error) {
      if (NO_IPV6.has(errnoCode(error) ?? ''))
        return { port: v4.port, addresses: [v4.address], close: () => v4.close() };
      await v4.close();
      if (errnoCode(error) !== 'EADDRINUSE') throw error;
      if (port !== 0) {
        throw new Error(
          `Another program is listening on [::1]:${port}, the IPv6 loopback on the same port. A browser opening ` +
            `localhost:${port} could reach it instead of Chutes Desktop, so the web host did not start. Stop that ` +
            `program, or pick another port with --port N (or --port 0 for any free port).`,
          { cause: error },
        );
      }
    }
  }
  throw new Error(`No free port was found on both 127.0.0.1 and ::1 in ${attempts} tries. Pick one with --port N.`);
}

function listenOn(server: net.Server, host: LoopbackHost, port: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = server.address() as net.AddressInfo;
      resolve({
        port: bound.port,
        address: bound.address,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * Listen for `server` on both loopbacks. The HTTP server holds 127.0.0.1; a plain socket server
 * on ::1 hands each connection to it, so both share one handler, connection cap and guard.
 */
export function listenOnLoopbacks(server: http.Server, port: number, attempts?: number): Promise<Loopbacks> {
  return holdLoopbacks(
    (host, at) => {
      if (host === '127.0.0.1') return listenOn(server, host, at);
      const v6 = net.createServer((socket) => server.emit('connection', socket));
      return listenOn(v6, host, at);
    },
    port,
    attempts,
  );
}
