import type { NetworkFailure } from './errors';

/** The API rejects v1 signatures whose nonce is 600 s or more off the server clock. */
export const NONCE_WINDOW_SECONDS = 600;
/** Past this the app warns before the server starts refusing signatures. */
export const SKEW_WARNING_SECONDS = 120;

export type SkewLevel = 'ok' | 'warning' | 'rejected' | 'unknown';

export interface ReachableReport {
  reachable: true;
  url: string;
  latencyMs: number;
  /** The server's `Date` header as ISO text, if it sent one. */
  serverTime: string | null;
  /** Local clock minus server clock, whole seconds; null when the server sent no usable `Date`. */
  skewSeconds: number | null;
  skew: SkewLevel;
  /** What `/ping` answered, e.g. `pong`. */
  message: string;
}

export interface UnreachableReport {
  reachable: false;
  url: string;
  reason: NetworkFailure | 'http-status' | 'too-large';
  /** One sentence a user can act on. */
  message: string;
  status?: number;
  latencyMs?: number;
}

export type ConnectionReport = ReachableReport | UnreachableReport;

export function skewLevel(skewSeconds: number | null): SkewLevel {
  if (skewSeconds === null) return 'unknown';
  const off = Math.abs(skewSeconds);
  if (off >= NONCE_WINDOW_SECONDS) return 'rejected';
  if (off >= SKEW_WARNING_SECONDS) return 'warning';
  return 'ok';
}
