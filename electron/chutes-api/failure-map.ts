import { AppFailure, type FailureReason, type FieldIssue } from '../../shared/errors';
import { NONCE_WINDOW_SECONDS } from '../../shared/diagnostics';
import { measureSkew } from './clock';
import {
  classifyNetworkError,
  describeNetworkFailure,
  isBadEncoding,
  isBadPort,
  isMalformedHttp,
  isRedirect,
} from './network-error';

/**
 * The one place where Chutes API answers become typed failures: an HTTP status plus the server's
 * `detail` text (verbatim from the server's source, see ../shared/reference/chutes-account-api.md)
 * give a stable `reason` screens switch on, and a message that says what to do.
 */

const MAX_DETAIL = 500;

/** Deeper or wider than this, a detail is cut: it is shown in 500 characters at most anyway. */
const DETAIL_DEPTH = 8;
const DETAIL_BREADTH = 50;

// FastAPI echoes the submitted value as `input` (and `ctx`) in 422 items; that may be a secret.
// Bounded: a server's detail nested thousands deep overflowed the stack here (an `internal`).
function withoutEchoes(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= DETAIL_DEPTH) return '…';
  if (Array.isArray(value)) return value.slice(0, DETAIL_BREADTH).map((v) => withoutEchoes(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, DETAIL_BREADTH))
    if (k !== 'input' && k !== 'ctx') out[k] = withoutEchoes(v, depth + 1);
  return out;
}

/** FastAPI's `detail` field of an answer's JSON, whatever its shape; undefined without one. */
export const detailOf = (json: unknown): unknown =>
  typeof json === 'object' && json !== null ? (json as { detail?: unknown }).detail : undefined;

/** The server's `detail` as text safe to show: strings verbatim, objects as JSON minus echoes. */
export function detailText(detail: unknown): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  const text = typeof detail === 'string' ? detail : JSON.stringify(withoutEchoes(detail));
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

const MAX_FIELD_ISSUES = 20;

/** FastAPI 422 items → field issues, `loc` joined without its leading `body`/`query`/`path`. */
export function fastApiFields(detail: unknown): FieldIssue[] {
  if (!Array.isArray(detail)) return [];
  // A real answer names a few fields; a server sending thousands, or objects as names, is cut to sense.
  return detail.slice(0, MAX_FIELD_ISSUES).flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { loc, msg } = item as { loc?: unknown; msg?: unknown };
    const parts = Array.isArray(loc)
      ? loc.filter((p) => typeof p === 'string' || typeof p === 'number').map((p) => String(p).slice(0, 80))
      : [];
    if (['body', 'query', 'path', 'header'].includes(parts[0] ?? '')) parts.shift();
    return [{ path: parts.join('.'), message: typeof msg === 'string' ? msg.slice(0, 300) : 'Invalid value' }];
  });
}

export interface HttpFailureInput {
  status: number;
  detail: unknown;
  host: string;
  /** When the request went out and the answer came (for clock skew). */
  answer: { dateHeader: string | null; sentAtMs: number; receivedAtMs: number };
  path?: string;
}

