import { z } from 'zod';
import type { AccountLookup } from '../../../shared/account';
import { AppFailure } from '../../../shared/errors';
import type { Transport } from '../transport';
import { serverNumber } from './schemas';

export const selfDetailSchema = z.object({
  username: z.string(),
  user_id: z.string(),
  hotkey: z.string(),
  coldkey: z.string().nullish(),
  payment_address: z.string().nullish(),
  balance: serverNumber.nullish(),
  created_at: z.string().nullish(),
  // Informational: a bitmask no server can mean (negative, past bit 30) shows no roles rather than 31.
  permissions_bitmask: z.number().int().min(0).max(0x7fffffff).nullish().catch(null),
  permissions: z.array(z.string()).nullish(),
  netuids: z.array(z.number().int()).nullish(),
});
export type SelfDetail = z.infer<typeof selfDetailSchema>;

const pingSchema = z.object({ message: z.string() });

/** `GET /users/me` signed with the hotkey (purpose `me`), every field the Account screen shows. */
export async function getSelf(transport: Transport, hotkey: string): Promise<SelfDetail> {
  const me = await transport.request({
    method: 'GET',
    path: '/users/me',
    auth: { kind: 'hotkey', hotkey, purpose: 'me' },
    schema: selfDetailSchema,
  });
  // The account of the hotkey that signed, or no answer to trust: it would be saved as this hotkey's profile.
  if (me.hotkey !== hotkey)
    throw new AppFailure(
      'server',
      `Chutes at ${transport.host} answered /users/me with the account of another hotkey (${me.hotkey.slice(0, 64)}), not of ${hotkey}, which signed.`,
      { status: 200 },
      'unexpected-shape',
    );
  return me;
}

/** The same answer as a lookup (hotkey → account). */
export async function getMe(transport: Transport, hotkey: string): Promise<AccountLookup> {
  const me = await getSelf(transport, hotkey);
  return {
    apiUrl: transport.baseUrl,
    hotkey: me.hotkey,
    username: me.username,
    userId: me.user_id,
    coldkey: me.coldkey ?? '',
    paymentAddress: me.payment_address ?? '',
    balance: me.balance ?? null,
    createdAt: me.created_at ?? '',
  };
}

/** `GET /ping`, no auth. */
export function ping(transport: Transport): Promise<{ message: string }> {
  return transport.request({ method: 'GET', path: '/ping', auth: { kind: 'none' }, schema: pingSchema });
}
