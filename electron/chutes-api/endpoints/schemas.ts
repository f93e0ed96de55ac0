import { z } from 'zod';

/** Shapes of the answers the transport itself needs (hotkey login, `../shared/reference/chutes-account-api.md` §3.5). */
export const loginNonceSchema = z.object({ nonce: z.string().min(1) });
export const loginSchema = z.object({ token: z.string().min(1) });
