// The server's generic auth dependency (§1): hotkey v1 signature, then Authorization (JWT or cpk_ key
// with scope checks), plus the fingerprint-only variants some endpoints use instead.

import { header } from './context';
import type { Ctx } from './context';
import { HttpError, unauthorized } from './fastapi-errors';
import { blake2bHex, decodeJwtUnverified, jwtSignatureValid, pyFromHex, verifySecret } from './crypto-util';
import { verifySs58Signature } from './sr25519';
import { findUserByFingerprintHash, findUserByHotkey } from './state';
import type { ApiKeyRow, State, UserRow } from './state';

export const NO_CREDENTIALS = "Can't find a user with that api key in our db :(";
export const BAD_KEY = 'Invalid token or user not found';
export const API_KEY_RE = /^cpk_([0-9a-f]{32})\.([0-9a-f]{32})\.([a-zA-Z0-9]{32})$/;

export const hexToUuid = (h: string): string =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/** v1 nonce rule: digits only, strictly less than 600 s away from the server clock. */
export function nonceValid(nonce: string, nowMs: number, windowS = 600, inclusive = false): boolean {
  if (!/^\d+$/.test(nonce)) return false;
  const delta = Math.abs(Math.floor(nowMs / 1000) - Number(nonce));
  return inclusive ? delta <= windowS : delta < windowS;
}

export interface HotkeyHeaders {
  hotkey: string;
  signature: string;
  nonce: string;
}

/** All three X-Chutes-* headers, or null (fewer are silently ignored, §1.6). */
export function hotkeyHeaders(ctx: Ctx): HotkeyHeaders | null {
  const hotkey = header(ctx, 'x-chutes-hotkey');
  const signature = header(ctx, 'x-chutes-signature');
  const nonce = header(ctx, 'x-chutes-nonce');
  return hotkey && signature && nonce ? { hotkey, signature, nonce } : null;
}

/** Last space-separated token of a header value, as `authorization.split(" ")[-1]`. */
export const lastToken = (value: string): string => value.split(' ').at(-1) ?? '';

/** Key's action/object for the scope check: from the method and the path (`../shared/reference/chutes-account-api.md` §1.4). */
function scopeTarget(ctx: Ctx): { objectType: string; objectId: string; action: string } {
  const action = ctx.method === 'GET' ? 'read' : ctx.method === 'DELETE' ? 'delete' : 'write';
  if (ctx.path.startsWith('/users/me')) return { objectType: 'account', objectId: '__self__', action };
  const m = /^\/[^/]+\/([^/]+)$/.exec(ctx.path);
  return { objectType: ctx.path.split('/').at(-1) ?? '', objectId: m?.[1] ?? '__list_or_invalid__', action };
}

export function apiKeyAllows(key: ApiKeyRow, ctx: Ctx): boolean {
  if (key.admin) return true;
  const t = scopeTarget(ctx);
  return key.scopes.some(
    (s) =>
      s.object_type === t.objectType &&
      (s.object_id === null || s.object_id === t.objectId) &&
      (s.action === null || s.action === t.action),
  );
}

/** Looks a `cpk_` secret up and checks its hash; null when unknown or wrong. */
export async function findApiKey(state: State, token: string): Promise<{ key: ApiKeyRow; user: UserRow } | null> {
  const m = API_KEY_RE.exec(token);
  if (!m?.[1] || !m[2]) return null;
  const key = state.apiKeys[hexToUuid(m[1])];
  if (!key || key.user_id.replace(/-/g, '') !== m[2]) return null;
  if (!(await verifySecret(token, key.key_hash))) return null;
  // Re-read after the await: the key or its owner may have been deleted meanwhile.
  const user = state.users[key.user_id];
  return state.apiKeys[key.api_key_id] && user ? { key, user } : null;
}

export const jwtKey = (state: State, user: UserRow): string => blake2bHex(`${state.keys.jwt}:${user.fingerprint_hash}`);

function userFromJwt(ctx: Ctx, token: string): UserRow {
  const payload = decodeJwtUnverified(token);
  const sub = payload?.sub;
  const user = typeof sub === 'string' ? ctx.sb.state.users[sub] : undefined;
  // The cache lasts while the fault is on; switching it off is the hour passing.
  const cached = ctx.sb.faults.jwt_fingerprint_cache ? user?.cached_fingerprint_hash : undefined;
  const checkedWith = user && { ...user, fingerprint_hash: cached ?? user.fingerprint_hash };
  if (!user || !checkedWith || !jwtSignatureValid(token, jwtKey(ctx.sb.state, checkedWith)))
    throw unauthorized('Invalid token.');
  const exp = payload?.exp;
  if (typeof exp !== 'number' || exp * 1000 <= ctx.now) throw unauthorized('Token expired.');
  return user;
}

interface AuthOptions {
  purpose?: string;
  /** Registration: no credentials, or a signature by a hotkey without an account, yields null. */
  registering?: boolean;
}

export async function currentUser(ctx: Ctx, opts: AuthOptions & { registering: true }): Promise<UserRow | null>;
export async function currentUser(ctx: Ctx, opts?: AuthOptions): Promise<UserRow>;
export async function currentUser(ctx: Ctx, opts: AuthOptions = {}): Promise<UserRow | null> {
  const hk = hotkeyHeaders(ctx);
  if (hk) {
    if (!nonceValid(hk.nonce, ctx.now)) throw unauthorized('Invalid nonce!');
    const tail = opts.purpose ?? ctx.bodySha256;
    if (tail === null) throw unauthorized('Either payload_str or purpose must be provided');
    const message = `${hk.hotkey}:${hk.nonce}:${tail}`;
    const parsed = pyFromHex(hk.signature);
    if ('error' in parsed) throw unauthorized(`Invalid signature: ${hk.signature}, with error: ${parsed.error}`);
    if (!verifySs58Signature(message, parsed.bytes, hk.hotkey)) {
      throw unauthorized(`Invalid request signature for hotkey ${hk.hotkey}. Message: ${message}`);
    }
    ctx.signatureVerified = true;
    const user = findUserByHotkey(ctx.sb.state, hk.hotkey);
    if (user) return user;
    if (opts.registering) return null;
    throw unauthorized(`Could not find user with hotkey: ${hk.hotkey}`);
  }
  const authorization = header(ctx, 'authorization');
  if (!authorization) {
    if (opts.registering) return null;
    throw unauthorized(NO_CREDENTIALS);
  }
  const token = lastToken(authorization);
  if (authorization.toLowerCase().startsWith('bearer ') && !token.startsWith('cpk_') && !token.startsWith('cak_')) {
    return userFromJwt(ctx, token);
  }
  if (!API_KEY_RE.test(token)) {
    if (token.startsWith('cak_')) throw unauthorized(BAD_KEY);
    throw unauthorized('Missing or invalid authorization header(s)');
  }
  const found = await findApiKey(ctx.sb.state, token);
  if (!found || !apiKeyAllows(found.key, ctx)) throw unauthorized(BAD_KEY);
  return found.user;
}

/** Fingerprint endpoints: `wholeHeader` hashes the entire value (no `Bearer`), else its last token. */
export function fingerprintUser(ctx: Ctx, authorization: string, wholeHeader: boolean, failText: string): UserRow {
  const user = findUserByFingerprintHash(
    ctx.sb.state,
    blake2bHex(wholeHeader ? authorization : lastToken(authorization)),
  );
  if (!user) throw new HttpError(401, failText);
  return user;
}
