// What a route handler sees and returns.

import type { IncomingHttpHeaders } from 'node:http';
import type { State } from './state';
import type { RequestLog } from './request-log';

export interface Faults {
  latency_ms: number;
  fail_rate: number;
  fail_status: number;
  clock_offset_s: number;
  drop_rate: number;
  /** Fail only the `n`th matching request counted from when this was set (e.g. the 3rd `POST /secrets/`); `seen` counts them. */
  fail_nth: { method: string; path: string; n: number; seen: number } | null;
  /**
   * List rows in a new random order on every request, as the real server may (its queries have no
   * ORDER BY, reference §5.2), so offset paging can skip or repeat rows.
   */
  unordered_lists: boolean;
  /** Answer every list page with the first page's rows (a proxy or server that drops `page`). */
  ignore_list_page: boolean;
  /** Keep checking tokens against the fingerprint hash from before a refinger (the server's 1 h cache, reference §1.5). */
  jwt_fingerprint_cache: boolean;
  /**
   * Serve the balance in `SelfResponse` (`/users/me` and friends) from a snapshot taken when this was
   * turned on (and taken again each time it is set on), not the stored balance: the real server reads
   * it from a materialized view refreshed about once a minute (reference §3.1, §7). Transfers and
   * charges change the stored balance meanwhile; turning it off shows them.
   */
  stale_balance: boolean;
}

export const noFaults = (): Faults => ({
  latency_ms: 0,
  fail_rate: 0,
  fail_status: 503,
  clock_offset_s: 0,
  drop_rate: 0,
  fail_nth: null,
  unordered_lists: false,
  ignore_list_page: false,
  jwt_fingerprint_cache: false,
  stale_balance: false,
});

/** A hold (`POST /_sandbox/hold`): matching requests wait, before any work, until released. */
export interface HoldRule {
  method: string;
  path: string;
  /** Query parameters the request must also carry with these values (e.g. `{page: "1"}`); null = any query. */
  query: Record<string, string> | null;
}

export function holdMatches(rule: HoldRule, method: string, path: string, query: URLSearchParams): boolean {
  return (
    rule.method === method &&
    rule.path === path &&
    Object.entries(rule.query ?? {}).every(([name, value]) => query.getAll(name).at(-1) === value)
  );
}

/** A request waiting under a hold. */
export interface HeldRequest {
  method: string;
  path: string;
  query: string;
  /** Sandbox clock (ISO) when it arrived. */
  since: string;
  release: () => void;
}

/**
 * A fault aimed at one route (`POST /_sandbox/fault_once`): the next `times` matching requests fail
 * with `status` (before any work), or are carried out and then hung up on unanswered (`drop_after`),
 * the way a connection lost mid-answer looks to a client, or carried out and answered in a shape
 * no client can read (`garble_after`: `{"garbled": true}` with the real 2xx status).
 */
export interface TargetedFault {
  method: string;
  path: string;
  status: number | null;
  drop_after: boolean;
  garble_after: boolean;
  times: number;
}

export interface Sandbox {
  state: State;
  faults: Faults;
  targeted: TargetedFault[];
  /** Requests matching one of these wait until released (see `HoldRule`). */
  holds: HoldRule[];
  held: HeldRequest[];
  /** The balances `SelfResponse` shows under the `stale_balance` fault, by user id; null = live. */
  balanceView: Record<string, number> | null;
  readonly demo: boolean;
  readonly log: RequestLog;
  /** Sandbox clock in ms (test clock plus the injected offset). */
  now(): number;
}

export interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

export interface Ctx {
  sb: Sandbox;
  method: string;
  /** Percent-decoded path, as Starlette routes on it. */
  path: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** sha256 of the raw body for POST/PUT/PATCH (even when empty), else null — the server's middleware. */
  bodySha256: string | null;
  ip: string;
  params: Record<string, string>;
  now: number;
  /** Set by the auth dependency once a hotkey signature checked out, for the request log. */
  signatureVerified?: boolean;
}

export function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Starlette's `query_params.get` returns the last value of a repeated key. */
export function queryParam(ctx: Ctx, name: string): string | undefined {
  return ctx.query.getAll(name).at(-1);
}

export const ok = (json: unknown): Reply => ({ status: 200, json });
