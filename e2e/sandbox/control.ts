// The sandbox-only control surface, shared by the /_sandbox/* HTTP routes and the in-process handle.

import { z } from 'zod';
import type { Faults, Sandbox } from './context';
import { noFaults } from './context';
import { HttpError } from './fastapi-errors';
import { addChute, addImage } from './demo-seed';
import { issueRegistrationToken, TOKEN_TTL_MS } from './routes-register';
import type { LoggedRequest } from './request-log';
import { emptyState, findUserByIdOrName } from './state';
import type { LinkConfig, UserRow } from './state';

export const schemas = {
  coldkey: z.object({ coldkey: z.string().min(1), free_tao: z.number().finite().nonnegative() }),
  chute: z.object({ user_id: z.string(), name: z.string().min(1) }),
  image: z.object({ user_id: z.string(), name: z.string().min(1), tag: z.string().min(1) }),
  balance: z.object({ user_id: z.string(), balance: z.number().finite() }),
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
  link: z.object({ enabled: z.boolean().optional(), validators: z.array(z.string()).optional(), subnet_owners: z.array(z.string()).optional() }),
  faults: z.object({
    latency_ms: z.number().int().min(0).max(60_000).optional(),
    fail_rate: z.number().min(0).max(1).optional(),
    fail_status: z.number().int().min(400).max(599).optional(),
    clock_offset_s: z.number().finite().optional(),
    drop_rate: z.number().min(0).max(1).optional(),
    drop_after_paths: z.array(z.string().startsWith('/')).max(20).optional(),
  }),
  token: z.object({ ip: z.string().optional() }),
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
    this.sb.state = emptyState();
    this.sb.faults = noFaults();
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

  addImage(userId: string, name: string, tag: string): { image_id: string; name: string; tag: string; user_id: string } {
    const user = this.user(userId);
    return { image_id: addImage(this.sb.state, user.user_id, name, tag, this.sb.now()), name, tag, user_id: user.user_id };
  }

  setBalance(userId: string, balance: number): { user_id: string; balance: number } {
    const user = this.user(userId);
    user.balance = parseControl(schemas.balance, { user_id: userId, balance }).balance;
    return { user_id: user.user_id, balance: user.balance };
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

  setLink(config: Partial<LinkConfig>): LinkConfig {
    const v = parseControl(schemas.link, config);
    this.sb.state.link = { ...this.sb.state.link, ...v };
    return this.sb.state.link;
  }

  setFaults(faults: Partial<Faults>): Faults {
    this.sb.faults = { ...this.sb.faults, ...parseControl(schemas.faults, faults) };
    return this.sb.faults;
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
