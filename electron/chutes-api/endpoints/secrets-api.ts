import type { ChuteRef } from '../../../shared/secrets';
import type { Transport } from '../transport';
import { listOwnChutes } from './owned-objects';
import { createSecret, deleteSecret, listSecretsPage } from './secrets';

/** The secrets endpoints (and the chutes they belong to) bound to one account. */
export interface SecretsApi {
  listPage(page: number, limit: number): ReturnType<typeof listSecretsPage>;
  create(input: Parameters<typeof createSecret>[2]): ReturnType<typeof createSecret>;
  delete(secretId: string): ReturnType<typeof deleteSecret>;
  chutes(): Promise<ChuteRef[]>;
}

export function bindSecrets(transport: Transport, hotkey: string): SecretsApi {
  return {
    listPage: (page, limit) => listSecretsPage(transport, hotkey, page, limit),
    create: (input) => createSecret(transport, hotkey, input),
    delete: (secretId) => deleteSecret(transport, hotkey, secretId),
    chutes: async () => (await listOwnChutes(transport, hotkey)).map((c) => ({ chuteId: c.id, name: c.name })),
  };
}
