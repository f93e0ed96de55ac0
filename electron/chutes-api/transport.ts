import { AppFailure, type NetworkFailure } from '../../shared/errors';
import type { ActivityEntry, ActivityLog } from '../activity-log/activity-log';
import type { SeedVault } from '../keychain/seed-vault';
import { describeError, log } from '../log';
import { sha256Hex } from '../signer/signing-message';
import { signMessage } from '../signer/sr25519';
import {
  detailOf,
  httpFailure,
  networkFailure,
  nonJsonFailure,
  seedMissingFailure,
  unexpectedShapeFailure,
} from './failure-map';
import { createJwtSessions } from './jwt-sessions';
import { fetchWithDeadline } from './http-pools';
import { readBodyCapped } from './read-body';
import { createTokenRefusals, sessionsRefusedFailure } from './token-refusals';
import { signRequest } from './sign-request';
import { createHotkeyLogin } from './hotkey-login';
import type { ApiRequest, Auth, RetryOptions } from './types';

export const DEFAULT_TIMEOUT_MS = 20_000;
/** No account answer comes near this; an endless or huge body is cut off here. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const RETRY_STATUSES = new Set([502, 503, 504]);
// A TLS failure will not heal in a second and a non-JSON answer is the wrong address; a server that
// let a whole timeout pass would only be waited on twice more (a minute for one call); the rest may heal.
const NO_RETRY_NETWORK = new Set<NetworkFailure>(['tls', 'non-json', 'timeout']);
const TOKEN_REJECTIONS = new Set(['Token expired.', 'Invalid token.']);
export const NOT_JSON = Symbol('not-json');

export interface TransportOptions {
  baseUrl: string;
  vault: SeedVault;
  fetchImpl?: typeof fetch;
  /** Clock in ms, for nonces and skew measurement. */
  now?: () => number;
  /** Per attempt (default 20 s). */
  timeoutMs?: number;
  maxResponseBytes?: number;
  activityLog?: Pick<ActivityLog, 'append'>;
  retry?: RetryOptions;
}

/** One HTTP answer as it arrived, with the times around it (for latency and clock skew). */
export interface Answer {
  status: number;
  json: unknown;
  dateHeader: string | null;
  sentAtMs: number;
  receivedAtMs: number;
}

/**
 * The one way to a Chutes API at one base URL: signing, JWT sessions, retries (GETs only),
 * timeouts, a capped body, and the activity log. Endpoints (./endpoints) are built on `request`.
 */
export interface Transport {
  readonly baseUrl: string;
  readonly host: string;
  /** One API call; resolves with the JSON answer (validated when `schema` is given). */
  request<T = unknown>(req: ApiRequest<T>): Promise<T>;
  /** One attempt, the answer as it came (any status); for diagnostics that judge it themselves. */
  exchange(req: ApiRequest): Promise<Answer>;
  /** Drop the cached JWT for a hotkey (e.g. after a refinger, or when its seed goes). */
  forgetSession(hotkey: string): Promise<void>;
}

