// Everything the sandbox remembers. Plain JSON-able data so --state can persist it verbatim.

import { randomBytes } from 'node:crypto';

export interface UserRow {
  user_id: string;
  username: string;
  hotkey: string;
  coldkey: string;
  payment_address: string;
  fingerprint_hash: string;
  /** A developer deposit paid before it was abolished (§3.9), and how refunding it goes on chain. */
  legacy_deposit?: { tao: number; outcome: 'transferred' | 'chain-failure' };
  /** Under the `jwt_fingerprint_cache` fault: the hash before the last refinger, which tokens are still checked against. */
  cached_fingerprint_hash?: string;
  created_at: number;
  logo_id: string | null;
  permissions_bitmask: number;
  balance: number;
  netuids: number[] | null;
  validator_hotkey: string | null;
  subnet_owner_hotkey: string | null;
}

export interface ScopeRow {
  scope_id: string;
  object_type: string;
  object_id: string | null;
  action: string | null;
}

export interface ApiKeyRow {
  api_key_id: string;
  user_id: string;
  admin: boolean;
  name: string;
  created_at: number;
  key_hash: string;
  scopes: ScopeRow[];
}

export interface SecretRow {
  secret_id: string;
  user_id: string;
  purpose: string;
  key: string;
  value: string;
  created_at: number;
}

export interface ChuteRow {
  chute_id: string;
  user_id: string;
  name: string;
  created_at: number;
}

export interface ImageRow {
  image_id: string;
  user_id: string;
  name: string;
  tag: string;
  created_at: number;
}

export interface UsageRow {
  user_id: string;
  bucket: number;
  chute_id: string | null;
  amount: number;
  count: number;
  input_tokens: number;
  output_tokens: number;
}

export interface QuotaRow {
  user_id: string;
  chute_id: string;
  quota: number;
  is_default: boolean;
  updated_at: number;
}

export interface Counter {
  count: number;
  last: number;
}

export interface LinkConfig {
  enabled: boolean;
  validators: string[];
  subnet_owners: string[];
}

export interface State {
  version: 1;
  keys: { jwt: string; inner: string; outer: string };
  users: Record<string, UserRow>;
  apiKeys: Record<string, ApiKeyRow>;
  secrets: Record<string, SecretRow>;
  chutes: Record<string, ChuteRow>;
  images: Record<string, ImageRow>;
  usage: UsageRow[];
  quotas: QuotaRow[];
  /** `GET /users/me/subscription_usage` answers per user, verbatim (either server shape, `../shared/reference/chutes-account-api.md` §3.2); absent = no subscription. */
  subscriptions: Record<string, Record<string, unknown>>;
  discounts: { user_id: string; chute_id: string; discount: number }[];
  /** Whether `/idp/cli_login` (browser login, §3.5) answers; off = a server without it (404). */
  idp: boolean;
  /** Free TAO per coldkey; unknown coldkeys have DEFAULT_COLDKEY_TAO. */
  coldkeys: Record<string, number>;
  /** Login nonce → expiry (ms). */
  loginNonces: Record<string, number>;
  registrationTokens: Record<string, { ip: string; expires: number }>;
  tokenPageHits: Record<string, Counter>;
  registrations: Record<string, Counter>;
  link: LinkConfig;
}

export const DEFAULT_COLDKEY_TAO = 1.0;
export const DAY_MS = 24 * 3600 * 1000;

// Off, as on today's server (reference §4: the link routes were removed in July 2025); a test that
// wants the historical routes turns them on (`setLink({ enabled: true, … })`).
export const defaultLink = (): LinkConfig => ({ enabled: false, validators: [], subnet_owners: [] });

export function emptyState(): State {
  return {
    version: 1,
    keys: {
      jwt: randomBytes(32).toString('hex'),
      inner: randomBytes(32).toString('hex'),
      outer: randomBytes(32).toString('hex'),
    },
    users: {},
    apiKeys: {},
    secrets: {},
    chutes: {},
    images: {},
    usage: [],
    quotas: [],
    subscriptions: {},
    discounts: [],
    idp: false,
    coldkeys: {},
    loginNonces: {},
    registrationTokens: {},
    tokenPageHits: {},
    registrations: {},
    link: defaultLink(),
  };
}

export const findUserByHotkey = (s: State, hotkey: string): UserRow | undefined =>
  Object.values(s.users).find((u) => u.hotkey === hotkey);
export const findUserByFingerprintHash = (s: State, hash: string): UserRow | undefined =>
  Object.values(s.users).find((u) => u.fingerprint_hash === hash);
export const findUserByIdOrName = (s: State, idOrName: string): UserRow | undefined =>
  s.users[idOrName] ?? Object.values(s.users).find((u) => u.username === idOrName);

/** Counts inside a 24 h window that is re-armed on every hit (Redis INCR + EXPIRE). */
export function currentCount(counters: Record<string, Counter>, key: string, now: number): number {
  const c = counters[key];
  return c && now - c.last < DAY_MS ? c.count : 0;
}

export function bumpCounter(counters: Record<string, Counter>, key: string, now: number): number {
  const count = currentCount(counters, key, now) + 1;
  counters[key] = { count, last: now };
  return count;
}

/** Removes a user and everything hanging off it (the server's cascades). */
export function deleteUserCascade(s: State, userId: string): void {
  delete s.users[userId];
  for (const [id, k] of Object.entries(s.apiKeys)) if (k.user_id === userId) delete s.apiKeys[id];
  s.usage = s.usage.filter((u) => u.user_id !== userId);
  s.quotas = s.quotas.filter((q) => q.user_id !== userId);
  s.discounts = s.discounts.filter((d) => d.user_id !== userId);
  delete s.subscriptions[userId];
}
