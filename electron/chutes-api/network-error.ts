import type { NetworkFailure } from '../../shared/errors';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Walk `cause` chains: undici wraps the socket error in `TypeError: fetch failed`. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 6) {
    chain.push(current);
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return chain;
}

/** Classify a thrown fetch error; TLS is recognised by OpenSSL/Node code families. */
export function classifyNetworkError(error: unknown): NetworkFailure {
  for (const link of causes(error)) {
    if (link instanceof Error && (link.name === 'TimeoutError' || link.name === 'AbortError')) return 'timeout';
    const code = codeOf(link);
    if (!code) continue;
    if (DNS_CODES.has(code)) return 'dns';
    if (REFUSED_CODES.has(code)) return 'refused';
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (RESET_CODES.has(code)) return 'reset';
    if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'EPROTO')
      return 'tls';
  }
  return 'other';
}

/**
 * fetch refuses ports kept for other protocols (9, 25, 6000, …: the Fetch standard's "bad ports")
 * before connecting, with nothing but this message to tell it by.
 */
export function isBadPort(error: unknown): boolean {
  return causes(error).some((link) => link instanceof Error && link.message === 'bad port');
}

/** The server answered, with a redirect (which is never followed: it would carry the signature elsewhere). */
export function isRedirect(error: unknown): boolean {
  return causes(error).some((link) => link instanceof Error && link.message === 'unexpected redirect');
}

/** The server answered, with a body its Content-Encoding does not describe (zlib's and brotli's codes). */
export function isBadEncoding(error: unknown): boolean {
  return causes(error).some((link) => /^(Z_|ERR_BROTLI|ERR__ERROR_FORMAT)/.test(codeOf(link) ?? ''));
}

/** Something answered, but not in HTTP (llhttp's parse errors): another protocol on that port, or a broken proxy. */
export function isMalformedHttp(error: unknown): boolean {
  return causes(error).some((link) => codeOf(link)?.startsWith('HPE_') === true);
}

/** A sentence for each failure, naming the host so the user can check it. */
export function describeNetworkFailure(kind: NetworkFailure, host: string): string {
  switch (kind) {
    case 'dns':
      return `The name ${host} could not be resolved (DNS). Check the address and your network connection.`;
    case 'refused':
      return `${host} refused the connection. Nothing is listening there, or a firewall blocks it.`;
    case 'timeout':
      return `${host} did not answer in time. The network may be slow or the server down.`;
    case 'tls':
      return `The secure connection to ${host} failed (TLS certificate or protocol). Check the address and the system clock.`;
    case 'reset':
      return `${host} closed the connection before answering.`;
    case 'non-json':
      return `${host} answered, but not with the Chutes API's JSON. Is this the right address?`;
    case 'other':
      return `Could not reach ${host}.`;
  }
}
