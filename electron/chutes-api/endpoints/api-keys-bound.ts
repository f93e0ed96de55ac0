import type { CreateKeyRequest, ScopeTarget } from '../../../shared/api-keys';
import type { Transport } from '../transport';
import { createApiKey, deleteApiKey, getApiKey, listApiKeys, type KeyPage, type ServerKey } from './api-keys';
import { listOwnChutes, listOwnImages } from './owned-objects';

/** The API-key endpoints bound to one account (AccountApi.apiKeys). */
export interface ApiKeysApi {
  list(page: number, limit: number): Promise<KeyPage>;
  get(id: string): Promise<ServerKey>;
  create(req: CreateKeyRequest): Promise<{ key: ServerKey; secret: string }>;
  remove(id: string): Promise<void>;
  chutes(): Promise<ScopeTarget[]>;
  images(): Promise<ScopeTarget[]>;
}

export function bindApiKeys(transport: Transport, hotkey: string): ApiKeysApi {
  return {
    list: (page, limit) => listApiKeys(transport, hotkey, page, limit),
    get: (id) => getApiKey(transport, hotkey, id),
    create: (req) => createApiKey(transport, hotkey, req),
    remove: (id) => deleteApiKey(transport, hotkey, id),
    chutes: () => listOwnChutes(transport, hotkey),
    images: () => listOwnImages(transport, hotkey),
  };
}
