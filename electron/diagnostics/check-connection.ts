import { skewLevel, type ConnectionReport } from '../../shared/diagnostics';
import { AppFailure } from '../../shared/errors';
import { measureSkew } from '../chutes-api/clock';
import { detailOf, detailText } from '../chutes-api/failure-map';
import { describeNetworkFailure } from '../chutes-api/network-error';
import { NOT_JSON, type Transport } from '../chutes-api/transport';

export const CHECK_TIMEOUT_MS = 12_000;

/**
 * `GET {base}/ping`, the call the CLI makes before registering, through the same transport as
 * every other call (one fetch stack, one body cap, one skew formula). Measures latency, and
 * compares the server's `Date` header with our clock: v1 signatures die at 600 s of skew.
 */
export async function checkConnection(transport: Transport, timeoutMs = CHECK_TIMEOUT_MS): Promise<ConnectionReport> {
  const url = `${transport.baseUrl}/ping`;
  const { host } = transport;
  let answer;
  try {
    answer = await transport.exchange({ method: 'GET', path: '/ping', auth: { kind: 'none' }, timeoutMs });
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    const { detail, message, reason } = error.appError;
    if (reason === 'response-too-large') return { reachable: false, url, reason: 'too-large', message };
    return { reachable: false, url, reason: detail?.network ?? 'other', message };
  }
  const { status, json, sentAtMs, receivedAtMs } = answer;
  const latencyMs = Math.max(0, Math.round(receivedAtMs - sentAtMs));
  const ok = status >= 200 && status < 300;
  // Chutes answers /ping with an object ({"message": "pong"}); a bare string, list or null is something else.
  const notAnObject = typeof json !== 'object' || json === null || Array.isArray(json);
  if (json === NOT_JSON || (ok && notAnObject)) {
    if (!ok)
      return {
        reachable: false,
        url,
        reason: 'http-status',
        status,
        latencyMs,
        message: `${host} answered HTTP ${status}.`,
      };
    return {
      reachable: false,
      url,
      reason: 'non-json',
      status,
      latencyMs,
      message: describeNetworkFailure('non-json', host),
    };
  }
  if (!ok) {
    const detail = detailText(detailOf(json)) ?? '';
    return {
      reachable: false,
      url,
      reason: 'http-status',
      status,
      latencyMs,
      message: `${host} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
    };
  }
  const skewSeconds = measureSkew(answer.dateHeader, sentAtMs, receivedAtMs) ?? null;
  const serverMs = answer.dateHeader ? Date.parse(answer.dateHeader) : Number.NaN;
  const said = typeof json === 'object' && json !== null && 'message' in json ? json.message : undefined;
  const message = typeof said === 'string' ? said.slice(0, 300) : '';
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
