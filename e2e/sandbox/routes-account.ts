// Account operations (`../shared/reference/chutes-account-api.md` §3.5–§3.10): JWT login, refinger, re-binding keys, balance transfer, the
// legacy deposit refund and the minor account endpoints.

import { randomUUID } from 'node:crypto';
import {
  apiKeyAllows,
  currentUser,
  findApiKey,
  fingerprintUser,
  jwtKey,
  lastToken,
  nonceValid,
  hotkeyHeaders,
  API_KEY_RE,
} from './auth';
import { header, ok, queryParam } from './context';
import type { Ctx, Reply } from './context';
import { HttpError, MirroredCrash, unauthorized } from './fastapi-errors';
import type { ValidationIssue } from './fastapi-errors';
import { blake2bHex, pyFromHex, signJwt } from './crypto-util';
import { bodyModel, failOnIssues, queryString, readBody, readJsonLoosely, requireHeader } from './inputs';
import type { Router } from './router';
import { ss58Decode, verifySs58Signature } from './sr25519';
import { findUserByFingerprintHash, findUserByHotkey, findUserByIdOrName } from './state';
import type { UserRow } from './state';
import { isRecord } from './validate';
import { selfResponse, shownBalance } from './views';

const LOGIN_NONCE_TTL_MS = 300_000;
const JWT_TTL_S = 7 * 24 * 3600;

function loginNonce(ctx: Ctx): Reply {
  const nonce = randomUUID();
  ctx.sb.state.loginNonces[nonce] = ctx.now + LOGIN_NONCE_TTL_MS;
  return ok({ nonce, expires_in: 300 });
}

function issueJwt(ctx: Ctx, user: UserRow): Reply {
  const iat = Math.floor(ctx.now / 1000);
  return ok({
    token: signJwt({ sub: user.user_id, iat, exp: iat + JWT_TTL_S, salted: true }, jwtKey(ctx.sb.state, user)),
  });
}

function login(ctx: Ctx): Reply {
  // The handler reads `await request.json()` itself: undecodable or non-object bodies are 500s.
  const body = readJsonLoosely(ctx);
  if (!isRecord(body)) throw new MirroredCrash('login body is not an object');
  const { fingerprint, hotkey, signature, nonce } = body;
  if (fingerprint !== undefined && fingerprint !== null && fingerprint !== '' && fingerprint !== false) {
    if (typeof fingerprint !== 'string') throw new MirroredCrash('fingerprint is not a string');
    const user = findUserByFingerprintHash(ctx.sb.state, blake2bHex(fingerprint));
    if (!user) throw unauthorized('Invalid fingerprint.');
    return issueJwt(ctx, user);
  }
  if (hotkey && signature && nonce) {
    if (typeof hotkey !== 'string' || typeof signature !== 'string' || typeof nonce !== 'string')
      throw new MirroredCrash('login field is not a string');
    const expires = ctx.sb.state.loginNonces[nonce];
    // Consumed before the signature check: a failed attempt burns the nonce.
    delete ctx.sb.state.loginNonces[nonce];
    if (expires === undefined || expires <= ctx.now)
      throw unauthorized('Invalid or expired nonce. Please request a new one.');
    const sig = pyFromHex(signature);
    if ('error' in sig || !ss58Decode(hotkey)) throw unauthorized('Invalid signature format.');
    if (!verifySs58Signature(nonce, sig.bytes, hotkey)) throw unauthorized('Signature verification failed.');
    const user = findUserByHotkey(ctx.sb.state, hotkey);
    if (!user) throw unauthorized('No account found for this hotkey.');
    return issueJwt(ctx, user);
  }
  throw new HttpError(400, "Please provide either 'fingerprint' or 'hotkey'+'signature'+'nonce' for authentication.");
}

