import { z } from 'zod';
import type { SecretItem, SecretsPage } from '../../../shared/secrets';
import { unexpectedShapeFailure } from '../failure-map';
import type { Transport } from '../transport';

/** Secrets endpoints, `../shared/reference/chutes-account-api.md` §6 (pages: §7 envelope). */

const secretSummary = z.object({ secret_id: z.string(), key: z.string(), purpose: z.string(), created_at: z.string() });
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number(), page: z.number(), limit: z.number(), items: z.array(item) });
// The create answer is the raw row, `value` included as the server's encrypted blob (§6.1): it is
// deliberately left out of this schema, so zod strips it before anything else sees the answer.
const createdRow = secretSummary;
const deletedSchema = z.object({ secret_id: z.string() });

const toItem = (s: z.infer<typeof secretSummary>): SecretItem => ({
  secretId: s.secret_id,
  key: s.key,
  chuteId: s.purpose,
  createdAt: s.created_at,
});

/** `GET /secrets/` (purpose `secrets`), one page, newest first. */
export async function listSecretsPage(
  transport: Transport,
  hotkey: string,
  page: number,
  limit: number,
): Promise<SecretsPage> {
  const answer = await transport.request({
    method: 'GET',
    path: '/secrets/',
    query: { page, limit },
    auth: { kind: 'jwt', hotkey, v1: { purpose: 'secrets' } },
    schema: pageOf(secretSummary),
  });
  return { items: answer.items.map(toItem), total: answer.total, page: answer.page, limit: answer.limit };
}

/** `POST /secrets/` signed over the body; `purpose` is the chute id (a name would be an ILIKE pattern). */
export async function createSecret(
  transport: Transport,
  hotkey: string,
  input: { chuteId: string; key: string; value: string },
): Promise<SecretItem> {
  const row = await transport.request({
    method: 'POST',
    path: '/secrets/',
    body: { purpose: input.chuteId, key: input.key, value: input.value },
    secretBody: true,
    auth: { kind: 'jwt', hotkey, v1: {} },
    schema: createdRow,
  });
  return toItem(row);
}

/** `DELETE /secrets/{id}` (purpose `secrets`). */
export async function deleteSecret(
  transport: Transport,
  hotkey: string,
  secretId: string,
): Promise<{ secretId: string }> {
  const path = `/secrets/${encodeURIComponent(secretId)}`;
  const answer = await transport.request({
    method: 'DELETE',
    path,
    auth: { kind: 'jwt', hotkey, v1: { purpose: 'secrets' } },
    schema: deletedSchema,
  });
  // A 200 naming another secret is not this one deleted.
  if (answer.secret_id !== secretId) throw unexpectedShapeFailure(transport.host, path, 200);
  return { secretId: answer.secret_id };
}
