// /users/*: the catch-all user lookup, name check, quotas/usage family, account deletion and the
// historical validator / subnet-owner linking routes (`../shared/reference/chutes-account-api.md` §3, §4).

import { currentUser, fingerprintUser } from './auth';
import { queryParam, ok } from './context';
import type { Ctx, Reply } from './context';
import { HttpError, MirroredCrash, unauthorized } from './fastapi-errors';
import type { ValidationIssue } from './fastapi-errors';
import { pyFromHex } from './crypto-util';
import { ilike } from './ilike';
import { failOnIssues, queryBool, queryDatetime, queryInt, queryString, requireHeader } from './inputs';
import type { Router } from './router';
import { verifySs58Signature } from './sr25519';
import { deleteUserCascade, findUserByIdOrName } from './state';
import type { UserRow } from './state';
import {
  ROLE_DEVELOPER,
  ROLE_FREE_ACCOUNT,
  ROLE_INVOICE_BILLING,
  isoNaive,
  selfResponse,
  shownBalance,
  userChutes,
  userImages,
  userSecrets,
} from './views';

export const USERNAME_RE = /^[a-zA-Z0-9_-]{3,15}$/;
const BILLING_ADMIN_ONLY = 'This action can only be performed by billing admin accounts.';

export const usernameTaken = (ctx: Ctx, name: string): boolean =>
  Object.values(ctx.sb.state.users).some((u) => ilike(name, u.username));

async function lookupUser(ctx: Ctx, userId: string): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'me' });
  const target = userId === 'me' ? user : findUserByIdOrName(ctx.sb.state, userId);
  if (!target) throw new HttpError(404, 'User not found');
  if (target.user_id !== user.user_id) throw new HttpError(403, BILLING_ADMIN_ONLY);
  return ok(selfResponse(user, shownBalance(ctx.sb, user)));
}

function nameCheck(ctx: Ctx): Reply {
  const issues: ValidationIssue[] = [];
  const name = queryString(ctx, 'username', issues, true) ?? '';
  failOnIssues(issues);
  if (!USERNAME_RE.test(name)) return ok({ valid: false, available: false });
  return ok({ valid: true, available: !usernameTaken(ctx, name) });
}

async function quotas(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx);
  if (user.permissions_bitmask & (ROLE_FREE_ACCOUNT | ROLE_INVOICE_BILLING)) return ok({});
  const rows = ctx.sb.state.quotas.filter((q) => q.user_id === user.user_id);
  if (rows.length === 0) return ok({ '*': 200 });
  return ok(
    rows.map((q) => ({
      user_id: q.user_id,
      chute_id: q.chute_id,
      quota: q.quota,
      is_default: q.is_default,
      payment_refresh_date: null,
      updated_at: isoNaive(q.updated_at),
      effective_date: isoNaive(q.updated_at),
    })),
  );
}

/**
 * The server's `InvocationQuota.get` and `quota_key` (§3.2): a chute with a quota row of its own
 * has its own daily counter; every other chute counts under one default counter. Asking for "*"
 * itself reads the "*" key, which no invocation writes. Free and invoiced accounts are not counted.
 */
async function quotaUsage(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx);
  if (user.permissions_bitmask & (ROLE_FREE_ACCOUNT | ROLE_INVOICE_BILLING)) return ok({ quota: 'unlimited', used: 0 });
  const chuteId = ctx.params.chute_id ?? '';
  const rows = ctx.sb.state.quotas.filter((q) => q.user_id === user.user_id);
  const own = rows.find((q) => q.chute_id === chuteId);
  const quota = (own ?? rows.find((q) => q.chute_id === '*'))?.quota ?? 200;
  if (chuteId === '*') return ok({ quota, used: 0 });
  const withOwnRow = new Set(rows.map((q) => q.chute_id));
  const counted = (id: string | null) => (own ? id === chuteId : id === null || !withOwnRow.has(id));
  const dayStart = Math.floor(ctx.now / 86_400_000) * 86_400_000;
  const used = ctx.sb.state.usage
    .filter((u) => u.user_id === user.user_id && u.bucket >= dayStart && counted(u.chute_id))
    .reduce((n, u) => n + u.count, 0);
  return ok({ quota, used });
}

async function usage(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx);
  const issues: ValidationIssue[] = [];
  const page = queryInt(ctx, 'page', 0, issues) ?? 0;
  const limit = queryInt(ctx, 'limit', 24, issues) ?? 24;
  const perChute = queryBool(ctx, 'per_chute', false, issues);
  const chuteId = queryParam(ctx, 'chute_id');
  const start = queryDatetime(ctx, 'start_date', issues);
  const end = queryDatetime(ctx, 'end_date', issues);
  failOnIssues(issues);
  const who = ctx.params.user_id ?? '';
  if (who !== 'me' && who !== user.user_id) throw new HttpError(403, BILLING_ADMIN_ONLY);
  if (page < 0 || limit < 0) throw new MirroredCrash('negative OFFSET/LIMIT');

  const groups = new Map<
    string,
    {
      bucket: number;
      chute_id: string | null;
      amount: number;
      count: number;
      input_tokens: number;
      output_tokens: number;
    }
  >();
  for (const row of ctx.sb.state.usage) {
    if (row.user_id !== user.user_id) continue;
    if (chuteId !== undefined && row.chute_id !== chuteId) continue;
    if ((start !== null && row.bucket < start) || (end !== null && row.bucket > end)) continue;
    const key = perChute ? `${row.bucket}|${row.chute_id ?? ''}` : String(row.bucket);
    const g = groups.get(key) ?? {
      bucket: row.bucket,
      chute_id: row.chute_id,
      amount: 0,
      count: 0,
      input_tokens: 0,
      output_tokens: 0,
    };
    g.amount += row.amount;
    g.count += row.count;
    g.input_tokens += row.input_tokens;
    g.output_tokens += row.output_tokens;
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.bucket - a.bucket || b.amount - a.amount);
  const items = sorted.slice(page * limit, page * limit + limit).map((g) => {
    const base = {
      bucket: isoNaive(g.bucket),
      amount: g.amount,
      count: g.count,
      input_tokens: g.input_tokens,
      output_tokens: g.output_tokens,
    };
    return perChute ? { ...base, chute_id: g.chute_id } : base;
  });
  return ok({ total: sorted.length, page, limit, items });
}

