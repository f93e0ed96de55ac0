import { z } from 'zod';
import { AppFailure, type NetworkFailure } from '../../shared/errors';
import type { AccountLookup } from '../../shared/identity';
import type { ActivityEntry, ActivityLog } from '../activity-log/activity-log';
import type { SeedVault } from '../keychain/seed-vault';
import { describeError, log } from '../log';
import { nonceFrom, sha256Hex } from '../signer/signing-message';
import { signedHeaders } from '../signer/signed-headers';
import { signMessage } from '../signer/sr25519';
import { httpFailure, networkFailure, nonJsonFailure } from './http-errors';
import { createJwtSessions } from './jwt-sessions';
import type { ApiRequest, Auth, RetryOptions } from './types';

export const DEFAULT_TIMEOUT_MS = 20_000;
const RETRY_STATUSES = new Set([502, 503, 504]);
// A TLS failure will not heal in a second and a non-JSON answer is the wrong address; the rest may.
const NO_RETRY_NETWORK = new Set<NetworkFailure>(['tls', 'non-json']);
const TOKEN_REJECTIONS = new Set(['Token expired.', 'Invalid token.']);
const NOT_JSON = Symbol('not-json');

export interface ApiClientOptions {
  baseUrl: string;
  vault: SeedVault;
  fetchImpl?: typeof fetch;
  /** Clock in ms, for nonces and skew measurement. */
  now?: () => number;
  /** Per attempt (default 20 s). */
  timeoutMs?: number;
  activityLog?: Pick<ActivityLog, 'append'>;
  retry?: RetryOptions;
}

export interface ApiClient {
  /** One API call; resolves with the JSON answer (validated when `schema` is given). */
  request<T = unknown>(req: ApiRequest<T>): Promise<T>;
  /** `GET /users/me` signed with the hotkey (purpose `me`). */
  getMe(hotkey: string): Promise<AccountLookup>;
  /** `GET /ping`, no auth. */
  ping(): Promise<{ message: string }>;
  /** Drop the cached JWT for a hotkey (e.g. after a refinger). */
  forgetSession(hotkey: string): Promise<void>;
}

interface Answer {
  status: number;
  json: unknown;
  dateHeader: string | null;
}

/** What the activity log records about the credential used; `null` = unauthenticated, not logged. */
type Recorded = Pick<ActivityEntry, 'auth' | 'hotkey' | 'purpose' | 'bodySha256'> | null;

