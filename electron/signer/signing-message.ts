import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of exactly these bytes (a string is hashed as its UTF-8 encoding). */
export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** v1 nonce: whole Unix seconds as decimal digits, from an injectable clock (ms). */
export function nonceFrom(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

export interface SigningMessageInput {
  hotkey: string;
  nonce: string;
  /** The endpoint's fixed purpose word (`me`, `api_keys`, `secrets`, …). */
  purpose?: string;
  /** The exact body bytes that will be sent (serialise once, pass the same string to fetch). */
  body?: string | Uint8Array;
}

/**
 * The v1 message (`../shared/reference/chutes-account-api.md` §1.2): `hotkey:nonce:purpose`, or `hotkey:nonce:sha256(body)`.
 * When both are given the purpose wins, because that is what the server does: an endpoint that
 * declares a purpose ignores the body hash.
 */
export function buildSigningMessage({ hotkey, nonce, purpose, body }: SigningMessageInput): string {
  if (!/^\d+$/.test(nonce)) throw new Error('A v1 nonce is whole seconds in decimal digits.');
  if (purpose !== undefined && purpose !== '') return `${hotkey}:${nonce}:${purpose}`;
  if (body !== undefined) return `${hotkey}:${nonce}:${sha256Hex(body)}`;
  throw new Error('A v1 signature needs either a purpose or a body.');
}
