// The HTTP front: body capping, injected faults, routing, FastAPI-style error rendering, the Date
// header from the sandbox clock, the request log and persistence scheduling.

import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { holdMatches, noFaults } from './context';
import type { Ctx, Faults, Reply, Sandbox } from './context';
import { SandboxControl } from './control';
import { sha256Hex } from './crypto-util';
import { HttpError, MirroredCrash, ValidationFailure } from './fastapi-errors';
import { describeAuthorization, RequestLog } from './request-log';
import { Router } from './router';
import { addAccountRoutes } from './routes-account';
import { addApiKeyRoutes } from './routes-api-keys';
import { addCatalogRoutes } from './routes-catalog';
import { addControlRoutes } from './routes-control';
import { addRegistrationRoutes } from './routes-register';
import { addSecretRoutes } from './routes-secrets';
import { addUserCatchAll, addUserRoutes } from './routes-users';
import { ok } from './context';
import { StateStore } from './state-store';
import type { State } from './state';

export const MAX_BODY_BYTES = 1024 * 1024;
// Past this a client is not uploading a mistaken file but flooding: stop draining and hang up.
const DRAIN_LIMIT_BYTES = 64 * MAX_BODY_BYTES;

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Persist state to this JSON file (atomic writes); in memory when absent. */
  stateFile?: string;
  /** Seed every new account with chutes, images, balance and usage. */
  demo?: boolean;
  /** Test clock in ms; the injected clock offset is added on top. */
  now?: () => number;
}

export interface SandboxHandle extends SandboxControl {
  url: string;
  port: number;
  /** The live state (for assertions); mutate it only through the control methods. */
  state(): State;
  close(): Promise<void>;
}

function buildApiRouter(): Router {
  const r = new Router();
  r.add('GET', '/ping', () => ok({ message: 'pong' }));
  addRegistrationRoutes(r);
  addAccountRoutes(r);
  addUserRoutes(r);
  addUserCatchAll(r);
  addApiKeyRoutes(r);
  addSecretRoutes(r);
  addCatalogRoutes(r);
  return r;
}

function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean } | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', () => resolve(null));
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

function errorReply(err: unknown): Reply {
  if (err instanceof HttpError) return { status: err.status, json: { detail: err.detail }, headers: err.headers };
  if (err instanceof ValidationFailure) return { status: 422, json: { detail: err.issues } };
  if (!(err instanceof MirroredCrash)) console.error('[sandbox] unhandled error:', err);
  // FastAPI's own 500 is plain text; JSON keeps every sandbox answer parseable.
  return { status: 500, json: { detail: 'Internal Server Error' } };
}

