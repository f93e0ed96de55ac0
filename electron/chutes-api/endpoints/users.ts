import { z } from 'zod';
import type { AccountLookup } from '../../../shared/account';
import type { Transport } from '../transport';

const selfSchema = z.object({
  username: z.string(),
  user_id: z.string(),
  hotkey: z.string(),
  coldkey: z.string().nullish(),
  payment_address: z.string().nullish(),
  balance: z.number().nullish(),
  created_at: z.string().nullish(),
});
const pingSchema = z.object({ message: z.string() });

/** `GET /users/me` signed with the hotkey (purpose `me`). */
export async function getMe(transport: Transport, hotkey: string): Promise<AccountLookup> {
  const me = await transport.request({ method: 'GET', path: '/users/me', auth: { kind: 'hotkey', hotkey, purpose: 'me' }, schema: selfSchema });
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
