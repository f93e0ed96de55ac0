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

/** ISO 8601 in UTC as `Date#toISOString` writes it: the only form entries are kept in, so text order is time order. */
export const ACTIVITY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** One page of the activity log, newest call (by start time) first, and what it leaves out. */
export interface ActivityPage {
  entries: ActivityEntry[];
  /** Older entries were read than these: asking again with `before` gets them. */
  more: boolean;
  /** The files hold calls older than any read: only the end of the log is read, to keep it quick. */
  olderNotRead: boolean;
  /** Why the older file's calls are not shown (it is a folder, say); null when they are, or there is none. */
  olderFileProblem: string | null;
  /** Calls this app made since it started that could not be recorded, and why; null when none. */
  notRecorded: { count: number; since: string; why: string } | null;
}
