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

export interface ConnectionGuard {
  /** This connection presented the right token: it gets the ordinary timeouts from now on. */
  trust(socket: Socket): void;
}

/**
 * Cap concurrent connections and time out connections without the token. `server.maxConnections`
 * makes Node close sockets past the cap as soon as they are accepted.
 */
export function guardConnections(
  server: http.Server,
  options: { maxConnections: number; untrustedIdleMs: number },
): ConnectionGuard {
  server.maxConnections = options.maxConnections;
  const timers = new WeakMap<Socket, NodeJS.Timeout>();
  const trusted = new WeakSet<Socket>();
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
    arm(socket);
    socket.once('close', () => disarm(socket));
  });
  // Headers are complete: the handler (and Node's request timeout) take over until the response is sent.
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    disarm(req.socket);
    res.once('finish', () => arm(req.socket));
  });
  return {
    trust: (socket) => {
      trusted.add(socket);
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
