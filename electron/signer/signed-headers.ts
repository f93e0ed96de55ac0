import { buildSigningMessage } from './signing-message';
import { signMessage } from './sr25519';

export interface SignedHeadersInput {
  hotkey: string;
  seed: Uint8Array;
  /** Whole Unix seconds as digits: `nonceFrom(clock())`. */
  nonce: string;
  purpose?: string;
  /** Exact body bytes to be sent. */
  body?: string | Uint8Array;
  /** Sent like the CLI does; the server ignores it. */
  userId?: string;
}

export interface SignedHeaders {
  'X-Chutes-Hotkey': string;
  'X-Chutes-Nonce': string;
  'X-Chutes-Signature': string;
  'X-Chutes-UserID'?: string;
}

/** The v1 hotkey headers for one request. */
export async function signedHeaders(input: SignedHeadersInput): Promise<SignedHeaders> {
  const { nonce } = input;
  const message = buildSigningMessage({ hotkey: input.hotkey, nonce, purpose: input.purpose, body: input.body });
  const headers: SignedHeaders = {
    'X-Chutes-Hotkey': input.hotkey,
    'X-Chutes-Nonce': nonce,
    'X-Chutes-Signature': await signMessage(input.seed, message),
  };
  if (input.userId) headers['X-Chutes-UserID'] = input.userId;
  return headers;
}
