import type { Transport } from '../transport';
import { createSecret, deleteSecret, listOwnChutes, listSecretsPage } from './secrets';

/** The secrets endpoints (and the chutes they belong to) bound to one account. */
export interface SecretsApi {
  listPage(page: number, limit: number): ReturnType<typeof listSecretsPage>;
  create(input: Parameters<typeof createSecret>[2]): ReturnType<typeof createSecret>;
  delete(secretId: string): ReturnType<typeof deleteSecret>;
  chutes(): ReturnType<typeof listOwnChutes>;
}

export function bindSecrets(transport: Transport, hotkey: string): SecretsApi {
  return {
    listPage: (page, limit) => listSecretsPage(transport, hotkey, page, limit),
    create: (input) => createSecret(transport, hotkey, input),
    delete: (secretId) => deleteSecret(transport, hotkey, secretId),
    chutes: () => listOwnChutes(transport, hotkey),
  };
}