const selfSchema = z.object({
  username: z.string(),
  user_id: z.string(),
  hotkey: z.string(),
  coldkey: z.string().nullish(),
  payment_address: z.string().nullish(),
  balance: z.number().nullish(),
  created_at: z.string().nullish(),
});
const pingSchema = z.object({ message: z.string() });
const loginNonceSchema = z.object({ nonce: z.string().min(1) });
const loginSchema = z.object({ token: z.string().min(1) });

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const host = new URL(baseUrl).host;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = Math.max(0, opts.retry?.retries ?? 2);
  const baseDelayMs = opts.retry?.baseDelayMs ?? 500;
  const sleep = opts.retry?.sleep ?? defaultSleep;
  const { vault } = opts;
  const sessions = createJwtSessions(vault, baseUrl, login);

  function url(path: string, query: ApiRequest['query']): string {
    const target = new URL(`${baseUrl}${path.startsWith('/') ? path : `/${path}`}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) target.searchParams.set(k, String(v));
    return target.toString();
  }

  function record(recorded: Recorded, method: string, path: string, started: number, outcome: { status?: number; failure?: NetworkFailure }) {
    if (!recorded || !opts.activityLog) return;
    const entry: ActivityEntry = { time: new Date(started).toISOString(), method, path, ...recorded, ...outcome, durationMs: now() - started };
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
        if (!auth.purpose && signedBody === undefined) {
          throw new AppFailure('internal', `A signed ${method} needs the endpoint's purpose.`);
        }
        const headers = await vault.withSeed(auth.hotkey, (seed) =>
          signedHeaders({ hotkey: auth.hotkey, seed, nonce: nonceFrom(now()), purpose: auth.purpose, body: signedBody, userId: auth.userId }),
        );
        const recorded: Recorded = auth.purpose
          ? { auth: 'hotkey', hotkey: auth.hotkey, purpose: auth.purpose }
          : { auth: 'hotkey', hotkey: auth.hotkey, bodySha256: sha256Hex(signedBody ?? '') };
        return { headers: { ...headers }, recorded };
      }
      case 'jwt': {
        const { token, fresh } = await sessions.token(auth.hotkey);
        return { headers: { Authorization: `Bearer ${token}` }, recorded: { auth: 'jwt', hotkey: auth.hotkey }, freshToken: fresh };
      }
      case 'fingerprint':
        return { headers: { Authorization: auth.value }, recorded: { auth: 'fingerprint' } };
      case 'apiKey':
        return { headers: { Authorization: `Bearer ${auth.key}` }, recorded: { auth: 'apiKey' } };
    }
  }

  async function exchange(method: string, path: string, target: string, headers: Record<string, string>, bodyText: string | undefined, recorded: Recorded): Promise<Answer> {
    const started = now();
    try {
      // `redirect: 'error'`: a redirect must never carry a signature or token to another place.
      const res = await fetchImpl(target, { method, headers, body: bodyText, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      record(recorded, method, path, started, { status: res.status });
      let json: unknown = NOT_JSON;
      try {
        json = JSON.parse(text);
      } catch {
        // stays NOT_JSON
      }
      return { status: res.status, json, dateHeader: res.headers.get('date') };
    } catch (error) {
      const failure = networkFailure(error, host);
      record(recorded, method, path, started, { failure: failure.appError.detail?.network });
      throw failure;
    }
  }

  function settle<T>(answer: Answer, schema: z.ZodType<T> | undefined, path: string): T {
    const { status, json } = answer;
    if (json === NOT_JSON) throw status >= 500 ? httpFailure({ status, detail: undefined, host, dateHeader: null, localNowMs: now() }) : nonJsonFailure(host, status);
    if (status < 200 || status >= 300) {
      const detail = typeof json === 'object' && json !== null ? (json as { detail?: unknown }).detail : undefined;
      throw httpFailure({ status, detail, host, dateHeader: answer.dateHeader, localNowMs: now() });
    }
    if (!schema) return json as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppFailure('server', `Chutes at ${host} answered ${path} in an unexpected shape.`, { status });
    return parsed.data;
  }

  async function run<T>(req: ApiRequest<T>, loginFor?: string): Promise<T> {
    const method = req.method;
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body); // serialised once
    const target = url(req.path, req.query);
    const attempts = method === 'GET' ? 1 + retries : 1;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const { headers, recorded, freshToken } = await credentials(req.auth, method, bodyText);
      const logged: Recorded = loginFor ? { auth: 'hotkey-login', hotkey: loginFor, purpose: 'login' } : recorded;
      const all: Record<string, string> = { Accept: 'application/json', ...headers };
      if (bodyText !== undefined) all['Content-Type'] = 'application/json';
      const retryLater = () => sleep(baseDelayMs * 2 ** (attempt - 1));

      let answer: Answer;
      try {
        answer = await exchange(method, req.path, target, all, bodyText, logged);
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
      if (req.auth.kind === 'jwt' && answer.status === 401 && !refreshed && !freshToken && isTokenRejection(answer.json)) {
        // A stored token went stale. It was rejected at the door, so resending cannot duplicate
        // anything, even for a POST; a token fresh from login is not retried (it would loop).
        refreshed = true;
        attempt--;
        await sessions.invalidate(req.auth.hotkey);
        continue;
      }
      return settle(answer, req.schema, req.path);
    }
  }

  async function login(hotkey: string): Promise<string> {
    const { nonce } = await run({ method: 'GET', path: '/users/login/nonce', auth: { kind: 'none' }, schema: loginNonceSchema }, hotkey);
    // The login signature covers the nonce string itself (reference §3.5).
    const signature = await vault.withSeed(hotkey, (seed) => signMessage(seed, nonce));
    const { token } = await run({ method: 'POST', path: '/users/login', auth: { kind: 'none' }, body: { hotkey, signature, nonce }, schema: loginSchema }, hotkey);
    return token;
  }

  return {
    request: (req) => run(req),

    async getMe(hotkey) {
      const me = await run({ method: 'GET', path: '/users/me', auth: { kind: 'hotkey', hotkey, purpose: 'me' }, schema: selfSchema });
      return {
        apiUrl: baseUrl,
        hotkey: me.hotkey,
        username: me.username,
        userId: me.user_id,
        coldkey: me.coldkey ?? '',
        paymentAddress: me.payment_address ?? '',
        balance: me.balance ?? null,
        createdAt: me.created_at ?? '',
      };
    },

    ping: () => run({ method: 'GET', path: '/ping', auth: { kind: 'none' }, schema: pingSchema }),

    forgetSession: (hotkey) => sessions.invalidate(hotkey).then(() => undefined),
  };
}

function isTokenRejection(json: unknown): boolean {
  const detail = typeof json === 'object' && json !== null ? (json as { detail?: unknown }).detail : undefined;
  return typeof detail === 'string' && TOKEN_REJECTIONS.has(detail);
}
