import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalFailureMessage, log, setLogSink, type LogSink } from './log';
import { logFilePath, logToFile } from './log-file';

let restore: LogSink | null = null;
const dirs: string[] = [];
afterEach(() => {
  if (restore) setLogSink(restore, 'the output of the terminal that started the app');
  restore = null;
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-log-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

describe('the log file in the data folder', () => {
  it('gets every line, scrubbed, readable by the user only, and is named by the internal-failure message', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const dataDir = tempDataDir();
    restore = logToFile(dataDir);
    log.error('first cpk_0123456789abcdef0123456789abcdef.x');
    log.warn('second');
    const file = logFilePath(dataDir);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ error first cpk_\[redacted\]$/);
    expect(lines[1]).toMatch(/ warn second$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(internalFailureMessage()).toContain(`the details are in ${file}.`);
  });

  it('keeps one older file when the log has grown large, and never fails the caller when it cannot write', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const dataDir = tempDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const file = logFilePath(dataDir);
    fs.writeFileSync(file, 'x'.repeat(5 * 1024 * 1024 + 1));
    restore = logToFile(dataDir);
    expect(fs.statSync(`${file}.1`).size).toBe(5 * 1024 * 1024 + 1);
    log.info('fresh');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/ info fresh\n$/);
    // The file turns into a folder: logging goes on (stderr), nothing throws.
    fs.rmSync(file);
    fs.mkdirSync(file);
    expect(() => log.error('still fine')).not.toThrow();
    expect(stderr.mock.calls.some(([line]) => String(line).includes('still fine'))).toBe(true);
  });
});