function changeFingerprint(ctx: Ctx): Reply {
  const issues: ValidationIssue[] = [];
  const body = bodyModel({ fingerprint: { kind: 'str', required: true } }, readBody(ctx), issues);
  failOnIssues(issues);
  const newFingerprint = String(body.fingerprint);
  const authorization = header(ctx, 'authorization');
  let user: UserRow;
  if (authorization !== undefined) {
    user = fingerprintUser(ctx, authorization, true, 'Missing or invalid fingerprint provided.');
  } else {
    const hotkey = header(ctx, 'x-chutes-hotkey');
    const coldkey = header(ctx, 'x-chutes-coldkey');
    const nonce = header(ctx, 'x-chutes-nonce');
    const signature = header(ctx, 'x-chutes-signature');
    if (!nonce || !signature) throw unauthorized('Missing or invalid BT signature.');
    if (!nonceValid(nonce, ctx.now, 300, true)) throw unauthorized(`Invalid nonce: ${nonce}`);
    if (!hotkey && !coldkey)
      throw unauthorized('You must provide either coldkey or hotkey along with a signature and nonce.');
    // The coldkey mode verifies against the *hotkey* header's key and crashes without one.
    if (!hotkey) throw new MirroredCrash('coldkey mode without a hotkey header');
    const sig = pyFromHex(signature);
    if ('error' in sig) throw unauthorized('Invalid signature');
    const owner = coldkey ?? hotkey;
    const found = coldkey
      ? Object.values(ctx.sb.state.users).find((u) => u.coldkey === coldkey)
      : findUserByHotkey(ctx.sb.state, hotkey);
    if (!verifySs58Signature(`${owner}:${newFingerprint}:${nonce}`, sig.bytes, hotkey) || !found) {
      throw unauthorized('No user found with the provided hotkey/coldkey');
    }
    user = found;
  }
  // The real server caches the hash in memory for up to an hour (reference §1.5): tokens are
  // checked against the old one meanwhile, so new ones are refused and old ones live on.
  if (ctx.sb.faults.jwt_fingerprint_cache) user.cached_fingerprint_hash ??= user.fingerprint_hash;
  else delete user.cached_fingerprint_hash;
  user.fingerprint_hash = blake2bHex(newFingerprint);
  return ok({ status: 'Fingerprint updated' });
}

function changeBtAuth(ctx: Ctx): Reply {
  const issues: ValidationIssue[] = [];
  const authorization = requireHeader(ctx, 'authorization', issues);
  const body = bodyModel(
    { hotkey: { kind: 'str', nullable: true }, coldkey: { kind: 'str', nullable: true } },
    readBody(ctx),
    issues,
  );
  failOnIssues(issues);
  const user = fingerprintUser(ctx, authorization, true, 'Missing or invalid fingerprint provided.');
  const hotkey = typeof body.hotkey === 'string' && body.hotkey ? body.hotkey : null;
  const coldkey = typeof body.coldkey === 'string' && body.coldkey ? body.coldkey : null;
  if (!hotkey && !coldkey) throw new HttpError(400, 'Invalid request, please provide a coldkey and/or hotkey');
  if (coldkey && !ss58Decode(coldkey)) throw new HttpError(400, `Invalid coldkey: ${coldkey}`);
  if (hotkey && !ss58Decode(hotkey)) throw new HttpError(400, `Invalid hotkey: ${hotkey}`);
  if (hotkey) {
    const other = findUserByHotkey(ctx.sb.state, hotkey);
    if (other && other.user_id !== user.user_id)
      throw new HttpError(409, `Hotkey already associated with another user: ${hotkey}`);
    user.hotkey = hotkey;
  }
  if (coldkey) user.coldkey = coldkey;
  return ok(selfResponse(user, shownBalance(ctx.sb, user)));
}

