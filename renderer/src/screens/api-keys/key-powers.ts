import type { CreateKeyRequest, ScopeTargets } from '../../../../shared/api-keys';
import { fromRequest, groupScopes, type ScopeGroup } from './scope-text';

/**
 * What a key being created will be able to do, in words, so nobody has to read the JSON to learn
 * that "any action" includes delete. From the reference (§5, §8): an admin key acts as the user
 * on every endpoint but the three that take the fingerprint; a scoped key reaches only its object
 * types, never the account endpoints (keys, secrets, the balance).
 */
export interface KeyPowers {
  /** One line per thing the key can do. */
  can: string[];
  /** What it cannot do, said once. */
  cannot: string;
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

function objects(g: ScopeGroup, targets: ScopeTargets | undefined): string {
  const [one, many] = NOUN[g.type] ?? [g.type, g.type];
  if (g.all) return `every ${one}${g.type === 'invocations' ? ' record' : ''}`;
  const known = g.type === 'chutes' ? targets?.chutes : g.type === 'images' ? targets?.images : undefined;
  const names = g.ids.map((id) => known?.find((t) => t.id === id)?.name ?? id);
  return names.length === 1 ? `the ${one} ${names[0] ?? ''}` : `${names.length} chosen ${many} (${names.join(', ')})`;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function keyPowers(request: CreateKeyRequest, targets?: ScopeTargets): KeyPowers {
  if (request.admin)
    return {
      can: [
        'Everything this account can do through the API: use and delete its chutes and images, manage its API keys and secrets, and transfer its balance',
      ],
      cannot:
        'It cannot delete the account or change its fingerprint or hotkey: those need the fingerprint. Anyone holding it acts as you: prefer a scoped key unless a program truly needs all of this.',
    };
  const can = groupScopes(request.scopes.map(fromRequest)).map((g) => {
    const what = objects(g, targets);
    return g.action === null
      ? `Do anything with ${what}: read, create and change, delete, invoke`
      : `${capitalized(ACTION[g.action] ?? g.action)} ${what}`;
  });
  return {
    can: can.length > 0 ? can : ['Nothing: it has no scopes'],
    cannot: 'It cannot manage API keys or secrets, see the account, or move its balance (only an admin key can).',
  };
}
