// /api_keys (`../shared/reference/chutes-account-api.md` §5): admin or scoped cpk_ keys, fetched and deleted by UUID only.

import { randomUUID } from 'node:crypto';
import { currentUser } from './auth';
import { ok } from './context';
import type { Ctx, Reply } from './context';
import { HttpError, MirroredCrash } from './fastapi-errors';
import type { ValidationIssue } from './fastapi-errors';
import { hashSecret, randomAlnum } from './crypto-util';
import { bodyModel, failOnIssues, queryInt, readBody } from './inputs';
import type { Router } from './router';
import type { ApiKeyRow, ScopeRow } from './state';
import { apiKeyView, inListOrder, paginate } from './views';

const NAME_RE = /^[\p{L}\p{N}_\u0080-\uFFFF$.\s-]{1,24}$/u;
const OBJECT_TYPES = ['images', 'chutes', 'invocations', 'storage'];
const ACTIONS = ['read', 'write', 'delete', 'invoke'] as const;

const CREATE_BODY = {
  name: { kind: 'str', required: true },
  admin: { kind: 'bool', required: true },
  // `Optional[list[…]] = []` on the server: null passes validation (and an admin key never reads it).
  scopes: {
    kind: 'list',
    nullable: true,
    item: {
      object_type: { kind: 'str', required: true },
      object_id: { kind: 'str', nullable: true },
      action: { kind: 'enum', values: ACTIONS, nullable: true },
    },
  },
} as const;

// Python's `$` also matches just before one trailing newline.
const nameAllowed = (name: string): boolean =>
  NAME_RE.test(name.endsWith('\n') ? name.slice(0, -1) : name) || NAME_RE.test(name);

async function createKey(ctx: Ctx): Promise<Reply> {
  const raw = readBody(ctx);
  const user = await currentUser(ctx);
  const issues: ValidationIssue[] = [];
  const body = bodyModel(CREATE_BODY, raw, issues);
  failOnIssues(issues);
  const name = String(body.name);
  const admin = body.admin === true;
  if (!nameAllowed(name)) {
    throw new HttpError(
      400,
      'Invalid request: API key name should start with alphanumeric character and contain up to 32 total allowed characters (letters, numbers, dashes, underscores, or spaces)',
    );
  }
  // A scoped key's scopes are iterated for the type check: `None` there is a TypeError, FastAPI's 500.
  if (!admin && body.scopes === null) throw new MirroredCrash("'NoneType' object is not iterable: scopes");
  const requested = (Array.isArray(body.scopes) ? body.scopes : []) as {
    object_type: string;
    object_id: string | null;
    action: string | null;
  }[];
  if (!admin && requested.some((s) => !OBJECT_TYPES.includes(s.object_type))) {
    throw new HttpError(400, `Invalid request: Invalid object_type, must be one of ${OBJECT_TYPES.join(', ')}`);
  }
  const api_key_id = randomUUID();
  const secret = `cpk_${api_key_id.replace(/-/g, '')}.${user.user_id.replace(/-/g, '')}.${randomAlnum(32)}`;
  const key_hash = await hashSecret(secret);
  // Checked after the await so two concurrent creations with one name cannot both pass.
  if (Object.values(ctx.sb.state.apiKeys).some((k) => k.user_id === user.user_id && k.name === name)) {
    throw new HttpError(409, 'An API key already exists with this name');
  }
  const scopes: ScopeRow[] = admin
    ? []
    : requested.map((s) => ({
        scope_id: randomUUID(),
        object_type: s.object_type,
        object_id: s.object_id,
        action: s.action,
      }));
  const row: ApiKeyRow = { api_key_id, user_id: user.user_id, admin, name, created_at: ctx.now, key_hash, scopes };
  ctx.sb.state.apiKeys[api_key_id] = row;
  return ok({ ...apiKeyView(row), secret_key: secret });
}

async function listKeys(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'api_keys' });
  const issues: ValidationIssue[] = [];
  const page = queryInt(ctx, 'page', 0, issues) ?? 0;
  const limit = queryInt(ctx, 'limit', 25, issues) ?? 25;
  failOnIssues(issues);
  const mine = inListOrder(
    ctx,
    Object.values(ctx.sb.state.apiKeys).filter((k) => k.user_id === user.user_id),
  );
  // `limit or 25` server-side, but the envelope echoes what was sent.
  return ok(paginate(ctx, mine.map(apiKeyView), page, limit || 25, limit));
}

function ownKey(ctx: Ctx, userId: string): ApiKeyRow | undefined {
  const key = ctx.sb.state.apiKeys[ctx.params.api_key_id ?? ''];
  return key?.user_id === userId ? key : undefined;
}

async function getKey(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'api_keys' });
  const key = ownKey(ctx, user.user_id);
  if (!key)
    throw new HttpError(404, `API key with id ${ctx.params.api_key_id ?? ''} not found or doesn't belong to you`);
  return ok(apiKeyView(key));
}

async function deleteKey(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'api_keys' });
  const key = ownKey(ctx, user.user_id);
  if (!key) throw new HttpError(404, 'API key not found, or does not belong to you');
  delete ctx.sb.state.apiKeys[key.api_key_id];
  return ok({ api_key_id: key.api_key_id, deleted: true });
}

export function addApiKeyRoutes(r: Router): void {
  r.add('POST', '/api_keys/', createKey)
    .add('GET', '/api_keys/', listKeys)
    .add('GET', '/api_keys/{api_key_id}', getKey)
    .add('DELETE', '/api_keys/{api_key_id}', deleteKey);
}