async function transferAuth(ctx: Ctx): Promise<UserRow> {
  const hk = hotkeyHeaders(ctx);
  if (hk) {
    if (!nonceValid(hk.nonce, ctx.now)) throw unauthorized('Invalid nonce.');
    if (ctx.bodySha256 === null) throw unauthorized('Bad signing message.');
    const sig = pyFromHex(hk.signature);
    if ('error' in sig) throw unauthorized('Invalid signature format.');
    if (!verifySs58Signature(`${hk.hotkey}:${hk.nonce}:${ctx.bodySha256}`, sig.bytes, hk.hotkey))
      throw unauthorized('Invalid request signature.');
    const user = findUserByHotkey(ctx.sb.state, hk.hotkey);
    if (!user) throw unauthorized('No user found with that hotkey.');
    return user;
  }
  const authorization = header(ctx, 'authorization');
  if (!authorization)
    throw unauthorized('Authentication required. Provide hotkey auth, admin API key, or fingerprint.');
  const token = lastToken(authorization.trim());
  if (API_KEY_RE.test(token)) {
    const found = await findApiKey(ctx.sb.state, token);
    if (!found) throw unauthorized('Invalid API key.');
    // The key validator's generic scope check (object type `balance_transfer`) runs first.
    if (!apiKeyAllows(found.key, ctx)) throw unauthorized('Invalid token or user not found');
    if (!found.key.admin) throw new HttpError(403, 'Balance transfers require an admin API key.');
    return found.user;
  }
  const user = findUserByFingerprintHash(ctx.sb.state, blake2bHex(token));
  if (!user) throw unauthorized('Invalid fingerprint.');
  return user;
}

async function balanceTransfer(ctx: Ctx): Promise<Reply> {
  const issues: ValidationIssue[] = [];
  const body = bodyModel(
    { user_id: { kind: 'str', required: true }, amount: { kind: 'float', nullable: true } },
    readBody(ctx),
    issues,
  );
  failOnIssues(issues);
  const from = await transferAuth(ctx);
  const targetId = String(body.user_id);
  const amount = typeof body.amount === 'number' ? body.amount : null;
  const to = findUserByIdOrName(ctx.sb.state, targetId);
  if (!to) throw new HttpError(404, `Target user not found: ${targetId}`);
  if (to.user_id === from.user_id) throw new HttpError(400, 'Cannot transfer balance to yourself.');
  if (amount !== null && amount <= 0) throw new HttpError(400, 'Transfer amount must be positive.');
  const available = from.balance;
  const transfer = amount ?? available;
  if (!(transfer > 0 && available >= transfer)) {
    if (available <= 0) throw new HttpError(400, 'No balance to transfer.');
    if (amount !== null && amount > available)
      throw new HttpError(400, `Insufficient balance. Current balance: ${available.toFixed(6)}`);
    throw new HttpError(400, 'Transfer failed.');
  }
  from.balance -= transfer;
  to.balance += transfer;
  return ok({
    transferred: transfer,
    from_user: from.user_id,
    to_user: to.user_id,
    from_balance: from.balance,
    to_balance: to.balance,
    debit_event_id: randomUUID(),
    credit_event_id: randomUUID(),
  });
}

async function returnDeveloperDeposit(ctx: Ctx): Promise<Reply> {
  const raw = readBody(ctx);
  const user = await currentUser(ctx);
  const issues: ValidationIssue[] = [];
  const body = bodyModel({ address: { kind: 'str', required: true } }, raw, issues);
  failOnIssues(issues);
  const deposit = user.legacy_deposit;
  // Accounts created after the deposit was abolished never had a developer payment address.
  if (!deposit) throw new HttpError(400, 'You have not made any payments to the developer deposit address: None');
  if (deposit.outcome === 'chain-failure') {
    // §3.9's quirk: the exception object is returned, not raised — HTTP 200 with its fields.
    return ok({
      status_code: 400,
      detail: `Wallet ${user.payment_address} does not have any free balance!`,
      headers: null,
    });
  }
  delete user.legacy_deposit;
  return ok({
    status: 'transferred',
    message: `Transferred ${deposit.tao} TAO to ${String(body.address)} in block 0x${'ab'.repeat(32)}`,
  });
}

