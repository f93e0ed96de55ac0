// The sandbox-only control surface, shared by the /_sandbox/* HTTP routes and the in-process handle.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Faults, HoldRule, Sandbox, TargetedFault } from './context';
import { noFaults } from './context';
import { HttpError } from './fastapi-errors';
import { addChute, addImage } from './demo-seed';
import { issueRegistrationToken, TOKEN_TTL_MS } from './routes-register';
import type { LoggedRequest } from './request-log';
import { emptyState, findUserByIdOrName } from './state';
import type { LinkConfig, ScopeRow, UserRow } from './state';

export const schemas = {
  coldkey: z.object({ coldkey: z.string().min(1), free_tao: z.number().finite().nonnegative() }),
  chute: z.object({ user_id: z.string(), name: z.string().min(1) }),
  removeChute: z.object({ chute_id: z.string().min(1) }),
  image: z.object({ user_id: z.string(), name: z.string().min(1), tag: z.string().min(1) }),
  balance: z.object({ user_id: z.string(), balance: z.number().finite() }),
  legacyDeposit: z.object({
    user_id: z.string(),
    tao: z.number().positive().finite().default(0.5),
    outcome: z.enum(['transferred', 'chain-failure']).default('transferred'),
  }),
  usage: z.object({
    user_id: z.string(),
    items: z.array(
      z.object({
        bucket: z.string(),
        amount: z.number().finite(),
        count: z.number().int().nonnegative(),
        input_tokens: z.number().int().nonnegative().default(0),
        output_tokens: z.number().int().nonnegative().default(0),
        chute_id: z.string().nullable().optional(),
      }),
    ),
  }),
  link: z.object({
    enabled: z.boolean().optional(),
    validators: z.array(z.string()).optional(),
    subnet_owners: z.array(z.string()).optional(),
  }),
  faults: z.object({
    latency_ms: z.number().int().min(0).max(60_000).optional(),
    fail_rate: z.number().min(0).max(1).optional(),
    fail_status: z.number().int().min(400).max(599).optional(),
    clock_offset_s: z.number().finite().optional(),
    drop_rate: z.number().min(0).max(1).optional(),
    fail_nth: z
      .object({
        method: z
          .string()
          .min(1)
          .transform((m) => m.toUpperCase()),
        path: z.string().startsWith('/'),
        n: z.number().int().min(1),
      })
      .transform((f) => ({ ...f, seen: 0 }))
      .nullable()
      .optional(),
    unordered_lists: z.boolean().optional(),
    ignore_list_page: z.boolean().optional(),
    jwt_fingerprint_cache: z.boolean().optional(),
    stale_balance: z.boolean().optional(),
  }),
  hold: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    query: z.record(z.string(), z.string()).optional(),
  }),
  release: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    path: z.string().startsWith('/').optional(),
  }),
  token: z.object({ ip: z.string().optional() }),
  faultOnce: z
    .object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      path: z.string().startsWith('/'),
      status: z.number().int().min(400).max(599).optional(),
      drop_after: z.boolean().optional(),
      garble_after: z.boolean().optional(),
      times: z.number().int().min(1).max(1000).optional(),
    })
    .refine(
      (v) => [v.status, v.drop_after, v.garble_after].filter((x) => x !== undefined).length === 1,
      'give exactly one of status, drop_after or garble_after',
    ),
  apiKeys: z.object({
    user_id: z.string(),
    count: z.number().int().min(1).max(100_000),
    name_prefix: z.string().min(1).max(12).default('seeded'),
    /** The newest key's creation time (ms since the epoch); the sandbox's clock when left out. */
    newest_at: z.number().int().min(0).optional(),
  }),
  quotas: z.object({
    user_id: z.string(),
    rows: z.array(
      z.object({
        chute_id: z.string().min(1),
        quota: z.number().int().nonnegative(),
        is_default: z.boolean().optional(),
      }),
    ),
  }),
  roles: z.object({
    user_id: z.string(),
    permissions_bitmask: z
      .number()
      .int()
      .min(0)
      .max(2 ** 15 - 1),
  }),
  subscription: z.object({ user_id: z.string(), usage: z.looseObject({ subscription: z.boolean() }).nullable() }),
  idp: z.object({ enabled: z.boolean() }),
  discounts: z.object({
    user_id: z.string(),
    items: z.array(z.object({ chute_id: z.string().min(1), discount: z.number().min(0).max(1) })),
  }),
};