function sentence(prefix: string, text: string | undefined): string {
  if (!text || text.length > 200) return prefix;
  return `${prefix.replace(/\.$/, ':')} ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}

function clockSkewFailure(
  skew: number | undefined,
  base: { status: number; serverDetail?: string },
  windowSeconds: number,
): AppFailure {
  const hint = 'Turn on automatic date and time (NTP) in your system settings, then try again.';
  if (skew === undefined) {
    return new AppFailure(
      'clock-skew',
      "Chutes rejected the request's time stamp. Check that your computer's clock is correct.",
      { ...base, hint },
    );
  }
  const way = skew >= 0 ? 'ahead of' : 'behind';
  return new AppFailure(
    'clock-skew',
    `Your computer's clock is ${Math.abs(skew)} s ${way} the server's; Chutes only accepts signatures made within ${windowSeconds} s${windowSeconds === NONCE_WINDOW_SECONDS ? '' : ' for this request'}.`,
    { ...base, skewSeconds: skew, hint },
  );
}

/** Known `detail` texts (prefixes) → reasons; the order of the server's own checks does not matter here. */
const KNOWN_DETAILS: { status: number; prefix: string; reason: FailureReason }[] = [
  { status: 429, prefix: 'Too may registration requests', reason: 'ip-limit' },
  { status: 400, prefix: 'Missing registration token', reason: 'token-missing' },
  { status: 403, prefix: 'Invalid registration token', reason: 'token-invalid' },
  { status: 409, prefix: 'This hotkey is already registered', reason: 'hotkey-registered' },
  { status: 400, prefix: 'Username must be', reason: 'username-invalid' },
  { status: 409, prefix: 'Username ', reason: 'username-taken' },
  { status: 402, prefix: 'You must have at least', reason: 'coldkey-balance' },
  { status: 409, prefix: 'An API key already exists with this name', reason: 'key-name-taken' },
  { status: 404, prefix: 'API key', reason: 'key-gone' },
  { status: 400, prefix: 'Invalid request: API key name', reason: 'key-name-invalid' },
  { status: 400, prefix: 'Invalid request: Invalid object_type', reason: 'scope-invalid' },
  { status: 409, prefix: 'A secret already exists for this purpose', reason: 'secret-exists' },
  { status: 404, prefix: 'Secret not found', reason: 'secret-gone' },
  { status: 404, prefix: 'Did not find target chute', reason: 'chute-missing' },
  { status: 403, prefix: 'Banned secret key', reason: 'secret-key-banned' },
  { status: 403, prefix: 'Only HF_TOKEN/HUGGING_FACE_HUB_TOKEN secrets are allowed', reason: 'secret-key-subnet-only' },
  { status: 409, prefix: 'Hotkey already associated with', reason: 'hotkey-linked-elsewhere' },
  // §4: one text for a hotkey outside the allow-list and a bad signature; electron/link tells them apart.
  { status: 401, prefix: 'Invalid hotkey or signature', reason: 'link-signature-invalid' },
  { status: 401, prefix: 'Not authorized', reason: 'fingerprint-rejected' },
  { status: 401, prefix: 'Missing or invalid fingerprint provided.', reason: 'fingerprint-rejected' },
  { status: 401, prefix: 'Invalid fingerprint.', reason: 'fingerprint-rejected' },
  { status: 409, prefix: 'Hotkey already associated with another user', reason: 'hotkey-taken' },
  { status: 400, prefix: 'Cannot transfer balance to yourself', reason: 'transfer-to-self' },
  { status: 400, prefix: 'Transfer amount must be positive', reason: 'transfer-amount-invalid' },
  { status: 400, prefix: 'No balance to transfer', reason: 'balance-insufficient' },
  { status: 400, prefix: 'Insufficient balance', reason: 'balance-insufficient' },
  { status: 404, prefix: 'Target user not found', reason: 'transfer-target-missing' },
  { status: 400, prefix: 'You have not made any payments to the developer deposit', reason: 'no-developer-deposit' },
];

function knownReason(status: number, text: string | undefined): FailureReason | undefined {
  if (!text) return undefined;
  // The longest matching prefix wins, so a specific row beats a general one whatever the order.
  let best: (typeof KNOWN_DETAILS)[number] | undefined;
  for (const k of KNOWN_DETAILS)
    if (k.status === status && text.startsWith(k.prefix) && k.prefix.length > (best?.prefix.length ?? -1)) best = k;
  return best?.reason;
}

/** Map an HTTP error answer to the typed failure the UI shows (reference §1.2, §7). */
export function httpFailure(input: HttpFailureInput): AppFailure {
  const failure = genericFailure(input);
  const text = typeof input.detail === 'string' ? input.detail : undefined;
  const known = knownReason(input.status, text);
  if (!known) return failure;
  const { code, message, detail } = failure.appError;
  return new AppFailure(code, message, detail, known);
}

/** Nonce windows other than v1's (§1.2): the refinger's own hotkey mode allows ±300 s (§3.6). */
const NONCE_WINDOW_BY_PATH: Record<string, number> = { '/users/change_fingerprint': 300 };

function genericFailure({ status, detail, host, answer, path }: HttpFailureInput): AppFailure {
  const serverDetail = detailText(detail);
  const base = serverDetail === undefined ? { status } : { status, serverDetail };
  const text = typeof detail === 'string' ? detail : undefined;
  if (status === 401) {
    if (text?.startsWith('Invalid nonce')) {
      const window = (path === undefined ? undefined : NONCE_WINDOW_BY_PATH[path]) ?? NONCE_WINDOW_SECONDS;
      return clockSkewFailure(measureSkew(answer.dateHeader, answer.sentAtMs, answer.receivedAtMs), base, window);
    }
    if (text?.startsWith('No user found with the provided hotkey/coldkey')) {
      return new AppFailure(
        'unauthorized',
        `Chutes at ${host} found no account for this hotkey, or its signature did not check out.`,
        {
          ...base,
          hint: "The profile's hotkey may no longer be this account's hotkey (changed elsewhere?): look the hotkey up on the Profiles & hotkeys screen.",
        },
        'credentials-rejected',
      );
    }
    // The v1 text carries the whole expected message (too long to say; kept in serverDetail), the
    // login's is short: either way the seed signing did not match the hotkey named (§1.2, §3.5).
    if (
      text?.startsWith('Invalid request signature for hotkey') ||
      text === 'Signature verification failed.' ||
      text === 'Invalid signature format.'
    ) {
      return new AppFailure(
        'unauthorized',
        `Chutes at ${host} did not accept this hotkey's signature.`,
        {
          ...base,
          hint: "The seed the app signs with may not be this hotkey's (a hotkey file replaced since it was added?), or the account is on another server: check the hotkey on the Profiles & hotkeys screen.",
        },
        'credentials-rejected',
      );
    }
    if (
      text?.startsWith('Could not find user with hotkey') ||
      text === 'No account found for this hotkey.' ||
      text === 'No user found with that hotkey.'
    ) {
      return new AppFailure(
        'unauthorized',
        `This hotkey is not registered with Chutes at ${host}.`,
        { ...base, hint: 'Register the hotkey first, or pick the hotkey your Chutes account uses.' },
        'hotkey-not-registered',
      );
    }
    if (text === 'Invalid or expired nonce. Please request a new one.') {
      // The login already fetched and signed a second nonce (hotkey-login.ts): this is the second refusal.
      return new AppFailure(
        'unauthorized',
        `Signing in to Chutes at ${host} failed twice: the one-time login code had expired (or was already used) by the time it was signed.`,
        { ...base, hint: 'Try again. If the keychain asks to be unlocked, answer within 5 minutes.' },
        'credentials-rejected',
      );
    }
    if (text === 'Token expired.' || text === 'Invalid token.') {
      return new AppFailure(
        'unauthorized',
        sentence(`Chutes at ${host} did not accept the credentials.`, text),
        base,
        'token-rejected',
      );
    }
    return new AppFailure(
      'unauthorized',
      sentence(`Chutes at ${host} did not accept the credentials.`, text),
      base,
      'credentials-rejected',
    );
  }
  if (status === 403)
    return new AppFailure('forbidden', sentence(`Chutes at ${host} refused this action.`, text), base);
  if (status === 404) return new AppFailure('not-found', sentence('Not found.', text), base);
  if (status === 409)
    return new AppFailure('conflict', sentence('That conflicts with something that already exists.', text), base);
  if (status === 413) return new AppFailure('payload-too-large', 'The request was too large for the server.', base);
  if (status === 422) {
    const fields = fastApiFields(detail);
    const [first] = fields;
    // The first field in the sentence, as the router says its own; the notice lists them all beneath.
    const named = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : '';
    const more = fields.length > 1 ? `; and ${fields.length - 1} more` : '';
    return new AppFailure(
      'invalid-input',
      first
        ? `The server rejected ${fields.length > 1 ? 'some fields' : 'a field'} (${named}${more}).`
        : 'The server rejected the request.',
      { ...base, fields },
    );
  }
  if (status === 429) {
    return new AppFailure(
      'rate-limited',
      sentence(`Too many requests to Chutes at ${host}. Wait a while, then try again.`, undefined),
      base,
    );
  }
  if (status === 400 && text === 'Transfer failed.') {
    // §3.8: the server's own failure while moving the balance, not something wrong with the input.
    return new AppFailure('server', `Chutes at ${host} could not complete the transfer.`, {
      ...base,
      hint: 'Check both balances on the Account screen, then try again in a moment.',
    });
  }
  if (status >= 500) {
    return new AppFailure('server', `Chutes at ${host} had a problem (HTTP ${status}). Try again in a moment.`, base);
  }
  return new AppFailure(
    'invalid-input',
    sentence(`Chutes at ${host} rejected the request (HTTP ${status}).`, text),
    base,
  );
}