function deleteMe(ctx: Ctx): Reply {
  const issues: ValidationIssue[] = [];
  const authorization = requireHeader(ctx, 'authorization', issues);
  failOnIssues(issues);
  const user = fingerprintUser(ctx, authorization, false, 'Not authorized');
  // The newer server's guards (409 with an object detail) rather than the older FK 500.
  if (Math.abs(user.balance) > 25) {
    throw new HttpError(409, {
      message: `User balance (${user.balance}) is outside the deletable range of +/-25.0; reconcile the balance before deleting.`,
      user_id: user.user_id,
      balance: user.balance,
    });
  }
  const chutes = userChutes(ctx.sb.state, user.user_id).map((c) => c.chute_id);
  const images = userImages(ctx.sb.state, user.user_id).map((i) => i.image_id);
  const secrets = userSecrets(ctx.sb.state, user.user_id).map((s) => s.secret_id);
  if (chutes.length + images.length + secrets.length > 0) {
    throw new HttpError(409, {
      message:
        'User owns resources (chutes/images/secrets) that must be removed manually before the account can be deleted.',
      user_id: user.user_id,
      chutes,
      images,
      secrets,
    });
  }
  deleteUserCascade(ctx.sb.state, user.user_id);
  return ok({ deleted: true });
}

function linkRoute(kind: 'validator' | 'subnet_owner') {
  const name = kind === 'validator' ? 'link_validator' : 'link_subnet_owner';
  return async (ctx: Ctx): Promise<Reply> => {
    // Disabled = today's server: the route is gone and the catch-all user lookup answers.
    if (!ctx.sb.state.link.enabled) return lookupUser(ctx, name);
    const user = await currentUser(ctx, { purpose: 'link_account' });
    const issues: ValidationIssue[] = [];
    const hotkey = queryString(ctx, 'hotkey', issues, true) ?? '';
    const signature = queryString(ctx, 'signature', issues, true) ?? '';
    failOnIssues(issues);
    const allowed = kind === 'validator' ? ctx.sb.state.link.validators : ctx.sb.state.link.subnet_owners;
    if (!allowed.includes(hotkey)) throw unauthorized('Invalid hotkey or signature.');
    // `Keypair(...).verify(..., bytes.fromhex(signature))` with no try: for an allow-listed hotkey a
    // signature that is not hex is a ValueError, FastAPI's 500.
    const sig = pyFromHex(signature);
    if ('error' in sig) throw new MirroredCrash(`bytes.fromhex on the link signature: ${sig.error}`);
    if (!verifySs58Signature(`${hotkey}:${user.username}`, sig.bytes, hotkey))
      throw unauthorized('Invalid hotkey or signature.');
    const field = kind === 'validator' ? 'validator_hotkey' : 'subnet_owner_hotkey';
    const other = Object.values(ctx.sb.state.users).find(
      (u: UserRow) => u[field] === hotkey && u.user_id !== user.user_id,
    );
    if (other) throw new HttpError(409, `Hotkey already associated with user ${other.username}`);
    user[field] = hotkey;
    user.permissions_bitmask |= ROLE_FREE_ACCOUNT | ROLE_DEVELOPER;
    return ok(selfResponse(user, shownBalance(ctx.sb, user)));
  };
}

export function addUserRoutes(r: Router): void {
  r.add('GET', '/users/name_check', nameCheck)
    .add('GET', '/users/me/quotas', quotas)
    .add('GET', '/users/me/quota_usage/{chute_id}', quotaUsage)
    .add('GET', '/users/me/discounts', async (ctx) => {
      const user = await currentUser(ctx);
      return ok(ctx.sb.state.discounts.filter((d) => d.user_id === user.user_id));
    })
    .add('GET', '/users/me/price_overrides', async (ctx) => (await currentUser(ctx), ok([])))
    .add('GET', '/users/me/subscription_usage', async (ctx) => {
      const user = await currentUser(ctx);
      return ok(ctx.sb.state.subscriptions[user.user_id] ?? { subscription: false });
    })
    .add('DELETE', '/users/me', deleteMe)
    .add('GET', '/users/link_validator', linkRoute('validator'))
    .add('GET', '/users/link_subnet_owner', linkRoute('subnet_owner'))
    .add('GET', '/users/{user_id}/usage', usage);
}

/** Registered last: it swallows every single-segment GET under /users/. */
export function addUserCatchAll(r: Router): void {
  r.add('GET', '/users/{user_id}', (ctx) => lookupUser(ctx, ctx.params.user_id ?? ''));
}
