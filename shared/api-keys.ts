import { shellQuote } from './shell-quote';
import { z } from 'zod';
import { reviewedFor } from './contract/define';
import type { DeleteOutcome } from './delete-outcome';

/**
 * API keys (`../shared/reference/chutes-account-api.md` §1.4, §5): the request schema the create
 * form, its JSON tab and main all validate with, and the domain types the screen shows.
 */

// `storage` only on the newest server (§5.1); an older one refuses it with a 400 said on the scopes field.
export const SCOPE_OBJECT_TYPES = ['chutes', 'images', 'invocations', 'storage'] as const;
export const SCOPE_ACTIONS = ['read', 'write', 'delete', 'invoke'] as const;
export type ScopeObjectType = (typeof SCOPE_OBJECT_TYPES)[number];
export type ScopeAction = (typeof SCOPE_ACTIONS)[number];

/** An object type as the server reports it, checked: a type this app cannot ask for is not passed off as one. */
export const isScopeObjectType = (type: string): type is ScopeObjectType =>
  (SCOPE_OBJECT_TYPES as readonly string[]).includes(type);

/** At most this many ids go in one `deleteApiKeys` call; a bigger selection goes in several (a list holds up to 100,000). */
export const DELETE_BATCH_MAX = 10_000;

export const KEY_NAME_MAX = 24;
// The server's own rule (§5.1): 1–24 of letters/digits/underscore, U+0080–U+FFFF, `$`, `.`, whitespace, `-`.
const KEY_NAME_RE = /^[\p{L}\p{N}_\u0080-\uFFFF$.\s-]{1,24}$/u;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const keyName = z
  .string()
  .min(1, 'Give the key a name.')
  .max(KEY_NAME_MAX, `At most ${KEY_NAME_MAX} characters.`)
  .refine((s) => s.trim().length > 0, 'The name cannot be only spaces.')
  // The server takes any whitespace anywhere, but a name is typed back to delete its key and read in
  // lists, where a space at either end or two in a row cannot be seen: this app makes none.
  .refine((s) => s.trim() === s, 'The name cannot start or end with a space.')
  .refine((s) => !/\s{2}/.test(s), 'Use single spaces between words: two or more in a row look like one.')
  .refine((s) => !/[^\S ]/.test(s), 'Use plain spaces only: no tabs or line breaks.')
  .refine((s) => KEY_NAME_RE.test(s), 'Use letters, digits, spaces, and _ - . $ only.');

/** Whitespace in a name that a reader cannot see: at either end, in a run, or other than a plain space. */
const HIDDEN_SPACE = /^\s|\s$|\s{2}|[^\S ]/;

/**
 * A name from the server (made elsewhere: Chutes takes any whitespace) with each whitespace
 * character shown as "␣" when some of it could not be seen otherwise; null when it reads as it is.
 */
export function spacesShown(name: string): string | null {
  return HIDDEN_SPACE.test(name) ? name.replace(/\s/g, '␣') : null;
}

/** Whether `typed` is the key's name, spaces at either end ignored and runs of them taken as one. */
export function typedKeyName(typed: string, name: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  return typed === name || (norm(typed) !== '' && norm(typed) === norm(name));
}

export const keyId = z.string().regex(UUID_RE, 'Not an API key id (a UUID).');

/**
 * One scope as sent: `object_id` null = every object of the type; `action` null = any action.
 * Either may be left out, as the server and the CLI's `--json-input` allow (§5.1): it then goes as
 * null, which the server reads the same way.
 */
export const scopeRequest = z
  .object({
    object_type: z.enum(SCOPE_OBJECT_TYPES, {
      message: `must be one of ${SCOPE_OBJECT_TYPES.join(', ')}.`,
    }),
    object_id: z
      .string()
      .regex(UUID_RE, 'must be the UUID of a chute or image (names do not match).')
      .nullable()
      .default(null),
    action: z
      .enum(SCOPE_ACTIONS, { message: `must be one of ${SCOPE_ACTIONS.join(', ')}, or null for any.` })
      .nullable()
      .default(null),
  })
  .strict();
export type ScopeRequest = z.infer<typeof scopeRequest>;

const keyRequestFields = {
  name: keyName,
  admin: z.boolean(),
  // Left out, as for an admin key the server defaults it to none.
  scopes: z.array(scopeRequest).max(100, 'At most 100 scopes.').default([]),
};

