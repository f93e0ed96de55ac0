import { AppFailure, type FieldIssue } from '../../shared/errors';
import { NONCE_WINDOW_SECONDS } from '../../shared/diagnostics';
import { classifyNetworkError, describeNetworkFailure } from '../http/network-error';

const MAX_DETAIL = 500;

// FastAPI echoes the submitted value as `input` (and `ctx`) in 422 items; that may be a secret.
function withoutEchoes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEchoes);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'input' && k !== 'ctx') out[k] = withoutEchoes(v);
  return out;
}

/** The server's `detail` as text safe to show: strings verbatim, objects as JSON minus echoes. */
export function detailText(detail: unknown): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  const text = typeof detail === 'string' ? detail : JSON.stringify(withoutEchoes(detail));
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

/** FastAPI 422 items → field issues, `loc` joined without its leading `body`/`query`/`path`. */
export function fastApiFields(detail: unknown): FieldIssue[] {
  if (!Array.isArray(detail)) return [];
  return detail.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { loc, msg } = item as { loc?: unknown; msg?: unknown };
    const parts = Array.isArray(loc) ? loc.map(String) : [];
    if (['body', 'query', 'path', 'header'].includes(parts[0] ?? '')) parts.shift();
    return [{ path: parts.join('.'), message: typeof msg === 'string' ? msg : 'Invalid value' }];
  });
}

/** Local clock minus the server's `Date`, whole seconds; undefined without a usable header. */
export function measureSkew(dateHeader: string | null, localNowMs: number): number | undefined {
  const serverMs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  return Number.isNaN(serverMs) ? undefined : Math.round((localNowMs - serverMs) / 1000);
}

export interface HttpFailureInput {
  status: number;
  detail: unknown;
  host: string;
  dateHeader: string | null;
  localNowMs: number;
}

function sentence(prefix: string, text: string | undefined): string {
  if (!text || text.length > 200) return prefix;
  return `${prefix.replace(/\.$/, ':')} ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}

function clockSkewFailure(skew: number | undefined, base: { status: number; serverDetail?: string }): AppFailure {
  const hint = 'Turn on automatic date and time (NTP) in your system settings, then try again.';
  if (skew === undefined) {
    return new AppFailure('clock-skew', "Chutes rejected the request's time stamp. Check that your computer's clock is correct.", { ...base, hint });
  }
  const way = skew >= 0 ? 'ahead of' : 'behind';
  return new AppFailure(
    'clock-skew',
    `Your computer's clock is ${Math.abs(skew)} s ${way} the server's; Chutes only accepts signatures made within ${NONCE_WINDOW_SECONDS} s.`,
    { ...base, skewSeconds: skew, hint },
  );
}

/** Map an HTTP error answer to the typed failure the UI shows (reference §1.2, §7). */
export function httpFailure({ status, detail, host, dateHeader, localNowMs }: HttpFailureInput): AppFailure {
  const serverDetail = detailText(detail);
  const base = serverDetail === undefined ? { status } : { status, serverDetail };
  const text = typeof detail === 'string' ? detail : undefined;

  if (status === 401) {
    if (text?.startsWith('Invalid nonce')) return clockSkewFailure(measureSkew(dateHeader, localNowMs), base);
    if (text?.startsWith('Could not find user with hotkey') || text === 'No account found for this hotkey.') {
      return new AppFailure('unauthorized', `This hotkey is not registered with Chutes at ${host}.`, {
        ...base,
        hint: 'Register the hotkey first, or pick the hotkey your Chutes account uses.',
      });
    }
    return new AppFailure('unauthorized', sentence(`Chutes at ${host} did not accept the credentials.`, text), base);
  }
  if (status === 403) return new AppFailure('forbidden', sentence(`Chutes at ${host} refused this action.`, text), base);
  if (status === 404) return new AppFailure('not-found', sentence('Not found.', text), base);
  if (status === 409) return new AppFailure('conflict', sentence('That conflicts with something that already exists.', text), base);
  if (status === 413) return new AppFailure('payload-too-large', 'The request was too large for the server.', base);
  if (status === 422) {
    const fields = fastApiFields(detail);
    const list = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
    return new AppFailure('invalid-input', list ? `The server rejected some fields (${list}).` : 'The server rejected the request.', {
      ...base,
      fields,
    });
  }
  if (status === 429) {
    return new AppFailure('rate-limited', `Too many requests to Chutes at ${host}. Wait a while, then try again.`, base);
  }
  if (status >= 500) {
    return new AppFailure('server', `Chutes at ${host} had a problem (HTTP ${status}). Try again in a moment.`, base);
  }
  return new AppFailure('invalid-input', sentence(`Chutes at ${host} rejected the request (HTTP ${status}).`, text), base);
}

/** A thrown fetch error → `network` failure naming the host; the raw error is never shown. */
export function networkFailure(error: unknown, host: string): AppFailure {
  const kind = classifyNetworkError(error);
  return new AppFailure('network', describeNetworkFailure(kind, host), { network: kind });
}

export function nonJsonFailure(host: string, status: number): AppFailure {
  return new AppFailure('network', describeNetworkFailure('non-json', host), { network: 'non-json', status });
}
