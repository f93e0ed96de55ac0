import { skewLevel, type ConnectionReport } from '../../shared/diagnostics';
import { normaliseBaseUrl } from '../../shared/validation';
import { classifyNetworkError, describeNetworkFailure } from '../http/network-error';

export interface CheckConnectionOptions {
  apiUrl: string;
  fetchImpl?: typeof fetch;
  /** Wall clock in ms; injectable so tests can fake a skewed machine. */
  now?: () => number;
  timeoutMs?: number;
}

/**
 * `GET {base}/ping`, the call the CLI makes before registering. Measures latency, and compares
 * the server's `Date` header with our clock: v1 signatures die at 600 s of skew.
 */
export async function checkConnection(options: CheckConnectionOptions): Promise<ConnectionReport> {
  const { fetchImpl = fetch, now = Date.now, timeoutMs = 12_000 } = options;
  const base = normaliseBaseUrl(options.apiUrl);
  const url = `${base}/ping`;
  const host = new URL(base).host;
  const started = performance.now();
  const sentAt = now();
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = classifyNetworkError(error);
    return { reachable: false, url, reason, message: describeNetworkFailure(reason, host) };
  }
  const latencyMs = Math.round(performance.now() - started);
  const receivedAt = now();

  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    if (!response.ok) {
      return { reachable: false, url, reason: 'http-status', status: response.status, latencyMs, message: `${host} answered HTTP ${response.status}.` };
    }
    return { reachable: false, url, reason: 'non-json', status: response.status, latencyMs, message: describeNetworkFailure('non-json', host) };
  }
  if (!response.ok) {
    const detail = typeof body === 'object' && body !== null && 'detail' in body ? String(body.detail) : '';
    return {
      reachable: false,
      url,
      reason: 'http-status',
      status: response.status,
      latencyMs,
      message: `${host} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`,
    };
  }

  const dateHeader = response.headers.get('date');
  const serverMs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  // The Date header is truncated to the second and was stamped inside the round trip: compare
  // the middle of that second with the middle of the round trip.
  const skewSeconds = Number.isNaN(serverMs) ? null : Math.round(((sentAt + receivedAt) / 2 - (serverMs + 500)) / 1000);
  const message =
    typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : '';
  return {
    reachable: true,
    url,
    latencyMs,
    serverTime: Number.isNaN(serverMs) ? null : new Date(serverMs).toISOString(),
    skewSeconds,
    skew: skewLevel(skewSeconds),
    message,
  };
}