/** An admin key carries no scopes (the server ignores them); a scoped key needs at least one. */
const keyRequestRules = <T extends z.ZodType<{ admin: boolean; scopes: unknown[] }>>(schema: T) =>
  schema
    .refine((r) => !r.admin || r.scopes.length === 0, {
      message: 'An admin key ignores scopes; remove them or turn admin off.',
      path: ['scopes'],
    })
    .refine((r) => r.admin || r.scopes.length > 0, {
      message: 'A scoped key with no scopes can do nothing; add at least one.',
      path: ['scopes'],
    });

/** The body of `POST /api_keys/`, exactly as sent. */
export const createKeyRequest = keyRequestRules(z.object(keyRequestFields).strict());
/** The key a rotation's new key replaces: kept with this app's record of the new key, never sent. */
export const rotationOf = z.object({ id: keyId, name: z.string().min(1).max(200) }).strict();
export type RotationOf = z.infer<typeof rotationOf>;
/**
 * The `createApiKey` channel's input: the body, the profile it was reviewed for, and for a
 * rotation the key it replaces (neither is sent).
 */
export const createKeyCall = keyRequestRules(
  z.object({ ...keyRequestFields, reviewedFor, replaces: rotationOf.optional() }).strict(),
);
export type CreateKeyRequest = z.infer<typeof createKeyRequest>;

/** A scope as the server reports it: the action is never echoed (`method: null`, §5.1). */
export interface ReportedScope {
  scopeId: string;
  objectType: string;
  objectId: string | null;
}

/** What this app remembers about a key it created: the request minus nothing secret. Local, not from the server. */
export interface LocalKeyRecord {
  keyId: string;
  name: string;
  admin: boolean;
  requestedScopes: ScopeRequest[];
  /** When this app sent the create (ISO). */
  createdLocallyAt: string;
  /** Made by a rotation here: the key it replaces (which may be gone by now). */
  replaces: RotationOf | null;
}

export interface ApiKeyView {
  id: string;
  /** The owning account's user id, as the server reports it. */
  userId: string;
  name: string;
  admin: boolean;
  /** Server time, naive UTC as the server prints it. */
  createdAt: string;
  scopes: ReportedScope[];
  /** Only for keys this app created; otherwise null ("not reported by the server"). */
  local: LocalKeyRecord | null;
  /**
   * A key this app made to replace this one (a rotation begun here, the old key not deleted yet),
   * by this app's records: it outlives a reload, which the rotation's page state does not.
   */
  replacedBy: { id: string; name: string; createdLocallyAt: string } | null;
}

export interface ApiKeyPage {
  total: number;
  page: number;
  limit: number;
  items: ApiKeyView[];
}

export interface CreatedApiKey {
  key: ApiKeyView;
  /** The `cpk_…` secret: crosses IPC exactly once, in this answer. */
  secret: string;
}

export type { DeleteOutcome };
export interface DeleteResult {
  id: string;
  outcome: DeleteOutcome;
  /** For `failed`: what went wrong, said plainly. */
  message?: string;
}

export interface ScopeTarget {
  id: string;
  name: string;
}
export interface ScopeTargets {
  chutes: ScopeTarget[];
  images: ScopeTarget[];
}

/** The account's page size for background listing: big enough for few round trips, small enough for a fast first page. */
export const KEY_PAGE_SIZE = 200;

/** The CLI's equivalent command (§5.1), without its quirks: admin, or the exact scopes as `--json-input`. */
export function cliCommand(req: CreateKeyRequest): string {
  if (req.admin) return `chutes keys create --name ${shellQuote(req.name)} --admin`;
  return `chutes keys create --name ${shellQuote(req.name)} --json-input ${shellQuote(JSON.stringify({ scopes: req.scopes }))}`;
}

/** The JSON body exactly as main sends it (field order as the request schema). */
export function requestJson(req: CreateKeyRequest): string {
  return JSON.stringify({ name: req.name, admin: req.admin, scopes: req.admin ? [] : req.scopes }, null, 2);
}

/** A name for a rotated key: the old name with a suffix, within the 24-character limit. */
export function rotatedName(name: string, taken: ReadonlySet<string>): string {
  const stem = name.replace(/-r\d+$/, '');
  for (let n = 2; n < 1000; n++) {
    const suffix = `-r${n}`;
    const candidate = `${stem.slice(0, KEY_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
  return stem.slice(0, KEY_NAME_MAX);
}

/** The environment variable line shown with a new secret. */
export const ENV_VAR = 'CHUTES_API_KEY';