/** What the activity log records about the credential used; `null` = unauthenticated, not logged. */
type Recorded = Pick<ActivityEntry, 'auth' | 'hotkey' | 'purpose' | 'bodySha256'> | null;
type Outcome = Pick<ActivityEntry, 'status' | 'bodyFailure' | 'failure'>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTransport(opts: TransportOptions): Transport {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const { host, origin } = new URL(baseUrl);
  // A test's own fetch gets no pool (nor its deadline); the app's goes through http-pools.ts.
  const injected = opts.fetchImpl;
  const fetchImpl = injected ? (target: string, init: RequestInit) => injected(target, init) : fetchWithDeadline;
  const now = opts.now ?? Date.now;
  const defaultTimeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const defaultRetries = Math.max(0, opts.retry?.retries ?? 2);
  const baseDelayMs = opts.retry?.baseDelayMs ?? 500;
  const sleep = opts.retry?.sleep ?? defaultSleep;
  const { vault } = opts;
  // `run` (below, hoisted) sends the login's own two requests.
  const sessions = createJwtSessions(vault, baseUrl, createHotkeyLogin(run, vault));
  const refusals = createTokenRefusals(now);

  function url(path: string, query: ApiRequest['query']): string {
    const target = new URL(`${baseUrl}${path.startsWith('/') ? path : `/${path}`}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) target.searchParams.set(k, String(v));
    return target.toString();
  }

  function record(recorded: Recorded, method: string, path: string, started: number, outcome: Outcome) {
    if (!recorded || !opts.activityLog) return;
    const entry: ActivityEntry = {
      time: new Date(started).toISOString(),
      method,
      path,
      server: origin,
      ...recorded,
      ...outcome,
      durationMs: now() - started,
    };
    void opts.activityLog.append(entry).catch((error: unknown) => log.warn(`activity log: ${describeError(error)}`));
  }

  /** Headers proving identity for one attempt; signatures are made fresh each time (new nonce). */
  async function credentials(
    auth: Auth,
    method: string,
    bodyText: string | undefined,
  ): Promise<{ headers: Record<string, string>; recorded: Recorded; freshToken?: boolean }> {
    switch (auth.kind) {
      case 'none':
        return { headers: {}, recorded: null };
      case 'hotkey': {
        // The server hashes the raw body of every POST/PUT/PATCH, an empty one included.
        const signedBody = bodyText ?? (['POST', 'PUT', 'PATCH'].includes(method) ? '' : undefined);
        const headers = await signRequest(vault, auth, method, signedBody, now());
        // A body-less GET signs no body: a hash of nothing would only look like one.
        const recorded: Recorded = auth.purpose
          ? { auth: 'hotkey', hotkey: auth.hotkey, purpose: auth.purpose }
          : signedBody === undefined
            ? { auth: 'hotkey', hotkey: auth.hotkey }
            : { auth: 'hotkey', hotkey: auth.hotkey, bodySha256: sha256Hex(signedBody) };
        return { headers, recorded };
      }
      case 'jwt': {
        const { token, fresh } = await sessions.token(auth.hotkey);
        return {
          headers: { Authorization: `Bearer ${token}` },
          recorded: { auth: 'jwt', hotkey: auth.hotkey },
          freshToken: fresh,
        };
      }
      case 'fingerprint':
        return {
          headers: { Authorization: auth.value },
          recorded: auth.hotkey ? { auth: 'fingerprint', hotkey: auth.hotkey } : { auth: 'fingerprint' },
        };
      case 'refinger': {
        // Not the §1.2 scheme: no Authorization header (it would switch the server to fingerprint mode).
        const nonce = String(Math.floor(now() / 1000));
        const message = `${auth.hotkey}:${auth.newFingerprint}:${nonce}`;
        const signature = await vault
          .withSeed(auth.hotkey, (seed) => signMessage(seed, message))
          .catch((error: unknown) => {
            throw seedMissingFailure(error, auth.hotkey);
          });
        return {
          headers: { 'X-Chutes-Hotkey': auth.hotkey, 'X-Chutes-Nonce': nonce, 'X-Chutes-Signature': signature },
          recorded: { auth: 'hotkey', hotkey: auth.hotkey, purpose: 'change_fingerprint' },
        };
      }
      case 'apiKey':
        return { headers: { Authorization: `Bearer ${auth.key}` }, recorded: { auth: 'apiKey' } };
    }
  }

  async function send(
    method: string,
    path: string,
    target: string,
    headers: Record<string, string>,
    bodyText: string | undefined,
    recorded: Recorded,
    timeoutMs: number,
  ): Promise<Answer> {
    const started = now();
    // Set once the headers are in: a body that then fails is recorded with the status it came under.
    let status: number | undefined;
    try {
      // `redirect: 'error'`: a redirect must never carry a signature or token to another place.
      const init: RequestInit = { method, headers, body: bodyText, redirect: 'error' };
      const res = await fetchImpl(target, init, timeoutMs);
      status = res.status;
      const receivedAtMs = now();
      const text = await readBodyCapped(res, maxBytes, host);
      record(recorded, method, path, started, { status });
      let json: unknown = NOT_JSON;
      try {
        json = JSON.parse(text);
      } catch {
        // stays NOT_JSON
      }
      return { status: res.status, json, dateHeader: res.headers.get('date'), sentAtMs: started, receivedAtMs };
    } catch (error) {
      const ours = error instanceof AppFailure;
      const failure = ours ? error : networkFailure(error, host);
      record(recorded, method, path, started, outcomeOf(status, failure, ours));
      throw failure;
    }
  }

  function settle<T>(answer: Answer, req: ApiRequest<T>): T {
    const { status, json } = answer;
    if (json === NOT_JSON)
      throw status >= 500
        ? httpFailure({ status, detail: undefined, host, answer, path: req.path })
        : nonJsonFailure(host, status);
    if (status < 200 || status >= 300) {
      const detail = detailOf(json);
      throw httpFailure({ status, detail, host, answer, path: req.path });
    }
    if (!req.schema) return json as T;
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) throw unexpectedShapeFailure(host, req.path, status);
    return parsed.data;
  }

  async function prepare(req: ApiRequest, attemptAuth: Auth, loginFor?: string) {
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body); // serialised once
    const { headers, recorded, freshToken } = await credentials(attemptAuth, req.method, bodyText);
    const logged: Recorded = loginFor
      ? { auth: 'hotkey-login', hotkey: loginFor, purpose: 'login' }
      : req.secretBody && recorded
        ? withoutBodyHash(recorded)
        : recorded;
    const all: Record<string, string> = { Accept: 'application/json', ...headers };
    if (bodyText !== undefined) all['Content-Type'] = 'application/json';
    return { bodyText, headers: all, logged, freshToken };
  }

  async function run<T>(req: ApiRequest<T>, loginFor?: string): Promise<T> {
    const { method } = req;
    const target = url(req.path, req.query);
    const attempts = method === 'GET' ? 1 + Math.max(0, req.retries ?? defaultRetries) : 1;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const auth = refusals.effective(req.auth);
      if (auth.kind === 'jwt' && refusals.refused(auth.hotkey)) throw sessionsRefusedFailure(host);
      const { bodyText, headers, logged, freshToken } = await prepare(req, auth, loginFor);
      const retryLater = () => sleep(baseDelayMs * 2 ** (attempt - 1));
      let answer: Answer;
      try {
        answer = await send(method, req.path, target, headers, bodyText, logged, req.timeoutMs ?? defaultTimeoutMs);
      } catch (error) {
        const kind = error instanceof AppFailure ? error.appError.detail?.network : undefined;
        if (attempt < attempts && kind && !NO_RETRY_NETWORK.has(kind)) {
          await retryLater();
          continue;
        }
        throw error;
      }
      if (attempt < attempts && RETRY_STATUSES.has(answer.status)) {
        await retryLater();
        continue;
      }
      if (auth.kind === 'jwt' && answer.status === 401 && isTokenRejection(answer.json)) {
        // Refused at the door, so resending cannot duplicate anything, even for a POST. A stored
        // token went stale: log in again. A fresh one refused too: a v1 signature if the endpoint
        // takes one (token-refusals.ts), else said plainly (another login would only loop).
        if (!refreshed && !freshToken) {
          refreshed = true;
          attempt--;
          await sessions.invalidate(auth.hotkey);
          continue;
        }
        if (freshToken) {
          refusals.refuse(auth.hotkey);
          if (!auth.v1)
            throw sessionsRefusedFailure(host, { status: answer.status, serverDetail: String(detailOf(answer.json)) });
          attempt--;
          continue;
        }
      }
      return settle(answer, req);
    }
  }

  return {
    baseUrl,
    host,
    request: (req) => run(req),
    async exchange(req) {
      const { bodyText, headers, logged } = await prepare(req, req.auth);
      return send(
        req.method,
        req.path,
        url(req.path, req.query),
        headers,
        bodyText,
        logged,
        req.timeoutMs ?? defaultTimeoutMs,
      );
    },
    forgetSession: (hotkey) => sessions.invalidate(hotkey).then(() => undefined),
  };
}

/** What the log says of an attempt that threw: the body's fate under a status, else why there was none. */
function outcomeOf(status: number | undefined, failure: AppFailure, ours: boolean): Outcome {
  if (status !== undefined)
    return { status, bodyFailure: failure.reason === 'response-too-large' ? 'too-large' : 'cut-off' };
  return { failure: ours ? 'other' : failure.appError.detail?.network };
}

function withoutBodyHash(recorded: NonNullable<Recorded>): Recorded {
  const { bodySha256: _omitted, ...rest } = recorded;
  return rest;
}

function isTokenRejection(json: unknown): boolean {
  const detail = detailOf(json);
  return typeof detail === 'string' && TOKEN_REJECTIONS.has(detail);
}
