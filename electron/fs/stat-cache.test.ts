import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatCache } from './stat-cache';

let dir: string;
let file: string;
let loads: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stat-cache-'));
  file = path.join(dir, 'data.json');
  loads = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = () => {
  loads++;
  return Promise.resolve(JSON.parse(fs.readFileSync(file, 'utf8')) as { n: number; list: number[] });
};

function writeFile(n: number, target = file): void {
  fs.writeFileSync(target, JSON.stringify({ n, list: [n] }));
}

/** ctime cannot be set back, so the cache's clock runs a minute ahead: every write is long settled. */
const later = { now: () => Date.now() + 60_000 };

describe('createStatCache', () => {
  it('reads a settled, unchanged file once, and hands out copies', async () => {
    writeFile(1);
    const cache = createStatCache(file, load, later);
    const first = await cache.read();
    first.list.push(99);
    const second = await cache.read();
    expect(second).toEqual({ n: 1, list: [1] });
    expect(loads).toBe(1);
  });

  it('reads again after a rewrite in place, a replacement by rename, and a removal', async () => {
    writeFile(1);
    const cache = createStatCache(file, load, later);
    await cache.read();
    writeFile(22); // new size and times, same inode
    expect((await cache.read()).n).toBe(22);
    const other = path.join(dir, 'next.json');
    writeFile(33, other);
    fs.renameSync(other, file); // same size as before, new inode
    expect((await cache.read()).n).toBe(33);
    expect(loads).toBe(3);
    fs.rmSync(file);
    await expect(cache.read()).rejects.toThrow(); // the loader decides what a missing file means
    expect(loads).toBe(4);
  });

  it('never trusts a file changed within the settle time', async () => {
    writeFile(5);
    const cache = createStatCache(file, load);
    await cache.read();
    await cache.read();
    expect(loads).toBe(2);
  });
});
