// /secrets (`../shared/reference/chutes-account-api.md` §6): per-chute environment secrets; values are stored encrypted and never returned.

import { currentUser } from './auth';
import { ok } from './context';
import type { Ctx, Reply } from './context';
import { HttpError, MirroredCrash } from './fastapi-errors';
import type { ValidationIssue } from './fastapi-errors';
import { NAMESPACE_OID, encryptSecretValue, uuid5 } from './crypto-util';
import { ilike } from './ilike';
import { bodyModel, failOnIssues, queryInt, readBody } from './inputs';
import type { Router } from './router';
import type { SecretRow } from './state';
import { isoNaive, paginate, secretSummary, userChutes, userSecrets } from './views';

const ALLOWED_PYTHON_VARS = new Set(['UV_SYSTEM_PYTHON', 'PYTHONUNBUFFERED', 'PYTHONIOENCODING', 'PYTHONWARNINGS']);
const BANNED_EXACT = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'HF_HUB_DISABLE_SSL_VERIFY']);
const INTEGRATED_SUBNET_MARKERS = ['affine', 'babelbit', 'turbovision'];
const HF_KEYS = new Set(['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN']);

export function secretKeyBanned(key: string): boolean {
  const lower = key.toLowerCase();
  const upper = key.toUpperCase();
  if (BANNED_EXACT.has(upper)) return true;
  if (ALLOWED_PYTHON_VARS.has(upper)) return false;
  return lower.includes('python') || lower.includes('sglang') || lower.startsWith('sgl_') || lower.startsWith('ld_');
}

const CREATE_BODY = {
  purpose: { kind: 'str', required: true },
  key: { kind: 'str', required: true },
  value: { kind: 'str', required: true },
} as const;

async function createSecret(ctx: Ctx): Promise<Reply> {
  const raw = readBody(ctx);
  const user = await currentUser(ctx);
  const issues: ValidationIssue[] = [];
  const body = bodyModel(CREATE_BODY, raw, issues);
  failOnIssues(issues);
  const purpose = String(body.purpose);
  const key = String(body.key);
  // `name ILIKE purpose OR chute_id = purpose` with scalar_one_or_none: several matches are a 500.
  const matches = userChutes(ctx.sb.state, user.user_id).filter(
    (c) => ilike(purpose, c.name) || c.chute_id === purpose,
  );
  if (matches.length > 1) throw new MirroredCrash('MultipleResultsFound: chute lookup for secret purpose');
  const chute = matches[0];
  if (!chute) throw new HttpError(404, `Did not find target chute ${purpose}, or it does not belong to you`);
  // After the chute lookup, as on the server: a banned key for a chute that is not yours is a 404.
  if (secretKeyBanned(key)) throw new HttpError(403, `Banned secret key: ${key}`);
  const lowerName = chute.name.toLowerCase();
  if (INTEGRATED_SUBNET_MARKERS.some((m) => lowerName.includes(m)) && !HF_KEYS.has(key.toUpperCase())) {
    throw new HttpError(403, 'Only HF_TOKEN/HUGGING_FACE_HUB_TOKEN secrets are allowed for integrated subnet chutes');
  }
  const secret_id = uuid5(NAMESPACE_OID, `${user.user_id}:${chute.chute_id}:${key}`);
  if (ctx.sb.state.secrets[secret_id])
    throw new HttpError(409, 'A secret already exists for this purpose with this key.');
  const row: SecretRow = {
    secret_id,
    user_id: user.user_id,
    purpose: chute.chute_id,
    key,
    value: encryptSecretValue(String(body.value), ctx.sb.state.keys),
    created_at: ctx.now,
  };
  ctx.sb.state.secrets[secret_id] = row;
  return ok({
    secret_id,
    user_id: row.user_id,
    purpose: row.purpose,
    key,
    value: row.value,
    created_at: isoNaive(row.created_at),
  });
}

async function listSecrets(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'secrets' });
  const issues: ValidationIssue[] = [];
  const page = queryInt(ctx, 'page', 0, issues) ?? 0;
  const limit = queryInt(ctx, 'limit', 25, issues) ?? 25;
  failOnIssues(issues);
  const newestFirst = userSecrets(ctx.sb.state, user.user_id)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.created_at - a.s.created_at || b.i - a.i)
    .map(({ s }) => secretSummary(s));
  // `limit or 25`: 0 reads 25 rows, and the answer echoes the 0 asked for.
  return ok(paginate(ctx, newestFirst, page, limit || 25, limit));
}

function ownSecret(ctx: Ctx, userId: string): SecretRow {
  const row = ctx.sb.state.secrets[ctx.params.secret_id ?? ''];
  if (row?.user_id !== userId) throw new HttpError(404, 'Secret not found, or does not belong to you');
  return row;
}

async function getSecret(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'secrets' });
  return ok(secretSummary(ownSecret(ctx, user.user_id)));
}

async function deleteSecret(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'secrets' });
  const row = ownSecret(ctx, user.user_id);
  delete ctx.sb.state.secrets[row.secret_id];
  return ok({ status: `Successfully deleted secret ${row.secret_id}`, secret_id: row.secret_id });
}

export function addSecretRoutes(r: Router): void {
  r.add('POST', '/secrets/', createSecret)
    .add('GET', '/secrets/', listSecrets)
    .add('GET', '/secrets/{secret_id}', getSecret)
    .add('DELETE', '/secrets/{secret_id}', deleteSecret);
}
