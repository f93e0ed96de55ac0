import type { CreateKeyRequest, ScopeRequest, ScopeTargets } from '../../../../shared/api-keys';

/**
 * What a key being created will be able to do, in words, so nobody has to read the JSON to learn
 * that "any action" includes delete. From the reference (§5): an admin key does everything the
 * user can; a scoped key reaches only its object types, never the account endpoints (keys, secrets,
 * the balance).
 */
export interface KeyPowers {
  /** One line per thing the key can do. */
  can: string[];
  /** What it cannot do, said once; null for an admin key. */
  cannot: string | null;
}

const ACTION: Record<string, string> = {
  read: 'read',
  write: 'create and change',
  delete: 'delete',
  invoke: 'invoke',
};

const NOUN: Record<string, [one: string, many: string]> = {
  chutes: ['chute', 'chutes'],
  images: ['image', 'images'],
  invocations: ['invocation', 'invocations'],
};

function objects(type: string, ids: readonly (string | null)[], targets: ScopeTargets | undefined): string {
  const [one, many] = NOUN[type] ?? [type, type];
  if (ids.includes(null)) return `every ${one}${type === 'invocations' ? ' record' : ''}`;
  const known = type === 'chutes' ? targets?.chutes : type === 'images' ? targets?.images : undefined;
  const names = ids.map((id) => known?.find((t) => t.id === id)?.name ?? id ?? '');
  return names.length === 1 ? `the ${one} ${names[0] ?? ''}` : `${names.length} chosen ${many} (${names.join(', ')})`;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function keyPowers(request: CreateKeyRequest, targets?: ScopeTargets): KeyPowers {
  if (request.admin)
    return {
      can: [
        'Everything this account can do: use and delete its chutes and images, manage its API keys and secrets, and transfer its balance',
      ],
      cannot: null,
    };
  const scopes: readonly ScopeRequest[] = request.scopes;
  // One line per action and object type, its objects together.
  const groups = new Map<string, { action: string | null; type: string; ids: (string | null)[] }>();
  for (const s of scopes) {
    const key = `${s.action ?? '*'}|${s.object_type}`;
    const group = groups.get(key) ?? { action: s.action, type: s.object_type, ids: [] };
    group.ids.push(s.object_id);
    groups.set(key, group);
  }
  const can = [...groups.values()].map((g) => {
    const what = objects(g.type, g.ids, targets);
    return g.action === null
      ? `Do anything with ${what}: read, create and change, delete, invoke`
      : `${capitalized(ACTION[g.action] ?? g.action)} ${what}`;
  });
  return {
    can: can.length > 0 ? can : ['Nothing: it has no scopes'],
    cannot: 'It cannot manage API keys or secrets, see the account, or move its balance (only an admin key can).',
  };
}
