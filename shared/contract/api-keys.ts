import { z } from 'zod';
import {
  createKeyCall,
  DELETE_BATCH_MAX,
  keyId,
  type ApiKeyPage,
  type ApiKeyView,
  type CreatedApiKey,
  type DeleteResult,
  type ScopeTargets,
} from '../api-keys';
import { empty, returns, reviewedFor, slice } from './define';

/**
 * API keys of the active profile's account (`../shared/reference/chutes-account-api.md` §5).
 * The list is read page by page so the screen shows the first page while the rest arrive.
 */
export const apiKeysContract = slice({
  listApiKeys: {
    input: z.object({ page: z.number().int().min(0).max(100_000), limit: z.number().int().min(1).max(1000) }).strict(),
    result: returns<ApiKeyPage>(),
  },
  getApiKey: { input: z.object({ id: keyId }).strict(), result: returns<ApiKeyView>() },
  /** The answer carries the secret once; nothing keeps it. Never re-sent blindly after a lost answer. */
  createApiKey: { input: createKeyCall, result: returns<CreatedApiKey>() },
  deleteApiKey: { input: z.object({ id: keyId, reviewedFor }).strict(), result: returns<DeleteResult>() },
  /** Bulk revoke: every id gets a result; a failure on one never stops the others. Bigger selections go in batches. */
  deleteApiKeys: {
    input: z.object({ ids: z.array(keyId).min(1).max(DELETE_BATCH_MAX), reviewedFor }).strict(),
    result: returns<{ results: DeleteResult[] }>(),
  },
  /** The account's chutes and images, for choosing scope objects by name. */
  listScopeTargets: { input: empty, result: returns<ScopeTargets>() },
});
