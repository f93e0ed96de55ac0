import http from 'node:http';
import type { Socket } from 'node:net';
import { appError, type AppError } from '../../shared/errors';

/** A browser opens at most six connections per host; anything far past that is not the app. */
export const MAX_CONNECTIONS = 64;
/**
 * How long a connection that has not yet shown the token may sit without a complete request
 * (at connect, and idle between keep-alive requests). The page's own static requests finish in
 * milliseconds; a slow-headers caller is dropped long before Node's general header timeout.
 */
export const UNTRUSTED_IDLE_MS = 5_000;
/**
 * How long a connection that has not shown the token may stay at all, busy or not. Without it a
 * caller could keep one forever: a complete request every few seconds, or a response it never
 * reads (the idle clock only restarts once a response is sent). The page's static files need
 * a fraction of a second; the browser reconnects for more.
 */
export const UNTRUSTED_LIFETIME_MS = 30_000;

export interface ConnectionGuard {
  /** This connection presented the right token: it gets the ordinary timeouts from now on. */
  trust(socket: Socket): void;
}

export interface GuardOptions {
  maxConnections: number;
  untrustedIdleMs: number;
  untrustedLifetimeMs: number;
}

/**
 * Cap concurrent connections and time out connections without the token. At the cap, a new
 * connection takes the place of the oldest one that has not shown the token (one that has is
 * never pushed out), so a local program holding every slot cannot lock the page out: the
 * browser's connection shows the token in its first request, a millisecond after connecting.
 */
export function guardConnections(server: http.Server, options: GuardOptions): ConnectionGuard {
  const timers = new WeakMap<Socket, NodeJS.Timeout>();
  const trusted = new WeakSet<Socket>();
  /** Open connections without the token, oldest first (a Set keeps insertion order). */
  const untrusted = new Set<Socket>();
  const open = new Set<Socket>();
  const disarm = (socket: Socket) => {
    clearTimeout(timers.get(socket));
    timers.delete(socket);
  };
  const arm = (socket: Socket) => {
    disarm(socket);
    if (trusted.has(socket) || socket.destroyed) return;
    const timer = setTimeout(() => socket.destroy(), options.untrustedIdleMs);
    timer.unref();
    timers.set(socket, timer);
  };
  server.on('connection', (socket: Socket) => {
    if (open.size >= options.maxConnections) {
      const oldest = untrusted.values().next();
      if (oldest.done) {
        socket.destroy();
        return;
      }
      untrusted.delete(oldest.value);
      open.delete(oldest.value);
      oldest.value.destroy();
    }
    open.add(socket);
    untrusted.add(socket);
    const lifetime = setTimeout(() => {
      if (!trusted.has(socket)) socket.destroy();
    }, options.untrustedLifetimeMs);
    lifetime.unref();
    arm(socket);
    socket.once('close', () => {
      open.delete(socket);
      untrusted.delete(socket);
      clearTimeout(lifetime);
      disarm(socket);
    });
  });
  // Headers are complete: the handler (and Node's request timeout) take over until the response is sent.
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    disarm(req.socket);
    res.once('finish', () => arm(req.socket));
  });
  return {
    trust: (socket) => {
      trusted.add(socket);
      untrusted.delete(socket);
      disarm(socket);
    },
  };
}

const CLIENT_ERRORS: Record<string, { status: number; error: AppError }> = {
  HPE_HEADER_OVERFLOW: { status: 431, error: appError('payload-too-large', 'The request headers are too large.') },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, error: appError('network', 'The request took too long to arrive.') },
  ERR_HTTP_HEADERS_TIMEOUT: { status: 408, error: appError('network', 'The request headers took too long to arrive.') },
};

/**
 * Requests Node's parser rejects (raw non-ASCII bytes, broken request lines or headers) still get
 * a typed Result as JSON, not Node's bare `400 Bad Request`.
 */
export function answerClientErrors(server: http.Server, headers: Record<string, string>): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const known = CLIENT_ERRORS[error.code ?? ''];
    const status = known?.status ?? 400;
    const body = JSON.stringify({
      ok: false,
      error: known?.error ?? appError('invalid-input', 'The request is not valid HTTP.'),
    });
    const head = [
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Bad Request'}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      'content-type: application/json',
      'cache-control: no-store',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}
