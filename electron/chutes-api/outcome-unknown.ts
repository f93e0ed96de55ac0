import { AppFailure, type NetworkFailure } from '../../shared/errors';

// Failures where the request surely never reached the server; anything else after sending may have been processed.
const NEVER_ARRIVED = new Set<NetworkFailure>(['dns', 'refused', 'tls']);

/**
 * Whether a request that changes something (a registration, a key create, a transfer) may have
 * been carried out although it failed: the connection broke or timed out after sending, something
 * that is not Chutes answered it without refusing it, or a gateway answered for a server that may
 * have done the work. Such a request is never re-sent blindly; the caller finds out first, or says
 * that it may have happened.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof AppFailure)) return false;
  const { code, detail } = error.appError;
  if (code === 'network') {
    if (detail?.network === 'non-json') return (detail.status ?? 0) < 400;
    return detail?.network === undefined || !NEVER_ARRIVED.has(detail.network);
  }
  if (code !== 'server') return false;
  // Chutes said it did it (2xx) in words the app cannot read: done, most likely, but not known.
  if (error.appError.reason === 'unexpected-shape') return (detail?.status ?? 0) >= 200 && (detail?.status ?? 0) < 300;
  return GATEWAY_LOST_ANSWER.includes(detail?.status ?? 0);
}

/**
 * A gateway's answers for a request it passed on whose answer it did not get: 502 and 504, and
 * Cloudflare's (which fronts the Chutes API) 520 (the server's answer was empty or unreadable) and
 * 524 (the server took over 100 s). Its 521–523 mean the server was never reached: not here.
 */
const GATEWAY_LOST_ANSWER = [502, 504, 520, 524];

/** Why the outcome is unknown, to follow "…was sent to <host>, but": for the messages built on it. */
export function lostAnswerCause(error: unknown): string {
  const detail = error instanceof AppFailure ? error.appError.detail : undefined;
  if (error instanceof AppFailure && error.appError.reason === 'unexpected-shape')
    return `its answer (HTTP ${String(detail?.status ?? '')}) was not in a form the app can read`;
  if (error instanceof AppFailure && error.appError.code === 'server')
    return `a gateway answered for it (HTTP ${String(detail?.status ?? '')}) instead of Chutes`;
  if (detail?.network === 'non-json') return `the answer was not from Chutes (HTTP ${String(detail.status ?? '')})`;
  return `no answer came back (${detail?.network === 'timeout' ? 'timed out' : 'connection closed'})`;
}
