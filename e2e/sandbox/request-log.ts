// Ring buffer of what reached the sandbox, for tests to assert on what the app really sent.
// Secrets never enter it: only which credential kinds were present.

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: string;
  ip: string;
  hotkey: string | null;
  nonce: string | null;
  signature_present: boolean;
  /** The hotkey signature was checked against its message and held (a route that takes none never checks it). */
  signature_verified: boolean;
  sig_version: string | null;
  /** First word of `Authorization` (`Bearer`, `Basic`, …), `bare` for a single token, null when absent. */
  authorization_scheme: string | null;
  /** Shape of the credential in `Authorization`: api_key (cpk_), jwt, or other (e.g. a fingerprint). */
  authorization_kind: 'api_key' | 'jwt' | 'other' | null;
  body_sha256: string | null;
  body_bytes: number;
  /** null when the connection was dropped by an injected fault. */
  status: number | null;
  duration_ms: number;
}

export class RequestLog {
  private readonly items: LoggedRequest[] = [];

  constructor(private readonly capacity = 500) {}

  push(entry: LoggedRequest): void {
    this.items.push(entry);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  last(limit: number): LoggedRequest[] {
    return limit <= 0 ? [] : this.items.slice(-limit);
  }

  clear(): void {
    this.items.length = 0;
  }
}

export function describeAuthorization(
  value: string | undefined,
): Pick<LoggedRequest, 'authorization_scheme' | 'authorization_kind'> {
  if (value === undefined) return { authorization_scheme: null, authorization_kind: null };
  const parts = value.trim().split(' ');
  const token = parts.at(-1) ?? '';
  const kind = token.startsWith('cpk_') ? 'api_key' : /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) ? 'jwt' : 'other';
  return { authorization_scheme: parts.length > 1 ? (parts[0] ?? '') : 'bare', authorization_kind: kind };
}
