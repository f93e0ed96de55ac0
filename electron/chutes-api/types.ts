import type { z } from 'zod';

/** How one request proves who it is (`../shared/reference/chutes-account-api.md` §1). */
export type Auth =
  | { kind: 'none' }
  /** v1 hotkey signature; `purpose` for body-less endpoints that declare one, else the body hash. */
  | { kind: 'hotkey'; hotkey: string; purpose?: string; userId?: string }
  /**
   * Bearer JWT from a hotkey login (one keychain read per session, not per request). `v1` where the
   * endpoint also takes a v1 signature (with that purpose, or the body hash): used when the server
   * refuses even a fresh token, as it does for up to an hour after a refinger (reference §1.5).
   */
  | { kind: 'jwt'; hotkey: string; v1?: { purpose?: string } }
  /**
   * The account fingerprint as the raw Authorization header; `hotkey` is the account's (public)
   * hotkey, so the activity log can say which account the call was for.
   */
  | { kind: 'fingerprint'; value: string; hotkey?: string }
  /** `change_fingerprint`'s own hotkey mode (§3.6): message `<hotkey>:<new fingerprint>:<nonce>`. */
  | { kind: 'refinger'; hotkey: string; newFingerprint: string }
  | { kind: 'apiKey'; key: string };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest<T = unknown> {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Serialised to JSON exactly once; those bytes are both hashed and sent. */
  body?: unknown;
  /** The body carries a secret value: the activity log then keeps no hash of it (a weak value could be guessed from one). */
  secretBody?: boolean;
  auth: Auth;
  /** Validate the answer; a mismatch is a `server` error. Without it the result is `unknown`. */
  schema?: z.ZodType<T>;
  /** Extra attempts for this GET (default: the transport's); 0 for a check that must be quick. */
  retries?: number;
  /** Per attempt; default the transport's. */
  timeoutMs?: number;
}

export interface RetryOptions {
  /** Extra attempts for GETs on network errors and 502/503/504 (default 2). Never for other methods. */
  retries?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}