export type UsageInput = z.input<typeof schemas.usage>['items'][number];

export function parseControl<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new HttpError(422, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
}

export interface UserSummary {
  user_id: string;
  username: string;
  hotkey: string;
  coldkey: string;
  balance: number;
  permissions_bitmask: number;
}

export class SandboxControl {
  constructor(protected readonly sb: Sandbox) {}

  private user(idOrName: string): UserRow {
    const user = findUserByIdOrName(this.sb.state, idOrName);
    if (!user) throw new HttpError(404, `No sandbox user ${idOrName}`);
    return user;
  }

  /** Empty state, cleared counters, no faults, linking back to its default, empty request log. */
  reset(): void {
    this.release();
    this.sb.state = emptyState();
    this.sb.faults = noFaults();
    this.sb.targeted = [];
    this.sb.balanceView = null;
    this.sb.log.clear();
  }

  setColdkey(coldkey: string, freeTao: number): { coldkey: string; free_tao: number } {
    const v = parseControl(schemas.coldkey, { coldkey, free_tao: freeTao });
    this.sb.state.coldkeys[v.coldkey] = v.free_tao;
    return v;
  }

  addChute(userId: string, name: string): { chute_id: string; name: string; user_id: string } {
    const user = this.user(userId);
    return { chute_id: addChute(this.sb.state, user.user_id, name, this.sb.now()), name, user_id: user.user_id };
  }

  addImage(
    userId: string,
    name: string,
    tag: string,
  ): { image_id: string; name: string; tag: string; user_id: string } {
    const user = this.user(userId);
    return {
      image_id: addImage(this.sb.state, user.user_id, name, tag, this.sb.now()),
      name,
      tag,
      user_id: user.user_id,
    };
  }

  setBalance(userId: string, balance: number): { user_id: string; balance: number } {
    const user = this.user(userId);
    user.balance = parseControl(schemas.balance, { user_id: userId, balance }).balance;
    return { user_id: user.user_id, balance: user.balance };
  }

  /** A developer deposit paid before 2025-10-02 (§3.9), and whether its refund succeeds on chain. */
  seedLegacyDeposit(input: z.input<typeof schemas.legacyDeposit>): { user_id: string; tao: number; outcome: string } {
    const v = parseControl(schemas.legacyDeposit, input);
    const user = this.user(v.user_id);
    user.legacy_deposit = { tao: v.tao, outcome: v.outcome };
    return { user_id: user.user_id, tao: v.tao, outcome: v.outcome };
  }

