// Registration (`../shared/reference/chutes-account-api.md` §2.3, §2.4): the token page (no captcha here) and POST /users/register with the
// server's checks in the server's order.

import { randomUUID } from 'node:crypto';
import { currentUser } from './auth';
import { queryParam, ok } from './context';
import type { Ctx, Reply } from './context';
import { HttpError, MirroredCrash } from './fastapi-errors';
import type { ValidationIssue } from './fastapi-errors';
import { NAMESPACE_OID, blake2bHex, randomAlnum, uuid5 } from './crypto-util';
import { seedDemoAccount } from './demo-seed';
import { bodyModel, failOnIssues, readBody, requireHeader } from './inputs';
import type { Router } from './router';
import { randomSs58 } from './sr25519';
import { DEFAULT_COLDKEY_TAO, bumpCounter, currentCount, findUserByHotkey } from './state';
import type { UserRow } from './state';
import { USERNAME_RE, usernameTaken } from './routes-users';
import { isoNaive } from './views';

export const TOKEN_TTL_MS = 300_000;
const TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_COLDKEY_TAO = 0.25;

const page = (title: string, inner: string): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}' +
  '.token{font:1.2rem monospace;padding:.75rem;border:1px solid #999;border-radius:6px;user-select:all}</style></head>' +
  `<body>${inner}</body></html>`;

export function issueRegistrationToken(ctx: Pick<Ctx, 'sb'>, ip: string): string {
  const token = randomUUID();
  ctx.sb.state.registrationTokens[token] = { ip, expires: ctx.sb.now() + TOKEN_TTL_MS };
  return token;
}

function tokenPage(ctx: Ctx): Reply {
  // Counted per IP; the 5th fetch within a (re-armed) 24 h window is refused.
  if (bumpCounter(ctx.sb.state.tokenPageHits, ctx.ip, ctx.now) >= 5) {
    throw new HttpError(429, `Too many registration token attempts from ${ctx.ip}`);
  }
  return {
    status: 200,
    html: page(
      'Chutes registration token',
      '<h1>Registration token</h1><p>Chutes API sandbox: no captcha here.</p>' +
        '<form method="post" action="/users/registration_token"><button type="submit">Get registration token</button></form>',
    ),
  };
}

function tokenIssued(ctx: Ctx): Reply {
  const token = issueRegistrationToken(ctx, ctx.ip);
  return {
    status: 200,
    html: page(
      'Chutes registration token',
      `<h1>Your registration token</h1><div class="token">${token}</div><p>Valid for 5 minutes. Paste it into the app.</p>`,
    ),
  };
}

const REGISTER_BODY = {
  username: { kind: 'str', required: true },
  coldkey: { kind: 'str', required: true },
  logo_id: { kind: 'str', nullable: true },
} as const;

async function register(ctx: Ctx): Promise<Reply> {
  const raw = readBody(ctx);
  const signedBy = await currentUser(ctx, { registering: true });
  const issues: ValidationIssue[] = [];
  const hotkey = requireHeader(ctx, 'X-Chutes-Hotkey', issues);
  const body = bodyModel(REGISTER_BODY, raw, issues);
  failOnIssues(issues);
  const username = String(body.username);
  const coldkey = String(body.coldkey);
  const s = ctx.sb.state;

  if (currentCount(s.registrations, ctx.ip, ctx.now) >= 3) throw new HttpError(429, 'Too may registration requests.');
  const token = queryParam(ctx, 'token');
  if (!token) {
    throw new HttpError(
      400,
      'Missing registration token in URL query params, please ensure you have upgraded to chutes>=0.3.33 and try again.',
    );
  }
  // As the server: the UUID pattern in any case, then `regtoken:{token}` looked up exactly as sent
  // (issued in lower case): a token in capitals, without dashes or padded is unknown there.
  const record = TOKEN_PATTERN.test(token) ? s.registrationTokens[token] : undefined;
  if (!record || record.expires <= ctx.now) {
    throw new HttpError(403, 'Invalid registration token, or registration token does not match expected IP address');
  }
  if (signedBy) throw new HttpError(409, 'This hotkey is already registered to a user!');
  if (!USERNAME_RE.test(username)) {
    throw new HttpError(
      400,
      'Username must be 3-15 characters and contain only alphanumeric/underscore/dash characters',
    );
  }
  if (usernameTaken(ctx, username))
    throw new HttpError(409, `Username ${username} already exists, sorry! Please choose another.`);
  if ((s.coldkeys[coldkey] ?? DEFAULT_COLDKEY_TAO) < MIN_COLDKEY_TAO) {
    throw new HttpError(402, 'You must have at least 0.25 tao on your coldkey to register an account.');
  }
  // Unsigned duplicates are not caught by the server: they hit the unique constraint (500).
  if (findUserByHotkey(s, hotkey))
    throw new MirroredCrash('duplicate key value violates unique constraint "users_hotkey_key"');

  const fingerprint = randomAlnum(32);
  const fingerprintHash = blake2bHex(fingerprint);
  const user: UserRow = {
    user_id: uuid5(NAMESPACE_OID, fingerprintHash),
    username,
    hotkey,
    coldkey,
    payment_address: randomSs58(),
    fingerprint_hash: fingerprintHash,
    created_at: ctx.now,
    logo_id: null,
    permissions_bitmask: 0,
    balance: 0,
    netuids: null,
    validator_hotkey: null,
    subnet_owner_hotkey: null,
  };
  s.users[user.user_id] = user;
  s.quotas.push({ user_id: user.user_id, chute_id: '*', quota: 0, is_default: true, updated_at: ctx.now });
  bumpCounter(s.registrations, ctx.ip, ctx.now);
  if (ctx.sb.demo) seedDemoAccount(s, user, ctx.now);
  return ok({
    username,
    user_id: user.user_id,
    created_at: isoNaive(user.created_at),
    hotkey,
    coldkey,
    payment_address: user.payment_address,
    fingerprint,
    logo_id: null,
    logo: null,
    api_key: null,
  });
}

export function addRegistrationRoutes(r: Router): void {
  r.add('GET', '/users/registration_token', tokenPage)
    .add('POST', '/users/registration_token', tokenIssued)
    .add('POST', '/users/register', register);
}
