import { z } from 'zod';
import type { Transport } from '../transport';

// Registration endpoints (`../shared/reference/chutes-account-api.md` §2.2, §2.4).

const nameCheckSchema = z.object({ valid: z.boolean(), available: z.boolean() });

const registrationSchema = z.object({
  username: z.string(),
  user_id: z.string(),
  created_at: z.string().nullish(),
  hotkey: z.string(),
  coldkey: z.string(),
  payment_address: z.string(),
  fingerprint: z.string().min(1),
});

export type RegistrationAnswer = z.infer<typeof registrationSchema>;

/** `GET /users/name_check?username=` — no auth, always 200 `{valid, available}`. */
export function nameCheck(transport: Transport, username: string): Promise<{ valid: boolean; available: boolean }> {
  return transport.request({
    method: 'GET',
    path: '/users/name_check',
    query: { username },
    auth: { kind: 'none' },
    schema: nameCheckSchema,
    retries: 0,
  });
}

/** The body exactly as `register` sends it: the transport serialises this object once, with JSON.stringify. */
export function registrationBody(username: string, coldkey: string): { username: string; coldkey: string } {
  return { username, coldkey };
}

export interface RegisterInput {
  username: string;
  coldkey: string;
  hotkey: string;
  token: string;
}

/**
 * `POST /users/register?token=` signed by the hotkey (v1, body hash). A POST is never retried by
 * the transport, so a lost answer surfaces as a network failure and the caller decides.
 */
export function register(transport: Transport, input: RegisterInput): Promise<RegistrationAnswer> {
  return transport.request({
    method: 'POST',
    path: '/users/register',
    query: { token: input.token },
    body: registrationBody(input.username, input.coldkey),
    auth: { kind: 'hotkey', hotkey: input.hotkey },
    schema: registrationSchema,
  });
}