  addUsage(userId: string, items: UsageInput[]): { user_id: string; added: number } {
    const user = this.user(userId);
    const parsed = parseControl(schemas.usage, { user_id: userId, items }).items;
    const rows = parsed.map((item, i) => {
      const t = Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(item.bucket) ? item.bucket : `${item.bucket}Z`);
      if (Number.isNaN(t)) throw new HttpError(422, `items.${i}.bucket: not an ISO datetime`);
      return {
        user_id: user.user_id,
        bucket: Math.floor(t / 3_600_000) * 3_600_000,
        chute_id: item.chute_id ?? null,
        amount: item.amount,
        count: item.count,
        input_tokens: item.input_tokens,
        output_tokens: item.output_tokens,
      };
    });
    this.sb.state.usage.push(...rows);
    return { user_id: user.user_id, added: rows.length };
  }

  /** Replaces the user's quota rows; none = the server's default object `{"*": 200}` (`../shared/reference/chutes-account-api.md` §3.2). */
  setQuotas(userId: string, rows: z.input<typeof schemas.quotas>['rows']): { user_id: string; rows: number } {
    const user = this.user(userId);
    const v = parseControl(schemas.quotas, { user_id: userId, rows });
    const now = this.sb.now();
    this.sb.state.quotas = this.sb.state.quotas.filter((q) => q.user_id !== user.user_id);
    this.sb.state.quotas.push(
      ...v.rows.map((r) => ({
        user_id: user.user_id,
        chute_id: r.chute_id,
        quota: r.quota,
        is_default: r.is_default ?? r.chute_id === '*',
        updated_at: now,
      })),
    );
    return { user_id: user.user_id, rows: v.rows.length };
  }

  /** Role bits (§3.1): free_account / invoice_billing make quotas `{}`. */
  setRoles(userId: string, bitmask: number): { user_id: string; permissions_bitmask: number } {
    const user = this.user(userId);
    user.permissions_bitmask = parseControl(schemas.roles, {
      user_id: userId,
      permissions_bitmask: bitmask,
    }).permissions_bitmask;
    return { user_id: user.user_id, permissions_bitmask: user.permissions_bitmask };
  }

  /** The `subscription_usage` answer for the user, verbatim; null = `{"subscription": false}`. */
  setSubscription(userId: string, usage: Record<string, unknown> | null): { user_id: string; subscription: boolean } {
    const user = this.user(userId);
    const v = parseControl(schemas.subscription, { user_id: userId, usage });
    if (v.usage === null) delete this.sb.state.subscriptions[user.user_id];
    else this.sb.state.subscriptions[user.user_id] = v.usage;
    return { user_id: user.user_id, subscription: v.usage?.subscription ?? false };
  }

  /** Turn the browser login (`/idp/cli_login`, §3.5) on or off (off by default, like older servers). */
  setIdp(enabled: boolean): { enabled: boolean } {
    this.sb.state.idp = parseControl(schemas.idp, { enabled }).enabled;
    return { enabled: this.sb.state.idp };
  }

  setDiscounts(
    userId: string,
    items: z.input<typeof schemas.discounts>['items'],
  ): { user_id: string; discounts: number } {
    const user = this.user(userId);
    const v = parseControl(schemas.discounts, { user_id: userId, items });
    this.sb.state.discounts = [
      ...this.sb.state.discounts.filter((d) => d.user_id !== user.user_id),
      ...v.items.map((d) => ({ user_id: user.user_id, ...d })),
    ];
    return { user_id: user.user_id, discounts: v.items.length };
  }

  setLink(config: Partial<LinkConfig>): LinkConfig {
    const v = parseControl(schemas.link, config);
    this.sb.state.link = { ...this.sb.state.link, ...v };
    return this.sb.state.link;
  }

  setFaults(faults: Partial<z.input<typeof schemas.faults>>): Faults {
    const v = parseControl(schemas.faults, faults);
    this.sb.faults = { ...this.sb.faults, ...v };
    // stale_balance on: the view is (re)computed now and stays as it is until set again or turned off.
    if (v.stale_balance === true)
      this.sb.balanceView = Object.fromEntries(Object.values(this.sb.state.users).map((u) => [u.user_id, u.balance]));
    else if (v.stale_balance === false) this.sb.balanceView = null;
    return this.sb.faults;
  }

  /**
   * Hold every request to exactly this method and path (before any work, after latency) until
   * `release`: a request the test knows is out, for as long as the test needs, without guessing a latency.
   */
  hold(input: z.input<typeof schemas.hold>): HoldRule {
    const v = parseControl(schemas.hold, input);
    const rule: HoldRule = { method: v.method, path: v.path, query: v.query ?? null };
    this.sb.holds.push(rule);
    return rule;
  }

  /** Requests waiting under a hold, oldest first. */
  held(): { method: string; path: string; query: string; since: string }[] {
    return this.sb.held.map(({ method, path, query, since }) => ({ method, path, query, since }));
  }

  /**
   * Lift the holds matching `method`/`path` (all when neither is given) and let the requests waiting
   * under them go on, in the order they came. Returns how many went on.
   */
  release(input: z.input<typeof schemas.release> = {}): { released: number } {
    const v = parseControl(schemas.release, input);
    const matches = (r: { method: string; path: string }) =>
      (v.method === undefined || r.method === v.method) && (v.path === undefined || r.path === v.path);
    this.sb.holds = this.sb.holds.filter((r) => !matches(r));
    const going = this.sb.held.filter(matches);
    this.sb.held = this.sb.held.filter((r) => !matches(r));
    for (const r of going) r.release();
    return { released: going.length };
  }

  /** Remove a chute (only the chute: its secrets stay, naming an id that no longer resolves). */
  removeChute(chuteId: string): { chute_id: string; removed: boolean } {
    const removed = this.sb.state.chutes[chuteId] !== undefined;
    delete this.sb.state.chutes[chuteId];
    return { chute_id: chuteId, removed };
  }

  /** Fail (or answer-then-hang-up) the next matching request(s) on one exact path. */
  faultOnce(input: z.input<typeof schemas.faultOnce>): TargetedFault {
    const v = parseControl(schemas.faultOnce, input);
    const fault: TargetedFault = {
      method: v.method,
      path: v.path,
      status: v.status ?? null,
      drop_after: v.drop_after ?? false,
      garble_after: v.garble_after ?? false,
      times: v.times ?? 1,
    };
    this.sb.targeted.push(fault);
    return fault;
  }

  /**
   * N API keys for one user without N hashed creates: rows as `POST /api_keys/` would store them,
   * but with a hash no secret matches (these keys cannot authenticate). Every 7th is admin; the rest
   * alternate chutes-wide, one-image and invocations scopes. Created times step back a minute each.
   */
  seedApiKeys(input: z.input<typeof schemas.apiKeys>): { user_id: string; created: number } {
    const v = parseControl(schemas.apiKeys, input);
    const user = this.user(v.user_id);
    const now = v.newest_at ?? this.sb.now();
    const width = String(v.count).length;
    for (let i = 0; i < v.count; i++) {
      const api_key_id = randomUUID();
      const admin = i % 7 === 0;
      const kind = i % 3;
      const scopes: ScopeRow[] = admin
        ? []
        : [
            {
              scope_id: randomUUID(),
              object_type: kind === 0 ? 'chutes' : kind === 1 ? 'images' : 'invocations',
              object_id: kind === 1 ? randomUUID() : null,
              action: null,
            },
          ];
      this.sb.state.apiKeys[api_key_id] = {
        api_key_id,
        user_id: user.user_id,
        admin,
        name: `${v.name_prefix}-${String(i).padStart(width, '0')}`,
        created_at: now - i * 60_000,
        key_hash: 'seeded$$',
        scopes,
      };
    }
    return { user_id: user.user_id, created: v.count };
  }

  /** A registration token without the HTML round trip (tokens are not bound to an IP, §2.3). */
  issueToken(ip = '127.0.0.1'): { token: string; expires_in: number } {
    return { token: issueRegistrationToken({ sb: this.sb }, ip), expires_in: TOKEN_TTL_MS / 1000 };
  }

  requests(limit = 100): LoggedRequest[] {
    return this.sb.log.last(limit);
  }

  users(): UserSummary[] {
    return Object.values(this.sb.state.users).map((u) => ({
      user_id: u.user_id,
      username: u.username,
      hotkey: u.hotkey,
      coldkey: u.coldkey,
      balance: u.balance,
      permissions_bitmask: u.permissions_bitmask,
    }));
  }
}
