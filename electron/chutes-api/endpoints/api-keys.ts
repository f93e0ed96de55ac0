import { z } from 'zod';
import type { CreateKeyRequest, ReportedScope } from '../../../shared/api-keys';
import { unexpectedShapeFailure } from '../failure-map';
import type { Transport } from '../transport';

/**
 * `/api_keys` (`../shared/reference/chutes-account-api.md` §5). Every call uses the hotkey-login
 * JWT (accepted here with full account rights, §1.5): the seed is read once per session, not once
 * per request, so listing 50 pages or revoking 100 keys does not ask the keychain 100 times.
 */

const scopeSchema = z.object({
  scope_id: z.string(),
  object_type: z.string(),
  object_id: z.string().nullable(),
  // Always null on the real server (the response model names the field `method`).
  method: z.string().nullish(),
});
const keySchema = z.object({
  api_key_id: z.string(),
  user_id: z.string(),
  admin: z.boolean(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullish(),
  scopes: z.array(scopeSchema),
});
/** §1.4: `cpk_` + the key's id as hex + the owner's id as hex + 32 random characters; nothing else authenticates. */
const SECRET_KEY = /^cpk_([0-9a-f]{32})\.[0-9a-f]{32}\.[A-Za-z0-9]{32}$/;
const createdSchema = keySchema
  .extend({ secret_key: z.string().regex(SECRET_KEY) })
  // A secret naming another key would be shown as this one's, once, and lost.
  .refine((k) => SECRET_KEY.exec(k.secret_key)?.[1] === k.api_key_id.replace(/-/g, ''));
const pageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int().nullish(),
  items: z.array(keySchema),
});
const deletedSchema = z.object({ api_key_id: z.string(), deleted: z.boolean() });

export interface ServerKey {
  id: string;
  userId: string;
  name: string;
  admin: boolean;
  createdAt: string;
  scopes: ReportedScope[];
}

function toKey(k: z.infer<typeof keySchema>): ServerKey {
  return {
    id: k.api_key_id,
    userId: k.user_id,
    name: k.name,
    admin: k.admin,
    createdAt: k.created_at,
    scopes: k.scopes.map((s) => ({ scopeId: s.scope_id, objectType: s.object_type, objectId: s.object_id })),
  };
}

/** A session token; a v1 signature (purpose `api_keys`, or the body hash for a create) when tokens are refused. */
const jwt = (hotkey: string, v1: { purpose?: string } = { purpose: 'api_keys' }) =>
  ({ kind: 'jwt', hotkey, v1 }) as const;

export interface KeyPage {
  total: number;
  page: number;
  limit: number;
  items: ServerKey[];
}

/** `GET /api_keys/?page&limit` — offset paging from page 0; no ordering guarantee (§5.2). */
export async function listApiKeys(transport: Transport, hotkey: string, page: number, limit: number): Promise<KeyPage> {
  const res = await transport.request({
    method: 'GET',
    path: '/api_keys/',
    query: { page, limit },
    auth: jwt(hotkey),
    schema: pageSchema,
  });
  return { total: res.total, page: res.page, limit, items: res.items.map(toKey) };
}

/** `GET /api_keys/{id}` — by UUID only (§5.3). */
export async function getApiKey(transport: Transport, hotkey: string, id: string): Promise<ServerKey> {
  return toKey(
    await transport.request({
      method: 'GET',
      path: `/api_keys/${encodeURIComponent(id)}`,
      auth: jwt(hotkey),
      schema: keySchema,
    }),
  );
}

/** `POST /api_keys/` — the only answer that carries the secret (§5.1). Never retried by the transport. */
export async function createApiKey(
  transport: Transport,
  hotkey: string,
  req: CreateKeyRequest,
): Promise<{ key: ServerKey; secret: string }> {
  const body = { name: req.name, admin: req.admin, scopes: req.admin ? [] : req.scopes };
  const res = await transport.request({
    method: 'POST',
    path: '/api_keys/',
    body,
    auth: jwt(hotkey, {}),
    schema: createdSchema,
  });
  return { key: toKey(res), secret: res.secret_key };
}

/** `DELETE /api_keys/{id}` (§5.4). */
export async function deleteApiKey(transport: Transport, hotkey: string, id: string): Promise<void> {
  const path = `/api_keys/${encodeURIComponent(id)}`;
  const answer = await transport.request({ method: 'DELETE', path, auth: jwt(hotkey), schema: deletedSchema });
  // A 200 that does not say this key was deleted is not a deletion to report.
  if (answer.deleted !== true || answer.api_key_id !== id) throw unexpectedShapeFailure(transport.host, path, 200);
}
