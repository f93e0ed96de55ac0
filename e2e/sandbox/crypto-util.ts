// Hashes, ids and tokens shaped like the server's (uuid5 ids, blake2b fingerprint hashes, HS256 JWTs).

import { createCipheriv, createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';

export const NAMESPACE_OID = '6ba7b812-9dad-11d1-80b4-00c04fd430c8';

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Python's `hashlib.blake2b(s.encode()).hexdigest()` (64-byte digest). */
export const blake2bHex = (text: string): string =>
  Buffer.from(blake2b(new TextEncoder().encode(text), { dkLen: 64 })).toString('hex');

export function uuid5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const isUuid = (s: string): boolean =>
  /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s.trim());

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const randomAlnum = (n: number): string =>
  Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');

/**
 * Python's `bytes.fromhex` (3.12+): whitespace allowed between byte pairs; errors carry CPython's
 * wording because the server interpolates them into 401 texts.
 */
export function pyFromHex(text: string): { bytes: Uint8Array } | { error: string } {
  const out: number[] = [];
  const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (!isHex(c)) return { error: `non-hexadecimal number found in fromhex() arg at position ${i}` };
    const d = text[i + 1];
    if (!isHex(d)) {
      return {
        error:
          i + 1 >= text.length
            ? 'fromhex() arg must contain an even number of hexadecimal digits'
            : `non-hexadecimal number found in fromhex() arg at position ${i + 1}`,
      };
    }
    out.push(parseInt(`${c}${d}`, 16));
    i += 2;
  }
  return { bytes: Uint8Array.from(out) };
}

// API-key secrets are stored as scrypt hashes (the server uses argon2; only the one-way property matters).
const SCRYPT = { N: 1024, r: 8, p: 1 } as const;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${(await scryptAsync(secret, salt)).toString('hex')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [, saltHex, hashHex] = stored.split('$');
  if (!saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scryptAsync(secret, Buffer.from(saltHex, 'hex'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** HS256 JWT, compact JSON like PyJWT. */
export function signJwt(payload: Record<string, unknown>, key: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${b64url(createHmac('sha256', key).update(`${head}.${body}`).digest())}`;
}

export function decodeJwtUnverified(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function jwtSignatureValid(token: string, key: string): boolean {
  const [head, body, sig] = token.split('.');
  if (head === undefined || body === undefined || sig === undefined) return false;
  const expected = createHmac('sha256', key).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Secret values are stored the way the server stores them: AES-256-CBC `iv::::ciphertext`, wrapped
 * once more (the server uses pgp_sym_encrypt) and hex-encoded. The blob is opaque to clients.
 */
export function encryptSecretValue(plain: string, keys: { inner: string; outer: string }): string {
  const iv = randomBytes(16);
  const inner = createCipheriv('aes-256-cbc', Buffer.from(keys.inner, 'hex'), iv);
  const layered = `${iv.toString('hex')}::::${Buffer.concat([inner.update(plain, 'utf8'), inner.final()]).toString('hex')}`;
  const nonce = randomBytes(12);
  const outer = createCipheriv('aes-256-gcm', Buffer.from(keys.outer, 'hex'), nonce);
  const ct = Buffer.concat([outer.update(layered, 'utf8'), outer.final()]);
  return Buffer.concat([nonce, ct, outer.getAuthTag()]).toString('hex');
}
