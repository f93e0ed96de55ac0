import type { FileHandle } from 'node:fs/promises';
import {
  ACTIVITY_BODY_FAILURES,
  ACTIVITY_TIME,
  activityServer,
  type ActivityBodyFailure,
  type ActivityEntry,
  type ActivityPage,
} from '../../shared/activity';
import { AppFailure, failureIs, type NetworkFailure } from '../../shared/errors';
import { withRegularFile } from '../fs/read-capped';

/**
 * How much of the end of each file a listing reads: thousands of entries, in milliseconds. A log
 * of any size (or a huge file put in its place) is never read whole.
 */
export const TAIL_BYTES = 1024 * 1024;

const AUTH_KINDS = new Set<string>(['hotkey', 'jwt', 'hotkey-login', 'fingerprint', 'apiKey']);
const FAILURES = new Set<string>(['dns', 'refused', 'timeout', 'tls', 'reset', 'non-json', 'other']);
const SS58 = /^[1-9A-HJ-NP-Za-km-z]{46,48}$/;

interface Tail {
  /** Whole lines, oldest first. */
  lines: string[];
  /** The file holds more before these. */
  cut: boolean;
}

async function readRange(handle: FileHandle, from: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buffer, got, length - got, from + got);
    if (bytesRead === 0) break; // shrank meanwhile (rotated by the other process)
    got += bytesRead;
  }
  return buffer.subarray(0, got);
}

/**
 * The last `maxBytes` of a log file, as whole lines: the first, cut by the window, is dropped.
 * Read through `withRegularFile` (a FIFO in the file's place is refused, not waited on); a missing
 * file is `not-found`.
 */
export async function readTail(file: string, maxBytes: number): Promise<Tail> {
  return withRegularFile(file, async (handle, stat) => {
    const start = Math.max(0, stat.size - maxBytes);
    // One byte more before the window: when it is a line break, the window's first line is whole.
    const from = Math.max(0, start - 1);
    let text = (await readRange(handle, from, stat.size - from)).toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { lines: text.split('\n').filter((line) => line.length > 0), cut: start > 0 };
  });
}

const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/**
 * One stored line back into an entry, field by field: only the declared fields, each of its type,
 * or the line is dropped (torn by a crash, or written by something else). Nothing else in the
 * file crosses to the page, and nothing there can make the page render an object as text.
 */
export function entryFromLine(line: string): ActivityEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const { time, method, path, auth, durationMs } = v;
  if (!text(time, 24) || !ACTIVITY_TIME.test(time)) return null;
  if (!text(method, 16) || !/^[A-Z]+$/.test(method) || !text(path, 2048)) return null;
  if (!text(auth, 16) || !AUTH_KINDS.has(auth)) return null;
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) return null;
  const entry: ActivityEntry = {
    time,
    method,
    path,
    auth: auth as ActivityEntry['auth'],
    durationMs: Math.round(durationMs),
  };
  const { server, hotkey, purpose, bodySha256, status, bodyFailure, failure } = v;
  // Absent in entries written before the server was kept: they still read, without it.
  if (server !== undefined) {
    if (!text(server, 300) || activityServer(server) === null) return null;
    entry.server = server;
  }
  if (hotkey !== undefined) {
    if (!text(hotkey, 48) || !SS58.test(hotkey)) return null;
    entry.hotkey = hotkey;
  }
  if (purpose !== undefined) {
    if (!text(purpose, 100)) return null;
    entry.purpose = purpose;
  }
  if (bodySha256 !== undefined) {
    if (!text(bodySha256, 64) || !/^[0-9a-f]{64}$/.test(bodySha256)) return null;
    entry.bodySha256 = bodySha256;
  }
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return null;
    entry.status = status;
  }
  if (bodyFailure !== undefined) {
    if (!text(bodyFailure, 16) || !(ACTIVITY_BODY_FAILURES as readonly string[]).includes(bodyFailure)) return null;
    entry.bodyFailure = bodyFailure as ActivityBodyFailure;
  }
  if (failure !== undefined) {
    if (!text(failure, 16) || !FAILURES.has(failure)) return null;
    entry.failure = failure as NetworkFailure;
  }
  return entry;
}

interface PageInput {
  rotated: string;
  file: string;
  limit: number;
  before: string | undefined;
}

/**
 * A page of both files' ends, newest start time first. Calls are written when they end, so file
 * order is not start order: the page is sorted, and a page that would end amid calls started in
 * the same millisecond takes them all, so asking for those `before` that time misses none.
 */
export async function readPage(
  { rotated, file, limit, before }: PageInput,
  notRecorded: ActivityPage['notRecorded'],
): Promise<ActivityPage> {
  let current: Tail = { lines: [], cut: false };
  try {
    current = await readTail(file, TAIL_BYTES);
  } catch (error) {
    if (!failureIs(error, 'not-found')) throw error;
  }
  let older: Tail = { lines: [], cut: false };
  let olderFileProblem: string | null = null;
  // With the current file cut, the older file's calls are older than the gap left unread: not shown either.
  if (!current.cut) {
    try {
      older = await readTail(rotated, TAIL_BYTES);
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      if (!failureIs(error, 'not-found'))
        olderFileProblem = `The older activity file could not be read, so the calls in it are not shown: ${error.appError.message}`;
    }
  }
  const lines = [...older.lines, ...current.lines];
  const found: Array<{ entry: ActivityEntry; at: number }> = [];
  lines.forEach((line, at) => {
    const entry = entryFromLine(line);
    if (entry && (before === undefined || entry.time < before)) found.push({ entry, at });
  });
  // Newest start first; among equal times, the one written later first.
  found.sort((a, b) => (a.entry.time === b.entry.time ? b.at - a.at : a.entry.time < b.entry.time ? 1 : -1));
  let end = Math.min(limit, found.length);
  const last = found[end - 1]?.entry.time;
  while (end < found.length && found[end]?.entry.time === last) end++;
  return {
    entries: found.slice(0, end).map(({ entry }) => entry),
    more: end < found.length,
    olderNotRead: current.cut || older.cut,
    olderFileProblem,
    notRecorded,
  };
}