const decodePath = (raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const store = new StateStore(options.stateFile);
  const clock = options.now ?? Date.now;
  const sb: Sandbox = {
    state: store.load(),
    faults: noFaults(),
    targeted: [],
    holds: [],
    held: [],
    balanceView: null,
    demo: options.demo ?? false,
    log: new RequestLog(500),
    now: () => Math.floor(clock() + sb.faults.clock_offset_s * 1000),
  };
  const control = new SandboxControl(sb);
  const api = buildApiRouter();
  const controlRouter = new Router();
  addControlRoutes(controlRouter, control);

  async function dispatch(ctx: Ctx, router: Router, rawPath: string, host: string): Promise<Reply> {
    const found = router.resolve(ctx.method, ctx.path);
    switch (found.kind) {
      case 'route':
        ctx.params = found.params;
        return await found.handler(ctx);
      case 'method':
        return { status: 405, json: { detail: 'Method Not Allowed' }, headers: { allow: found.allow } };
      case 'redirect': {
        const target = rawPath.endsWith('/') ? rawPath.slice(0, -1) : `${rawPath}/`;
        return {
          status: 307,
          headers: { location: `http://${host}${target}${ctx.rawQuery ? `?${ctx.rawQuery}` : ''}` },
        };
      }
      case 'none':
        return { status: 404, json: { detail: 'Not Found' } };
    }
  }

  function send(res: ServerResponse, reply: Reply): void {
    let body: Buffer = Buffer.alloc(0);
    res.statusCode = reply.status;
    res.setHeader('date', new Date(sb.now()).toUTCString());
    if (reply.json !== undefined) {
      body = Buffer.from(JSON.stringify(reply.json), 'utf8');
      res.setHeader('content-type', 'application/json');
    } else if (reply.html !== undefined) {
      body = Buffer.from(reply.html, 'utf8');
      res.setHeader('content-type', 'text/html; charset=utf-8');
    }
    res.setHeader('content-length', body.length);
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const forwarded = req.headers['x-forwarded-for'];
    const firstForwarded = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    const ip = firstForwarded || (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const path = decodePath(rawPath);
    const isControl = path.startsWith('/_sandbox/');

    const read = await readBody(req);
    if (!read) return;
    const faults: Faults = sb.faults;
    if (!isControl && faults.latency_ms > 0) await sleep(faults.latency_ms);
    const query = new URLSearchParams(rawQuery);
    if (!isControl && sb.holds.some((h) => holdMatches(h, method, path, query))) {
      await new Promise<void>((release) => {
        sb.held.push({ method, path, query: rawQuery, since: new Date(sb.now()).toISOString(), release });
      });
      // Released by close() after the socket went: nothing to answer.
      if (req.socket.destroyed) return;
    }

    const auth = describeAuthorization(req.headers.authorization);
    // The request as the routes saw it, once it reached them (the log says whether its signature held).
    let routed: Ctx | undefined;
    const logEntry = (status: number | null): void => {
      if (isControl) return;
      const h = (name: string): string | null => {
        const v = req.headers[name];
        return (Array.isArray(v) ? v.join(', ') : v) ?? null;
      };
      sb.log.push({
        at: new Date(sb.now()).toISOString(),
        method,
        path,
        query: rawQuery,
        ip,
        hotkey: h('x-chutes-hotkey'),
        nonce: h('x-chutes-nonce'),
        signature_present: req.headers['x-chutes-signature'] !== undefined,
        signature_verified: routed?.signatureVerified === true,
        sig_version: h('x-chutes-sig-version'),
        ...auth,
        body_sha256: read.body.length > 0 || ['POST', 'PUT', 'PATCH'].includes(method) ? sha256Hex(read.body) : null,
        body_bytes: read.body.length,
        status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      });
    };

    if (!isControl && faults.drop_rate > 0 && Math.random() < faults.drop_rate) {
      logEntry(null);
      req.socket.destroy();
      return;
    }
    const aimed = isControl ? undefined : sb.targeted.find((f) => f.method === method && f.path === path);
    if (aimed && --aimed.times <= 0) sb.targeted.splice(sb.targeted.indexOf(aimed), 1);
    let reply: Reply;
    const nth = isControl ? null : faults.fail_nth;
    const nthHit = nth !== null && nth.method === method && nth.path === path && ++nth.seen === nth.n;
    if (aimed?.status) {
      reply = { status: aimed.status, json: { detail: STATUS_CODES[aimed.status] ?? 'Injected failure' } };
    } else if (nthHit || (!isControl && faults.fail_rate > 0 && Math.random() < faults.fail_rate)) {
      reply = { status: faults.fail_status, json: { detail: STATUS_CODES[faults.fail_status] ?? 'Injected failure' } };
    } else if (read.tooLarge) {
      reply = { status: 413, json: { detail: 'Request Entity Too Large' }, headers: { connection: 'close' } };
    } else {
      const ctx: Ctx = {
        sb,
        method,
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body: read.body,
        bodySha256: ['POST', 'PUT', 'PATCH'].includes(method) ? sha256Hex(read.body) : null,
        ip,
        params: {},
        now: sb.now(),
      };
      routed = ctx;
      try {
        reply = await dispatch(ctx, isControl ? controlRouter : api, rawPath, req.headers.host ?? '127.0.0.1');
      } catch (err) {
        reply = errorReply(err);
      }
    }
    if (aimed?.garble_after && reply.status < 300) {
      // The work is done, and Chutes said so in a shape no client of this API can read.
      reply = { status: reply.status, json: { garbled: true } };
    }
    if (aimed?.drop_after) {
      // The work is done (state changed), but the answer never arrives.
      logEntry(null);
      req.socket.destroy();
      store.schedule(() => sb.state);
      return;
    }
    send(res, reply);
    logEntry(reply.status);
    store.schedule(() => sb.state);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Last line of defence: whatever happens, answer and keep serving.
      console.error('[sandbox] request failed:', err);
      if (!res.headersSent) send(res, { status: 500, json: { detail: 'Internal Server Error' } });
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const handle_ = Object.assign(control, {
    url: `http://127.0.0.1:${port}`,
    port,
    state: () => sb.state,
    close: async (): Promise<void> => {
      control.release();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.flush(sb.state);
    },
  });
  return handle_;
}