/** A thrown fetch error → `network` failure naming the host; the raw error is never shown. */
export function networkFailure(error: unknown, host: string): AppFailure {
  const kind = classifyNetworkError(error);
  const message = isBadPort(error)
    ? `The port in ${host} is one that web clients may not use (it belongs to another protocol), so nothing was sent. Check the address's port.`
    : isRedirect(error)
      ? `${host} answered with a redirect to another address. The app does not follow redirects (a signed request goes only where you chose): check the address, https:// included.`
      : isBadEncoding(error)
        ? `${host} answered with a compressed body that could not be decoded. Is this the right address?`
        : isMalformedHttp(error)
          ? `${host} answered with something that is not HTTP. Is this the right address and port?`
          : describeNetworkFailure(kind, host);
  return new AppFailure('network', message, { network: kind });
}

export function nonJsonFailure(host: string, status: number): AppFailure {
  const detail = { network: 'non-json' as const, status };
  // A gateway in front of the API (Cloudflare fronts api.chutes.ai) limits or refuses with a page of
  // its own: that says wait, or try another network, not "wrong address".
  if (status === 429)
    return new AppFailure(
      'rate-limited',
      `Too many requests to ${host}: something in front of Chutes asked the app to slow down. Wait a while, then try again.`,
      detail,
    );
  if (status === 403)
    return new AppFailure(
      'forbidden',
      `Something in front of Chutes at ${host} refused the request (HTTP 403, a page that is not the API's), such as a firewall or a bot check.`,
      { ...detail, hint: 'Try again later, or from another network.' },
    );
  return new AppFailure('network', describeNetworkFailure('non-json', host), detail);
}

export function unexpectedShapeFailure(host: string, path: string, status: number): AppFailure {
  return new AppFailure(
    'server',
    `Chutes at ${host} answered ${path} in an unexpected shape.`,
    { status },
    'unexpected-shape',
  );
}

/** The keychain had no seed for a signing hotkey: say how to fix it (the Profiles & hotkeys screen). */
export function seedMissingFailure(error: unknown, hotkey: string): unknown {
  if (!(error instanceof AppFailure) || error.appError.code !== 'not-found') return error;
  return new AppFailure(
    'not-found',
    `The keychain holds no seed for hotkey ${hotkey}, so the app cannot sign for it.`,
    {
      hint: 'Add this hotkey to the keychain on the Profiles & hotkeys screen (from its wallet file or the CLI config), then try again.',
    },
    'seed-missing',
  );
}
