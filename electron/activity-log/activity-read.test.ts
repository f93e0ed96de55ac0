import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVITY_FILE, createActivityLog, type ActivityEntry } from './activity-log';
import { TAIL_BYTES } from './activity-read';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chutes-activity-read-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const entry = (i: number, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  method: 'GET',
  path: '/users/me',
  auth: 'hotkey',
  status: 200,
  durationMs: 12,
  ...extra,
});
const HOTKEY = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const line = (value: object) => `${JSON.stringify(value)}\n`;
/** Valid entries, oldest first, at least `bytes` of them. */
const filler = (bytes: number, from = 0) => {
  const one = line(entry(from)).length;
  return Array.from({ length: Math.ceil(bytes / one) }, (_, i) => line(entry(from + i))).join('');
};

describe('listing a large or damaged activity log', () => {
  it('reads only the end of a huge file, says older calls were not read, and still lists the newest', async () => {
    const dir = tempDir();
    const file = path.join(dir, ACTIVITY_FILE);
    writeFileSync(`${file}.1`, filler(22 * 1024 * 1024));
    writeFileSync(file, line(entry(5_000_000)));
    const log = createActivityLog(dir);
    const page = await log.read({ limit: 10_000 });
    expect(page.entries[0]?.time).toBe(entry(5_000_000).time);
    // Every entry listed is whole: the line cut by the window was dropped, not half-parsed.
    expect(page.entries.length).toBeLessThanOrEqual(Math.ceil(TAIL_BYTES / line(entry(0)).length) + 1);
    expect(page.olderNotRead).toBe(true);
    expect(page.olderFileProblem).toBeNull();

    // A huge current file: its end, and not the older file behind the part left unread.
    writeFileSync(file, filler(22 * 1024 * 1024, 200_000));
    const big = await log.read({ limit: 3 });
    expect(big.entries).toHaveLength(3);
    expect(big.olderNotRead).toBe(true);
  });

  it('lists the current file when the older one is a folder, and says why those calls are missing', async () => {
    const dir = tempDir();
    const file = path.join(dir, ACTIVITY_FILE);
    mkdirSync(`${file}.1`);
    const log = createActivityLog(dir);
    await log.append(entry(1));
    const page = await log.read();
    expect(page.entries.map((e) => e.time)).toEqual([entry(1).time]);
    expect(page.olderFileProblem).toMatch(/older activity file .* not shown: .*activity\.jsonl\.1.*folder/);
  });

  it('rebuilds each entry from its declared fields, and drops a line whose fields have the wrong type', async () => {
    const dir = tempDir();
    const file = path.join(dir, ACTIVITY_FILE);
    const good = entry(1, { purpose: 'me', hotkey: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' });
    appendFileSync(file, line({ ...good, extra: 'EXTRA-CANARY', headers: { a: 1 } }));
    for (const bad of [
      { purpose: {} },
      { status: {} },
      { status: '200' },
      { failure: 'gremlins' },
      { hotkey: ['x'] },
      { bodySha256: 'nothex' },
      { time: 'yesterday' },
      { method: { toString: 'GET' } },
      { durationMs: '5' },
      { server: 'ftp://api.chutes.ai' },
      { server: 'https://api.chutes.ai/path' },
      { server: 42 },
      { bodyFailure: 'gremlins' },
    ])
      appendFileSync(file, line({ ...entry(2), ...bad }));
    appendFileSync(file, '[1,2]\nnull\n"text"\n');
    const listed = await createActivityLog(dir)
      .read()
      .then((page) => page.entries);
    expect(listed).toEqual([good]);
    expect(JSON.stringify(listed)).not.toContain('CANARY');
  });
});

describe('the server and a body that did not arrive', () => {
  it('keeps both, and still reads entries written before the server was kept', async () => {
    const dir = tempDir();
    const log = createActivityLog(dir);
    const old = entry(1);
    const local = entry(2, { server: 'http://127.0.0.1:8080', status: 200, bodyFailure: 'cut-off' });
    const chutes = entry(3, { server: 'https://api.chutes.ai', auth: 'fingerprint', hotkey: HOTKEY });
    appendFileSync(path.join(dir, ACTIVITY_FILE), line(old));
    await log.append(local);
    // Only an origin is kept: a path or another scheme is not a server this log names.
    await log.append(entry(4, { server: 'https://api.chutes.ai/v2', bodyFailure: 'gremlins' as 'cut-off' }));
    await log.append(chutes);
    const listed = await log.read().then((page) => page.entries);
    expect(listed).toEqual([entry(4), chutes, local, old]);
  });
});

describe('calls that could not be recorded', () => {
  it('are counted and explained when the log is full and cannot be rotated', async () => {
    const dir = tempDir();
    const file = path.join(dir, ACTIVITY_FILE);
    // `.1` is a folder with something in it: the rotation's rename fails.
    mkdirSync(`${file}.1`);
    writeFileSync(path.join(`${file}.1`, 'x'), '');
    const log = createActivityLog(dir, { maxBytes: 600 });
    const { setLogSink } = await import('../log');
    const warned: string[] = [];
    const restore = setLogSink((text) => warned.push(text));
    try {
      for (let i = 0; i < 6; i++) await log.append(entry(i));
    } finally {
      setLogSink(restore);
    }
    const page = await log.read();
    expect(page.notRecorded).toMatchObject({
      count: expect.any(Number) as unknown,
      why: expect.stringMatching(/activity\.jsonl is full, and moving it to activity\.jsonl\.1 failed/) as unknown,
    });
    expect(page.notRecorded?.count).toBe(6 - page.entries.length);
    expect(page.notRecorded?.count).toBeGreaterThan(0);
    expect(warned.some((text) => text.includes('activity log write failed'))).toBe(true);
  });

  it('is nothing to report when every call was recorded', async () => {
    const log = createActivityLog(tempDir());
    await log.append(entry(1));
    expect(await log.read()).toMatchObject({ notRecorded: null, olderFileProblem: null, olderNotRead: false });
  });
});
