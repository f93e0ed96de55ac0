import type { CreateKeyRequest, ScopeTargets } from '../../../../shared/api-keys';
import { fromRequest, groupScopes, type ScopeGroup } from './scope-text';

/**
 * What a key being created will be able to do, in words, so nobody has to read the JSON to learn
 * that "any action" includes delete. From the reference (§1.4, §5, §8): an admin key acts as the
 * user on every endpoint but the three that take the fingerprint. A scoped key is checked against
 * the last segment of each REST path (`""` for `/chutes/`, the id for `/chutes/{id}`), which no
 * scope names: on the API it can do nothing at all; only invoking chutes takes its scopes. And any
 * chutes scope that invokes (action invoke or any), whichever chute it names, also passes the
 * llm./embed./image. hosts: the server checks them as chutes `__megallm__`/`__megaembed__`/
 * `__megadiffuser__` and lets every invoking chutes scope through without comparing the id
 * (chutes-api api/main.py host routing, api/api_key/schemas.py has_access).
 */
export interface KeyPowers {
  /** One line per thing the key can do. */
  can: string[];
  /** What its scopes grant that Chutes never lets a scoped key use, one phrase each (empty: none). */
  unusable: string[];
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
  storage: ['storage object', 'storage objects'],
};

function objects(g: ScopeGroup, targets: ScopeTargets | undefined): string {
  const [one, many] = NOUN[g.type] ?? [g.type, g.type];
  if (g.all) return `every ${one}${g.type === 'invocations' ? ' record' : ''}`;
  const known = g.type === 'chutes' ? targets?.chutes : g.type === 'images' ? targets?.images : undefined;
  const names = g.ids.map((id) => known?.find((t) => t.id === id)?.name ?? id);
  return names.length === 1 ? `the ${one} ${names[0] ?? ''}` : `${names.length} chosen ${many} (${names.join(', ')})`;
}

/** What every key with an invoking chutes scope can also call, whichever chute the scope names. */
export const PUBLIC_MODELS =
  'every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account';

/** A chutes scope for every chute matches any chute invoked, not only the account's own. */
const invoked = (g: ScopeGroup, targets: ScopeTargets | undefined) =>
  g.all
    ? 'Invoke any chute on Chutes — public ones included, not only yours — billed to this account'
    : `Invoke ${objects(g, targets)}`;

export function keyPowers(request: CreateKeyRequest, targets?: ScopeTargets): KeyPowers {
  if (request.admin)
    return {
      can: [
        'Everything this account can do through the API: use and delete its chutes and images, manage its API keys and secrets, and transfer its balance',
      ],
      unusable: [],
      cannot:
        'It cannot delete the account or change its fingerprint or hotkey: those need the fingerprint. Anyone holding it acts as you: prefer a scoped key unless a program truly needs all of this.',
    };
  const can: string[] = [];
  const unusable: string[] = [];
  for (const g of groupScopes(request.scopes.map(fromRequest))) {
    const invokes = g.type === 'chutes' && (g.action === null || g.action === 'invoke');
    if (invokes) can.push(invoked(g, targets));
    if (g.action === null)
      unusable.push(
        invokes ? `read, create and change, delete ${objects(g, targets)}` : `do anything with ${objects(g, targets)}`,
      );
    else if (!invokes) unusable.push(`${ACTION[g.action] ?? g.action} ${objects(g, targets)}`);
  }
  if (can.length > 0) can.push(`Also invoke ${PUBLIC_MODELS}, even when its scopes name one chute`);
  return {
    can:
      can.length > 0
        ? can
        : [
            request.scopes.length === 0
              ? 'Nothing: it has no scopes'
              : 'Nothing: none of its scopes lets it invoke a chute',
          ],
    unusable,
    cannot:
      'It cannot read or change anything through Chutes’ API — chutes, images, API keys, secrets, the account or its balance: that takes an admin key.',
  };
}
