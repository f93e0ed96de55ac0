import { z } from 'zod';
import { serverMs } from '../../../shared/server-time';

/** Shapes of the answers the transport itself needs (hotkey login, `../shared/reference/chutes-account-api.md` §3.5). */
export const loginNonceSchema = z.object({ nonce: z.string().min(1).max(512) });

/** A JWT's characters (base64url and dots): anything else cannot go into a header, so it is no token. */
export const TOKEN_TEXT = /^[A-Za-z0-9._~+/=-]{1,16384}$/;
export const loginSchema = z.object({ token: z.string().regex(TOKEN_TEXT) });

/** A time as the server prints it (naive = UTC): any other text is an unexpected shape, not a crash later. */
export const serverTime = z.string().refine((s) => !Number.isNaN(serverMs(s)));

/** Money, counts and tokens: far beyond any real figure, yet a sum of thousands of them stays finite. */
export const serverNumber = z
  .number()
  .finite()
  .refine((n) => Math.abs(n) <= 1e15);
