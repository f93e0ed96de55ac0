import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry as SharedActivityEntry } from '../../shared/activity';
import { ACTIVITY_FILE, createActivityLog, MAX_LIST, type ActivityEntry } from './activity-log';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chutes-activity-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'data');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const entry = (i: number, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  method: 'GET',
  path: '/users/me',
  auth: 'hotkey',
  hotkey: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
  purpose: 'me',
  status: 200,
  durationMs: 12,
  ...extra,
});

describe('activity log', () => {
  it('creates the file with parents, mode 0600, and lists newest first', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir);
    expect(await log.read().then((page) => page.entries)).toEqual([]);
    await log.append(entry(1));
    await log.append(
      entry(2, { method: 'post', path: '/api_keys/?token=abc', purpose: undefined, bodySha256: 'a'.repeat(64) }),
    );
    const file = path.join(dir, ACTIVITY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const listed = await log.read().then((page) => page.entries);
    expect(listed.map((e) => e.time)).toEqual([entry(2).time, entry(1).time]);
    expect(listed[0]).toMatchObject({ method: 'POST', path: '/api_keys/', bodySha256: 'a'.repeat(64) });
    // The shared IPC type accepts what the log returns.
    const view: SharedActivityEntry[] = listed;
    expect(view).toHaveLength(2);
  });

  it('writes a burst of entries together, every one once and in order', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir);
    const appended = Array.from({ length: 40 }, (_, i) => log.append(entry(i)));
    await Promise.all(appended);
    const lines = readFileSync(path.join(dir, ACTIVITY_FILE), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as ActivityEntry).time)).toEqual(
      Array.from({ length: 40 }, (_, i) => entry(i).time),
    );
  });

  it('pages with limit and before, and caps at 1,000', async () => {
    const log = createActivityLog(tempDir());
    await Promise.all(Array.from({ length: MAX_LIST + 5 }, (_, i) => log.append(entry(i))));
    const page = await log.read({ limit: 5, before: entry(10).time });
    expect(page.entries.map((e) => e.time)).toEqual([9, 8, 7, 6, 5].map((i) => entry(i).time));
    expect(page.more).toBe(true);
    expect((await log.read({ limit: 5, before: entry(5).time })).more).toBe(false);
    const all = await log.read({ limit: 5000 }).then((page) => page.entries);
    expect(all).toHaveLength(MAX_LIST);
    expect(all[0]?.time).toBe(entry(MAX_LIST + 4).time);
  });

  it('lists by start time, newest first, though calls are written as they end', async () => {
    const log = createActivityLog(tempDir());
    // A slow call started first and ended last.
    for (const i of [2, 3, 1]) await log.append(entry(i));
    expect((await log.read().then((page) => page.entries)).map((e) => e.time)).toEqual(
      [3, 2, 1].map((i) => entry(i).time),
    );
  });

  it('ends a page after every call started in the same millisecond as its last, so none is skipped by the next', async () => {
    const log = createActivityLog(tempDir());
    for (const i of [1, 2, 2, 2, 3]) await log.append(entry(i, { durationMs: i * 10 }));
    const first = await log.read({ limit: 2 });
    expect(first.entries.map((e) => e.time)).toEqual([3, 2, 2, 2].map((i) => entry(i).time));
    const next = await log.read({ limit: 2, before: first.entries.at(-1)?.time ?? '' });
    expect(next.entries.map((e) => e.time)).toEqual([entry(1).time]);
    expect(next.more).toBe(false);
  });

  it('writes only the declared public fields', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir);
    const sneaky = {
      ...entry(1),
      signature: 'SIG-CANARY',
      headers: { authorization: 'Bearer TOKEN-CANARY' },
      bodySha256: 'not-a-hash BODY-CANARY',
    };
    await log.append(sneaky);
    const text = readFileSync(path.join(dir, ACTIVITY_FILE), 'utf8');
    expect(text).not.toMatch(/CANARY/);
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual([
      'auth',
      'durationMs',
      'hotkey',
      'method',
      'path',
      'purpose',
      'status',
      'time',
    ]);
  });

  it('rotates past the size limit, keeping one older file that is still listed', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir, { maxBytes: 2000 });
    for (let i = 0; i < 40; i++) await log.append(entry(i));
    const file = path.join(dir, ACTIVITY_FILE);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(false);
    expect(statSync(file).size).toBeLessThanOrEqual(2000);
    const listed = await log.read({ limit: 1000 }).then((page) => page.entries);
    expect(listed[0]?.time).toBe(entry(39).time);
    expect(listed.length).toBeGreaterThan(statSync(file).size / 250);
    expect(listed.length).toBeLessThan(40);
  });

  it('follows the path when another process rotates or removes the file between entries', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir);
    const file = path.join(dir, ACTIVITY_FILE);
    await log.append(entry(1));
    renameSync(file, `${file}.1`); // what the other process's rotation does
    await log.append(entry(2));
    rmSync(`${file}.1`);
    expect(readFileSync(file, 'utf8')).toContain(entry(2).time);
    rmSync(file);
    await log.append(entry(3));
    expect((await log.read().then((page) => page.entries)).map((e) => e.time)).toEqual([entry(3).time]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('skips a torn last line instead of failing', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir);
    await log.append(entry(1));
    const { appendFileSync } = await import('node:fs');
    appendFileSync(path.join(dir, ACTIVITY_FILE), '{"time":"2026-01-01T00:00:0');
    expect((await log.read().then((page) => page.entries)).map((e) => e.time)).toEqual([entry(1).time]);
  });
});
