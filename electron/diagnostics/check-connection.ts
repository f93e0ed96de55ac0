import { skewLevel, type ConnectionReport } from '../../shared/diagnostics';
import { AppFailure } from '../../shared/errors';
import { measureSkew, parseHttpDate } from '../chutes-api/clock';
import { detailOf, httpFailure, nonJsonFailure } from '../chutes-api/failure-map';
import { describeNetworkFailure } from '../chutes-api/network-error';
import { NOT_JSON, type Answer, type Transport } from '../chutes-api/transport';

export const CHECK_TIMEOUT_MS = 12_000;

/** A failure's message with what the server said and what to do, when the message leaves them out. */
function sentenceOf(failure: AppFailure): string {
  const { message, detail } = failure.appError;
  const said = detail?.serverDetail;
  const parts = [message];
  if (said && !message.includes(said)) parts.push(`The server said: ${said}${/[.!?]$/.test(said) ? '' : '.'}`);
  if (detail?.hint) parts.push(detail.hint);
  return parts.join(' ');
}

/**
 * What an error status at /ping means, in the words account calls use for the same answer
 * (failure-map.ts), so a gateway's 403 page says refused and a 429 says slow down. A 404 is
 * its own case: every Chutes API answers /ping, so that address is not one (or not its base).
 */
function statusMessage(answer: Answer, host: string): string {
  const { status, json } = answer;
  if (status === 404)
    return `${host} has no /ping (HTTP 404), so this address does not look like a Chutes API. Check the address: it is the API's base address, such as https://api.chutes.ai, with nothing after it.`;
  // Non-JSON 5xx pages are the server's own trouble, as transport.ts reads them too.
  if (json === NOT_JSON && status < 500) return sentenceOf(nonJsonFailure(host, status));
  const detail = json === NOT_JSON ? undefined : detailOf(json);
  return sentenceOf(httpFailure({ status, detail, host, answer, path: '/ping' }));
}

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
  if (status < 200 || status >= 300)
    return { reachable: false, url, reason: 'http-status', status, latencyMs, message: statusMessage(answer, host) };
  // Chutes answers /ping with an object ({"message": "pong"}); a bare string, list or null is something else.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      reachable: false,
      url,
      reason: 'non-json',
      status,
      latencyMs,
      message: describeNetworkFailure('non-json', host),
    };
  }
  // One parser for both: a header the skew cannot use is not shown as the server's time either.
  const serverMs = answer.dateHeader === null ? undefined : parseHttpDate(answer.dateHeader);
  const skewSeconds = measureSkew(answer.dateHeader, sentAtMs, receivedAtMs) ?? null;
  const said = 'message' in json ? json.message : undefined;
  const message = typeof said === 'string' ? said.slice(0, 300) : '';
  return {
    reachable: true,
    url,
    latencyMs,
    serverTime: serverMs === undefined ? null : new Date(serverMs).toISOString(),
    skewSeconds,
    skew: skewLevel(skewSeconds),
    message,
  };
}
