import { z } from 'zod';
import { serverMs } from '../../../shared/server-time';

/** Shapes of the answers the transport itself needs (hotkey login, `../shared/reference/chutes-account-api.md` §3.5). */
/**
 * A login nonce is a UUID (§3.5), and the hotkey signs it as it is. Anything else is refused
 * before signing: a server could send a nonce that reads as another signed message (a v1
 * `hotkey:seconds:body-hash`, a refinger `hotkey:fingerprint:seconds`) and replay the signature on
 * the real API — a balance transfer or an admin key in the account's name.
 */
export const LOGIN_NONCE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const loginNonceSchema = z.object({ nonce: z.string().regex(LOGIN_NONCE) });

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
