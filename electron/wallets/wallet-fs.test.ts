import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './test-fixtures';
import { createWalletFs } from './wallet-fs';

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('readCapped', () => {
  const walletFs = createWalletFs();
  const engine = 'sync';
  it('reads a small file whole, with its mode', async () => {
    const file = path.join(dir, `small-${engine}`);
    await fs.writeFile(file, 'hello', { mode: 0o640 });
    await fs.chmod(file, 0o640);
    const read = walletFs.readCapped(Buffer.from(file), 64);
    expect(read).toMatchObject({ kind: 'content', mode: 0o640 });
    expect(read.kind === 'content' && read.bytes.toString()).toBe('hello');
  });

  it('refuses a file over the cap from its size, without reading it', async () => {
    const file = path.join(dir, 'big');
    await fs.writeFile(file, Buffer.alloc(1024 * 1024));
    expect(walletFs.readCapped(Buffer.from(file), 64 * 1024).kind).toBe('too-large');
  });

  it('accepts a file exactly at the cap', async () => {
    const file = path.join(dir, 'exact');
    await fs.writeFile(file, Buffer.alloc(100, 0x61));
    const read = walletFs.readCapped(Buffer.from(file), 100);
    expect(read.kind === 'content' && read.bytes.length).toBe(100);
  });

  // /proc files report size 0 but have content: this exercises the grow-and-recheck path.
  it.runIf(existsSync('/proc/self/status'))('caps files whose size lies', () => {
    expect(walletFs.readCapped(Buffer.from('/proc/self/status'), 50).kind).toBe('too-large');
    const whole = walletFs.readCapped(Buffer.from('/proc/self/status'), 64 * 1024);
    expect(whole.kind === 'content' && whole.bytes.toString()).toContain('Name:');
  });

  it.runIf(process.platform !== 'win32')('does not hang on a FIFO', () => {
    const fifo = path.join(dir, `fifo-${engine}`);
    execFileSync('mkfifo', [fifo]);
    expect(walletFs.readCapped(Buffer.from(fifo), 64).kind).toBe('not-a-file');
  });

  it('reports a directory as not a file', () => {
    expect(walletFs.readCapped(Buffer.from(dir), 64).kind).toBe('not-a-file');
  });
});
