import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { appError, type AppError, type Result } from '../../shared/errors';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc-contract';
import type { Router } from '../ipc-router';
import { contentSecurityPolicy } from '../security/policy';
import { readRendererFile } from '../security/static-files';
import { bytesEqual } from '../signer/bytes';
import {
  answerClientErrors,
  guardConnections,
  MAX_CONNECTIONS,
  UNTRUSTED_IDLE_MS,
  UNTRUSTED_LIFETIME_MS,
} from './connection-guard';
import { listenOnLoopbacks } from './loopback-listen';

export interface WebHostOptions {
  router: Router;
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  /** Fixed only in tests; a real launch always draws a fresh one. */
  token?: string;
  /** Tests only: defaults MAX_CONNECTIONS, UNTRUSTED_IDLE_MS and UNTRUSTED_LIFETIME_MS. */
  maxConnections?: number;
  untrustedIdleMs?: number;
  untrustedLifetimeMs?: number;
}

export interface WebHost {
  url: string;
  /** The address to open: the token rides in the fragment, which browsers never send to servers. */
  launchUrl: string;
  port: number;
  /** The addresses the sockets are bound to, as the OS reports them (127.0.0.1, and ::1 where the machine has it). */
  boundAddresses: string[];
  token: string;
  close(): Promise<void>;
}

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const SECURITY_HEADERS = {
  'content-security-policy': contentSecurityPolicy("'self'"),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  // Encoded once: a wallet list is megabytes, and byteLength + end(text) would walk it twice.
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': bytes.length,
  });
  res.end(bytes);
}

function refuse(res: http.ServerResponse, status: number, error: AppError): void {
  sendJson(res, status, { ok: false, error });
}

function sameToken(given: string, expected: string): boolean {
  return bytesEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * Read at most `limit` bytes. Past that, stop at once and answer `null`: the caller replies 413
 * and closes the connection, so an oversized (even chunked) upload is never drained.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? '0') > limit) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The port of a loopback `Host` (or origin without its scheme), or null for anything else. Any
 * port: the bound one, or another one an SSH tunnel forwards to it (`ssh -L 9000:127.0.0.1:8710`
 * makes the browser send `Host: 127.0.0.1:9000`). Either loopback, by address or as `localhost`:
 * the host listens on both.
 */
export function loopbackPort(host: string): number | null {
  const match = /^(?:127\.0\.0\.1|\[::1\]|localhost):([1-9][0-9]{0,4})$/.exec(host);
  const port = match ? Number(match[1]) : 0;
  return port >= 1 && port <= 65_535 ? port : null;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends its own Host.
    const hostPort = loopbackPort(req.headers.host ?? '');
    if (hostPort === null) {
      refuse(res, 403, appError('forbidden', 'Refused: unexpected Host header.'));
      return;
    }
    // The address the page was opened at, under either loopback name; another local port's page is another site.
    const origin = req.headers.origin;
    if (origin !== undefined && !(origin.startsWith('http://') && loopbackPort(origin.slice(7)) === hostPort)) {
      refuse(res, 403, appError('forbidden', 'Refused: requests from other sites are not allowed.'));
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      refuse(res, 400, appError('invalid-input', 'The request address is not valid.'));
      return;
    }
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') {
        refuse(res, 405, appError('invalid-input', 'Use POST for calls.'));
        return;
      }
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
      if (!given || !sameToken(given, token)) {
        refuse(
          res,
          401,
          appError(
            'unauthorized',
            'Missing or wrong access token. Open the full address the web host printed when it started (the one ending in #token=…).',
          ),
        );
        return;
      }
      guard.trust(req.socket);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        refuse(res, 415, appError('invalid-input', 'Calls must be JSON.'));
        return;
      }
      const raw = await readBody(req, MAX_PAYLOAD_BYTES);
      if (raw === null) {
        res.setHeader('connection', 'close');
        res.once('finish', () => req.destroy());
        refuse(
          res,
          413,
          appError('payload-too-large', `The request is larger than ${MAX_PAYLOAD_BYTES / 1024} KiB and was refused.`),
        );
        return;
      }
      let payload: unknown;
      try {
        payload = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        refuse(res, 400, appError('invalid-input', 'The request body is not valid JSON.'));
        return;
      }
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      } catch {
        refuse(res, 400, appError('invalid-input', 'The channel name in the address is not valid percent-encoding.'));
        return;
      }
      sendJson(res, 200, await options.router.dispatch(channel, payload, { transport: 'http' }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, appError('invalid-input', 'Method not allowed.'));
      return;
    }
    const file = await readRendererFile(options.rendererDir, url.pathname);
    if (!file) {
      refuse(res, 404, appError('not-found', 'Not found.'));
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'cache-control': 'no-cache',
      'content-length': file.body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, appError('internal', 'The web host failed to answer.'));
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  const guard = guardConnections(server, {
    maxConnections: options.maxConnections ?? MAX_CONNECTIONS,
    untrustedIdleMs: options.untrustedIdleMs ?? UNTRUSTED_IDLE_MS,
    untrustedLifetimeMs: options.untrustedLifetimeMs ?? UNTRUSTED_LIFETIME_MS,
  });
  answerClientErrors(server, SECURITY_HEADERS);

  const loopbacks = await listenOnLoopbacks(server, options.port);
  const port = loopbacks.port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    launchUrl: `${base}/#token=${token}`,
    port,
    boundAddresses: loopbacks.addresses,
    token,
    close: () => {
      server.closeAllConnections();
      return loopbacks.close();
    },
  };
}
