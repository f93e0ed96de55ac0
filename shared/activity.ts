import type { NetworkFailure } from './errors';

/**
 * One authenticated call, as the user may review it later. Deliberately narrow: only public
 * facts. Signatures, headers, bodies, tokens, fingerprints, API keys and query strings never
 * reach this type, so they cannot reach the file.
 */
export interface ActivityEntry {
  /** ISO time the call started. */
  time: string;
  method: string;
  /** URL path only, never the query. */
  path: string;
  auth: 'hotkey' | 'jwt' | 'hotkey-login' | 'fingerprint' | 'apiKey';
  /** Public SS58 address, when a hotkey was involved. */
  hotkey?: string;
  purpose?: string;
  bodySha256?: string;
  status?: number;
  /** Why no status: the network failure kind. */
  failure?: NetworkFailure;
  durationMs: number;
}
