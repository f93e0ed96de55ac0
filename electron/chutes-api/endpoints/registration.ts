import { z } from 'zod';
import type { Transport } from '../transport';
import { REFUND_TIMEOUT_MS } from './account';

// Registration endpoints (`../shared/reference/chutes-account-api.md` §2.2, §2.4).

const nameCheckSchema = z.object({ valid: z.boolean(), available: z.boolean() });

// A 2xx means the account exists and this answer holds the only copy of its fingerprint: only what
// the app cannot go on without is required (the fingerprint, and the user ID the Done step and the
// keychain are keyed by). Any other field in an odd shape reads as absent, and the caller falls back
// to what it sent, instead of the whole answer being thrown away as unreadable.
const optionalText = z.string().nullish().catch(null);
const registrationSchema = z.object({
  user_id: z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform((id) => String(id)),
  fingerprint: z.string().min(1),
  username: optionalText,
  created_at: optionalText,
  hotkey: optionalText,
  coldkey: optionalText,
  payment_address: optionalText,
});

export type RegistrationAnswer = z.infer<typeof registrationSchema>;

/**
 * The server checks the coldkey's balance on chain (a fresh substrate connection, no deadline of
 * its own) and makes two payment addresses before it answers; the CLI waits 300 s. An answer given
 * up on early is lost together with the fingerprint, so this waits as long as the refund does.
 */
export const REGISTER_TIMEOUT_MS = REFUND_TIMEOUT_MS;

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
    timeoutMs: REGISTER_TIMEOUT_MS,
  });
}
