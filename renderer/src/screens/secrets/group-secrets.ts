import type { ChuteRef, SecretItem } from '../../../../shared/secrets';

/** Chute names by id: a secret names its chute by id only (its `purpose`), and so do quotas and usage. */
export const chuteNames = (chutes: readonly ChuteRef[]): ReadonlyMap<string, string> =>
  new Map(chutes.map((c) => [c.chuteId, c.name]));

export interface SecretGroup {
  chuteId: string;
  /** null when the id names no chute of the account any more. */
  chuteName: string | null;
  secrets: SecretItem[];
}

/**
 * Secrets grouped by chute name (a secret's `purpose` is a chute id, `../shared/reference/chutes-account-api.md` §6.2), filtered by a search on
 * key or chute name/id. Groups are sorted by name, gone chutes last; keys sorted within a group.
 */
export function groupSecrets(
  secrets: readonly SecretItem[],
  chutes: readonly ChuteRef[],
  query: string,
): SecretGroup[] {
  const names = chuteNames(chutes);
  const needle = query.trim().toLowerCase();
  const groups = new Map<string, SecretGroup>();
  for (const secret of secrets) {
    const chuteName = names.get(secret.chuteId) ?? null;
    const hit =
      needle === '' ||
      secret.key.toLowerCase().includes(needle) ||
      (chuteName ?? '').toLowerCase().includes(needle) ||
      secret.chuteId.toLowerCase().includes(needle);
    if (!hit) continue;
    let group = groups.get(secret.chuteId);
    if (!group) {
      group = { chuteId: secret.chuteId, chuteName, secrets: [] };
      groups.set(secret.chuteId, group);
    }
    group.secrets.push(secret);
  }
  const out = [...groups.values()];
  for (const g of out) g.secrets.sort((a, b) => a.key.localeCompare(b.key));
  return out.sort((a, b) => {
    if (a.chuteName === null || b.chuteName === null)
      return a.chuteName === null ? (b.chuteName === null ? a.chuteId.localeCompare(b.chuteId) : 1) : -1;
    return a.chuteName.localeCompare(b.chuteName);
  });
}
