// Response bodies in the server's field order and formats (naive UTC datetimes, as pydantic prints them).

import type { Sandbox } from './context';
import { MirroredCrash } from './fastapi-errors';
import type { ApiKeyRow, SecretRow, State, UserRow } from './state';

/** `datetime.isoformat()` of a naive UTC datetime: microseconds only when non-zero. */
export function isoNaive(ms: number): string {
  const iso = new Date(ms).toISOString();
  const base = iso.slice(0, 19);
  const millis = ms % 1000;
  return millis === 0 ? base : `${base}.${String(millis).padStart(3, '0')}000`;
}

// Role bit → description (bits 4, 5 and 11 quoted in the reference; the others paraphrase the role name).
const ROLE_DESCRIPTIONS: Record<number, string> = {
  0: 'Developer -- create and deploy images and chutes.',
  1: 'Create users.',
  2: 'Update users.',
  3: 'Delete users.',
  4: 'Free invocation -- run anything, for free.',
  5: 'No rate limits.',
  6: 'Billing admin.',
  7: 'Unlimited development -- no image/chute change limits.',
  8: 'Invoice billing.',
  9: 'Stake weighted quota.',
  10: 'Subnet admin.',
  11: 'Allow deploying models publicly',
  12: 'Subnet invoke.',
  13: 'Subnet admin role assignment.',
  14: 'Chutes support.',
};

export const ROLE_DEVELOPER = 1 << 0;
export const ROLE_FREE_ACCOUNT = 1 << 4;
export const ROLE_INVOICE_BILLING = 1 << 8;

export function permissionsOf(bitmask: number): string[] {
  return Object.entries(ROLE_DESCRIPTIONS)
    .filter(([bit]) => (bitmask & (1 << Number(bit))) !== 0)
    .map(([, text]) => text);
}

const logoUrl = (logoId: string | null): string | null =>
  logoId ? `https://logos.chutes.ai/logos/${logoId}.webp` : null;

/** The balance `/users/me` reports: the stored one, or the stale view's under the `stale_balance` fault. */
export function shownBalance(sb: Pick<Sandbox, 'balanceView'>, u: UserRow): number {
  return sb.balanceView?.[u.user_id] ?? u.balance;
}

export function selfResponse(u: UserRow, balance: number = u.balance): Record<string, unknown> {
  return {
    username: u.username,
    user_id: u.user_id,
    logo_id: u.logo_id,
    logo: logoUrl(u.logo_id),
    created_at: isoNaive(u.created_at),
    hotkey: u.hotkey,
    coldkey: u.coldkey,
    payment_address: u.payment_address,
    permissions_bitmask: u.permissions_bitmask,
    permissions: permissionsOf(u.permissions_bitmask),
    balance,
    netuids: u.netuids,
    quotas: null,
  };
}

export function apiKeyView(k: ApiKeyRow): Record<string, unknown> {
  return {
    api_key_id: k.api_key_id,
    user_id: k.user_id,
    admin: k.admin,
    name: k.name,
    created_at: isoNaive(k.created_at),
    last_used_at: null,
    // The response model calls the field `method` while the column is `action`: never echoed.
    scopes: k.scopes.map((s) => ({
      scope_id: s.scope_id,
      object_type: s.object_type,
      object_id: s.object_id,
      method: null,
    })),
  };
}

export const secretSummary = (s: SecretRow): Record<string, unknown> => ({
  secret_id: s.secret_id,
  key: s.key,
  purpose: s.purpose,
  created_at: isoNaive(s.created_at),
});

/** Rows in insertion order, or shuffled per request under the `unordered_lists` fault. */
export function inListOrder<T>(ctx: { sb: { faults: { unordered_lists: boolean } } }, rows: T[]): T[] {
  if (!ctx.sb.faults.unordered_lists) return rows;
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function paginate<T>(
  ctx: { sb: { faults: { ignore_list_page: boolean } } },
  all: T[],
  page: number,
  limit: number,
  echoLimit = limit,
): Record<string, unknown> {
  // Negative offsets/limits make Postgres fail: the real server answers 500.
  if (page < 0 || limit < 0) throw new MirroredCrash('negative OFFSET/LIMIT');
  const from = ctx.sb.faults.ignore_list_page ? 0 : page * limit;
  return {
    total: all.length,
    page,
    limit: echoLimit,
    items: all.slice(from, from + limit),
    cord_refs: null,
  };
}

export const userChutes = (s: State, userId: string) => Object.values(s.chutes).filter((c) => c.user_id === userId);
export const userImages = (s: State, userId: string) => Object.values(s.images).filter((i) => i.user_id === userId);
export const userSecrets = (s: State, userId: string) => Object.values(s.secrets).filter((x) => x.user_id === userId);
