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
  /**
   * The API's origin (`https://api.chutes.ai`): the desktop window and the web host share one
   * log, and profiles may be on different servers. Absent in entries written before it was kept.
   */
  server?: string;
  /** Public SS58 address, when a hotkey was involved; for a fingerprint call, the account's hotkey. */
  hotkey?: string;
  purpose?: string;
  bodySha256?: string;
  status?: number;
  /** The status arrived but the body did not, whole: more than the app reads, or cut off on the way. */
  bodyFailure?: ActivityBodyFailure;
  /** Why no status: the network failure kind. */
  failure?: NetworkFailure;
  durationMs: number;
}

export type ActivityBodyFailure = 'too-large' | 'cut-off';
export const ACTIVITY_BODY_FAILURES: readonly ActivityBodyFailure[] = ['too-large', 'cut-off'];

/** An origin as the log keeps it (`http(s)://host[:port]`), or null for anything else. */
export function activityServer(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
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
