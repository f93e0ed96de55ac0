import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './test-fixtures';
import { createLimiter, createSlabAllocator, createSlicedSyncFs, nodeWalletFs } from './wallet-fs';

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe.each([
  ['thread-pool', nodeWalletFs],
  ['sliced-sync', createSlicedSyncFs()],
])('readCapped (%s engine)', (engine, walletFs) => {
  it('reads a small file whole, with its mode', async () => {
    const file = path.join(dir, `small-${engine}`);
    await fs.writeFile(file, 'hello', { mode: 0o640 });
    await fs.chmod(file, 0o640);
    const read = await walletFs.readCapped(Buffer.from(file), 64);
    expect(read).toMatchObject({ kind: 'content', mode: 0o640 });
    expect(read.kind === 'content' && read.bytes.toString()).toBe('hello');
  });

  it('refuses a file over the cap from its size, without reading it', async () => {
    const file = path.join(dir, 'big');
    await fs.writeFile(file, Buffer.alloc(1024 * 1024));
    expect((await walletFs.readCapped(Buffer.from(file), 64 * 1024)).kind).toBe('too-large');
  });

  it('accepts a file exactly at the cap', async () => {
    const file = path.join(dir, 'exact');
    await fs.writeFile(file, Buffer.alloc(100, 0x61));
    const read = await walletFs.readCapped(Buffer.from(file), 100);
    expect(read.kind === 'content' && read.bytes.length).toBe(100);
  });

  // /proc files report size 0 but have content: this exercises the grow-and-recheck path.
  it.runIf(existsSync('/proc/self/status'))('caps files whose size lies', async () => {
    expect((await walletFs.readCapped(Buffer.from('/proc/self/status'), 50)).kind).toBe('too-large');
    const whole = await walletFs.readCapped(Buffer.from('/proc/self/status'), 64 * 1024);
    expect(whole.kind === 'content' && whole.bytes.toString()).toContain('Name:');
  });

  it.runIf(process.platform !== 'win32')('does not hang on a FIFO', async () => {
    const fifo = path.join(dir, `fifo-${engine}`);
    execFileSync('mkfifo', [fifo]);
    expect((await walletFs.readCapped(Buffer.from(fifo), 64)).kind).toBe('not-a-file');
  });

  it('reports a directory as not a file', async () => {
    expect((await walletFs.readCapped(Buffer.from(dir), 64)).kind).toBe('not-a-file');
  });
});

describe('createLimiter', () => {
  it('bounds concurrency and hands slots over in order', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) =>
      limit(async () => {
        peak = Math.max(peak, ++active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        order.push(i);
        active--;
        return i;
      });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(task))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
  });

  it('releases the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(() => Promise.resolve('next'))).toBe('next');
  });
});

describe('createSlabAllocator', () => {
  it('hands out zeroed, non-overlapping buffers and gives big requests their own memory', () => {
    const alloc = createSlabAllocator(1024);
    const a = alloc(100);
    const b = alloc(100);
    expect(a.buffer).toBe(b.buffer);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 100);
    a.fill(1);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(alloc(512).buffer).not.toBe(a.buffer);
    const many = Array.from({ length: 20 }, () => alloc(200));
    for (let i = 1; i < many.length; i++) {
      const [prev, cur] = [many[i - 1], many[i]];
      if (prev && cur && prev.buffer === cur.buffer)
        expect(cur.byteOffset).toBeGreaterThanOrEqual(prev.byteOffset + 200);
    }
  });
});