async function squadAccess(ctx: Ctx): Promise<Reply> {
  await currentUser(ctx);
  let body: unknown;
  try {
    body = readJsonLoosely(ctx);
  } catch {
    body = undefined;
  }
  if (!isRecord(body) || typeof body.enable !== 'boolean')
    throw new HttpError(400, 'Invalid request, payload should be {"enable": true|false}');
  return ok({ squad_enabled: body.enable });
}

async function setLogo(ctx: Ctx): Promise<Reply> {
  await currentUser(ctx);
  const issues: ValidationIssue[] = [];
  const logoId = queryString(ctx, 'logo_id', issues, true);
  failOnIssues(issues);
  throw new HttpError(404, `Logo not found: ${logoId ?? queryParam(ctx, 'logo_id') ?? ''}`);
}

/** `GET /idp/cli_login/nonce` (§3.5): same single-use store as the JSON login's nonces. Off unless enabled (`/_sandbox/idp`). */
function idpNonce(ctx: Ctx): Reply {
  if (!ctx.sb.state.idp) return { status: 404, json: { detail: 'Not Found' } };
  const nonce = randomUUID();
  ctx.sb.state.loginNonces[nonce] = ctx.now + LOGIN_NONCE_TTL_MS;
  return ok({ nonce });
}

const htmlError = (status: number, text: string): Reply => ({
  status,
  html: `<!doctype html><html><body><h1>Login failed</h1><p>${text}</p></body></html>`,
});

/** `GET /idp/cli_login?hotkey&signature&nonce`: 302 to the web app with a session cookie; errors are HTML pages. */
function idpCliLogin(ctx: Ctx): Reply {
  if (!ctx.sb.state.idp) return { status: 404, json: { detail: 'Not Found' } };
  const hotkey = queryParam(ctx, 'hotkey') ?? '';
  const signature = queryParam(ctx, 'signature') ?? '';
  const nonce = queryParam(ctx, 'nonce') ?? '';
  const expires = ctx.sb.state.loginNonces[nonce];
  delete ctx.sb.state.loginNonces[nonce];
  if (expires === undefined || expires <= ctx.now) return htmlError(400, 'Invalid or expired nonce.');
  const sig = pyFromHex(signature);
  if ('error' in sig || !ss58Decode(hotkey) || !verifySs58Signature(nonce, sig.bytes, hotkey))
    return htmlError(400, 'Invalid signature.');
  const user = findUserByHotkey(ctx.sb.state, hotkey);
  if (!user) return htmlError(404, 'No account found for this hotkey.');
  const iat = Math.floor(ctx.now / 1000);
  const token = signJwt({ sub: user.user_id, iat, exp: iat + JWT_TTL_S, salted: true }, jwtKey(ctx.sb.state, user));
  return {
    status: 302,
    headers: {
      location: 'https://chutes.ai/app',
      'set-cookie': `chutes-session-token=${token}; Max-Age=${JWT_TTL_S}; Path=/; Domain=.chutes.ai; HttpOnly; Secure; SameSite=Lax`,
    },
  };
}

export function addAccountRoutes(r: Router): void {
  r.add('GET', '/idp/cli_login/nonce', idpNonce).add('GET', '/idp/cli_login', idpCliLogin);
  r.add('GET', '/users/login/nonce', loginNonce)
    .add('POST', '/users/login', login)
    .add('POST', '/users/change_fingerprint', changeFingerprint)
    .add('POST', '/users/change_bt_auth', changeBtAuth)
    .add('POST', '/users/balance_transfer', balanceTransfer)
    .add('PUT', '/users/squad_access', squadAccess)
    .add('GET', '/users/set_logo', setLogo)
    .add('POST', '/return_developer_deposit', returnDeveloperDeposit);
}
