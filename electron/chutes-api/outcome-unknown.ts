import { AppFailure, type NetworkFailure } from '../../shared/errors';

// Failures where the request surely never reached the server; anything else after sending may have been processed.
const NEVER_ARRIVED = new Set<NetworkFailure>(['dns', 'refused', 'tls', 'non-json']);

/**
 * Whether a request that changes something (a registration, a key create, a transfer) may have
 * been carried out although it failed: the connection broke or timed out after sending, or a
 * gateway answered for a server that may have done the work. Such a request is never re-sent
 * blindly; the caller finds out first, or says that it may have happened.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof AppFailure)) return false;
  const { code, detail } = error.appError;
  if (code === 'network') return detail?.network === undefined || !NEVER_ARRIVED.has(detail.network);
  return code === 'server' && [502, 504].includes(detail?.status ?? 0);
}
