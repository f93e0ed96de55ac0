// Test-side client for the sandbox (and any Chutes-compatible server): an sr25519 signer and SS58
// encoder written independently of the sandbox's own code, plus a request builder that signs the
// exact bytes it sends. For specs only; the app signs with @polkadot/*.

import * as sr25519 from '@scure/sr25519';
import { base58 } from '@scure/base';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export function ss58Address(publicKey: Uint8Array, prefix = 42): string {
  const body = Uint8Array.of(prefix, ...publicKey);
  const hash = blake2b(Uint8Array.of(...utf8ToBytes('SS58PRE'), ...body), { dkLen: 64 });
  return base58.encode(Uint8Array.of(...body, hash[0] ?? 0, hash[1] ?? 0));
}

export const sha256Hex = (data: string | Uint8Array): string =>
  bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));

export class TestKey {
  readonly publicKey: Uint8Array;
  readonly ss58: string;
  private readonly secret: Uint8Array;

  private constructor(readonly seedHex: string) {
    this.secret = sr25519.secretFromSeed(hexToBytes(seedHex));
    this.publicKey = sr25519.getPublicKey(this.secret);
    this.ss58 = ss58Address(this.publicKey);
  }

  static fromSeed(seedHex: string): TestKey {
    return new TestKey(seedHex.replace(/^0x/, ''));
  }

  static random(): TestKey {
    return new TestKey(bytesToHex(randomBytes(32)));
  }

  /** Lowercase hex, no `0x`, as the CLI sends it. */
  sign(message: string | Uint8Array): string {
    return bytesToHex(sr25519.sign(this.secret, typeof message === 'string' ? utf8ToBytes(message) : message));
  }
}

export const unixNow = (): number => Math.floor(Date.now() / 1000);

export interface SignOptions {
  key: TestKey;
  /** The endpoint's purpose word; without it the body hash is signed. */
  purpose?: string;
  nonce?: number | string;
  /** Override the signed hotkey header (e.g. to claim someone else's hotkey). */
  hotkey?: string;
  /** Post-process the hex signature (e.g. prefix `0x`). */
  mangle?: (sig: string) => string;
  /** Sign a different message than the protocol's (wrong-purpose tests). */
  message?: string;
  /** Wrap the message as `<Bytes>…</Bytes>` like polkadot-js signRaw. */
  wrapBytes?: boolean;
}

export function signedHeaders(
  opts: SignOptions,
  bodyText: string | null,
  nowS: number = unixNow(),
): Record<string, string> {
  const hotkey = opts.hotkey ?? opts.key.ss58;
  const nonce = String(opts.nonce ?? nowS);
  const tail = opts.purpose ?? (bodyText !== null ? sha256Hex(bodyText) : undefined);
  let message = opts.message ?? `${hotkey}:${nonce}:${tail ?? ''}`;
  if (opts.wrapBytes) message = `<Bytes>${message}</Bytes>`;
  const sig = opts.key.sign(message);
  return {
    'X-Chutes-Hotkey': hotkey,
    'X-Chutes-Nonce': nonce,
    'X-Chutes-Signature': opts.mangle ? opts.mangle(sig) : sig,
  };
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean>;
  /** An object is serialised compactly; a string is sent (and hashed) byte for byte. */
  body?: unknown;
  sign?: SignOptions;
  authorization?: string;
  headers?: Record<string, string>;
  /** Simulated client IP (X-Forwarded-For). */
  ip?: string;
}

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export class ChutesTestClient {
  /** `now` (ms) must match the server's clock when the sandbox runs on a test clock. */
  constructor(
    readonly baseUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<TestResponse<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.append(k, String(v));
    const bodyText =
      opts.body === undefined ? null : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = {};
    if (bodyText !== null) headers['content-type'] = 'application/json';
    if (opts.sign)
      Object.assign(
        headers,
        signedHeaders(
          opts.sign,
          ['POST', 'PUT', 'PATCH'].includes(method) ? (bodyText ?? '') : null,
          this.nowSeconds(),
        ),
      );
    if (opts.authorization !== undefined) headers.authorization = opts.authorization;
    if (opts.ip) headers['x-forwarded-for'] = opts.ip;
    Object.assign(headers, opts.headers);
    const res = await fetch(url, { method, headers, body: bodyText ?? undefined, redirect: 'manual' });
    const text = await res.text();
    let json: unknown = undefined;
    if (res.headers.get('content-type')?.startsWith('application/json')) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json: json as T };
  }

  get<T = unknown>(path: string, opts?: RequestOptions): Promise<TestResponse<T>> {
    return this.request<T>('GET', path, opts);
  }

  post<T = unknown>(path: string, opts?: RequestOptions): Promise<TestResponse<T>> {
    return this.request<T>('POST', path, opts);
  }

  delete<T = unknown>(path: string, opts?: RequestOptions): Promise<TestResponse<T>> {
    return this.request<T>('DELETE', path, opts);
  }

  /** Control API call; throws unless 200. */
  async control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, `/_sandbox/${path}`, { body });
    if (res.status !== 200) throw new Error(`control ${path} → ${res.status} ${res.text}`);
    return res.json;
  }

  /** Gets a token through the HTML page flow and scrapes `.token`, like a user would copy it. */
  async registrationToken(ip?: string): Promise<string> {
    const page = await this.get('/users/registration_token', { ip });
    if (page.status !== 200) throw new Error(`token page → ${page.status} ${page.text}`);
    const issued = await this.post('/users/registration_token', {
      ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const m = /class="token">([0-9a-f-]{36})</.exec(issued.text);
    if (!m?.[1]) throw new Error(`no token in ${issued.text}`);
    return m[1];
  }

  /** Registers `key` as a new account (token via the control API unless given). */
  async register(
    key: TestKey,
    username: string,
    opts: { coldkey?: string; ip?: string; token?: string } = {},
  ): Promise<RegisteredAccount> {
    const token = opts.token ?? (await this.control<{ token: string }>('POST', 'registration_token', {})).token;
    const res = await this.post<RegisteredAccount>('/users/register', {
      query: { token },
      body: { username, coldkey: opts.coldkey ?? TestKey.random().ss58 },
      sign: { key },
      ip: opts.ip,
    });
    if (res.status !== 200) throw new Error(`register ${username} → ${res.status} ${res.text}`);
    return res.json;
  }

  /** An admin API key for the account of `key`. */
  async adminKey(key: TestKey, name = 'admin'): Promise<string> {
    const res = await this.post<{ secret_key: string }>('/api_keys/', { body: { name, admin: true }, sign: { key } });
    if (res.status !== 200) throw new Error(`api key → ${res.status} ${res.text}`);
    return res.json.secret_key;
  }
}

export interface RegisteredAccount {
  username: string;
  user_id: string;
  created_at: string;
  hotkey: string;
  coldkey: string;
  payment_address: string;
  fingerprint: string;
  logo_id: null;
  logo: null;
  api_key: null;
}
