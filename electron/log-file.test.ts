import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalFailureMessage, log, setLogLocation, setLogSink, type LogSink } from './log';
import { useBundledChild } from './concurrency/two-process.test-helper';
import { logFilePath, logToFile, MAX_LOG_BYTES, MAX_UNROTATED_LOG_BYTES, rotationLockPath } from './log-file';

let restore: LogSink | null = null;
const dirs: string[] = [];
afterEach(() => {
  if (restore) setLogSink(restore);
  setLogLocation(null);
  restore = null;
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-log-'));
  dirs.push(dir);
  return dir;
}

// The app's start as main.ts and serve.ts make it, with stderr captured.
const fifoChild = useBundledChild(`
import { internalFailureMessage, log } from ${JSON.stringify(path.join(__dirname, 'log'))};
import { logToFile } from ${JSON.stringify(path.join(__dirname, 'log-file'))};
const [dataDir] = process.argv.slice(2);
const written: string[] = [];
process.stderr.write = ((text: string) => { written.push(String(text)); return true; }) as typeof process.stderr.write;
void (async () => {
  await startSignal();
  logToFile(dataDir);
  log.info('the first line');
  report({
    named: internalFailureMessage().includes('chutes-desktop.log'),
    warnings: written.filter((t) => t.includes('gets no lines')).length,
    lineOnStderr: written.some((t) => t.includes('the first line')),
  });
})();
`);

const quietStderr = () => vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

/** The log going to a fresh data folder (stderr quiet): that folder's log file. */
function logToTempFile(): string {
  quietStderr();
  const dataDir = tempDir();
  restore = logToFile(dataDir);
  return logFilePath(dataDir);
}

describe('the log file in the data folder', () => {
  it('gets every line, scrubbed, readable by the user only, and is named by the internal-failure message', () => {
    quietStderr();
    const dataDir = path.join(tempDir(), 'data');
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

  it('makes a log file an older version left readable by others private', () => {
    quietStderr();
    const dataDir = tempDir();
    const file = logFilePath(dataDir);
    fs.writeFileSync(file, 'old line\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    restore = logToFile(dataDir);
    log.warn('new line');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^old line\n.* warn new line\n$/);
  });

  it('starts a new file past the size limit while running, keeping one older file', () => {
    const file = logToTempFile();
    log.info('old line');
    fs.appendFileSync(file, 'x'.repeat(MAX_LOG_BYTES));
    log.info('fresh');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^\S+ info fresh\n$/);
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toContain('old line');
  });

  it('names no file it cannot write, says so again once it can, and never fails the caller', () => {
    const stderr = quietStderr();
    const root = tempDir();
    // The data folder cannot be made: a file stands where it would go.
    fs.writeFileSync(path.join(root, 'blocked'), '');
    const dataDir = path.join(root, 'blocked', 'data');
    restore = logToFile(dataDir);
    expect(() => log.error('still fine')).not.toThrow();
    expect(stderr.mock.calls.some(([line]) => String(line).includes('still fine'))).toBe(true);
    expect(internalFailureMessage()).toContain('the output of the terminal that started the app');
    expect(internalFailureMessage()).not.toContain('chutes-desktop.log');

    // A writable folder whose file turns into a folder: the message stops naming it.
    const ok = tempDir();
    setLogSink(restore);
    restore = logToFile(ok);
    expect(internalFailureMessage()).toContain(logFilePath(ok));
    fs.rmSync(logFilePath(ok));
    fs.mkdirSync(logFilePath(ok));
    log.error('cannot reach the file');
    expect(internalFailureMessage()).not.toContain('chutes-desktop.log');
    fs.rmdirSync(logFilePath(ok));
    log.error('back');
    expect(internalFailureMessage()).toContain(logFilePath(ok));
  });
});

describe('a rotation that cannot happen', () => {
  it('still appends up to twice the limit, then sends lines to stderr only, says so once, and stops naming the file', () => {
    const stderr = quietStderr();
    const dataDir = tempDir();
    restore = logToFile(dataDir);
    const file = logFilePath(dataDir);
    // `.1` is a folder with something in it: the rename fails.
    fs.mkdirSync(`${file}.1`);
    fs.writeFileSync(path.join(`${file}.1`, 'x'), '');
    fs.appendFileSync(file, 'x'.repeat(MAX_LOG_BYTES + 1));
    log.info('after the failed rotation');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/ info after the failed rotation\n$/);
    expect(internalFailureMessage()).toContain(file);

    fs.appendFileSync(file, 'x'.repeat(MAX_UNROTATED_LOG_BYTES - MAX_LOG_BYTES));
    const size = fs.statSync(file).size;
    log.info('one too many');
    log.info('and another');
    expect(fs.statSync(file).size).toBe(size);
    expect(internalFailureMessage()).not.toContain('chutes-desktop.log');
    const written = stderr.mock.calls.map(([text]) => String(text));
    expect(written.filter((text) => text.includes('gets no lines'))).toHaveLength(1);
    expect(written.some((text) => text.includes('and another'))).toBe(true);
  });
});

describe.runIf(process.platform !== 'win32')('a FIFO in place of the log file', () => {
  it('is not waited on at launch, gets no lines, and the log says why once on stderr', async () => {
    for (const kind of ['fifo', 'symlink to a fifo']) {
      const dataDir = tempDir();
      const fifo = path.join(dataDir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      if (kind === 'fifo') fs.renameSync(fifo, logFilePath(dataDir));
      else fs.symlinkSync(fifo, logFilePath(dataDir));
      // A blocking open of a FIFO without a reader never returns: a child process, killed when late.
      const result = await fifoChild().runTogether([[dataDir]], 10_000);
      expect(result, kind).toEqual([
        {
          named: false,
          warnings: 1,
          lineOnStderr: true,
        },
      ]);
    }
  });

  it('writes nothing into a FIFO that has a reader', () => {
    const stderr = quietStderr();
    const dataDir = tempDir();
    const file = logFilePath(dataDir);
    execFileSync('mkfifo', [file]);
    const reader = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      restore = logToFile(dataDir);
      log.info('not for the pipe');
      const buffer = Buffer.alloc(1024);
      let read = 0;
      try {
        read = fs.readSync(reader, buffer);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('EAGAIN');
      }
      expect(read).toBe(0);
      expect(internalFailureMessage()).not.toContain('chutes-desktop.log');
      expect(stderr.mock.calls.filter(([text]) => String(text).includes('not a regular file'))).toHaveLength(1);
    } finally {
      fs.closeSync(reader);
    }
  });
});

describe('two processes rotating one log', () => {
  it('leaves the rotation to the process holding the lock, so a fresh file never replaces the older one', () => {
    const file = logToTempFile();
    fs.writeFileSync(`${file}.1`, 'the older file\n');
    fs.appendFileSync(file, 'x'.repeat(MAX_LOG_BYTES + 1));
    // The other process is rotating right now.
    fs.writeFileSync(rotationLockPath(file), '');
    log.info('while the other one rotates');
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('the older file\n');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/ info while the other one rotates\n$/);
    // It is done: the next line rotates, and the lock is gone again.
    fs.unlinkSync(rotationLockPath(file));
    log.info('after');
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toMatch(/ info while the other one rotates\n$/);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^\S+ info after\n$/);
    expect(fs.existsSync(rotationLockPath(file))).toBe(false);
  });

  it('clears a lock left by a process killed while rotating, or dated in the future', () => {
    const file = logToTempFile();
    for (const offset of [-60_000, 3_600_000]) {
      fs.appendFileSync(file, 'x'.repeat(MAX_LOG_BYTES + 1));
      fs.writeFileSync(rotationLockPath(file), '');
      const when = new Date(Date.now() + offset);
      fs.utimesSync(rotationLockPath(file), when, when);
      log.info(`one ${offset}`);
      expect(fs.readFileSync(file, 'utf8')).toMatch(new RegExp(`^\\S+ info one ${offset}\\n$`));
      expect(fs.existsSync(rotationLockPath(file))).toBe(false);
    }
  });

  it('still rotates when a stale lock cannot be removed', () => {
    const file = logToTempFile();
    // A folder stands where the lock file would go.
    fs.mkdirSync(rotationLockPath(file));
    fs.writeFileSync(path.join(rotationLockPath(file), 'x'), '');
    const longAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(rotationLockPath(file), longAgo, longAgo);
    fs.appendFileSync(file, 'x'.repeat(MAX_LOG_BYTES + 1));
    log.info('rotated anyway');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^\S+ info rotated anyway\n$/);
    expect(fs.statSync(`${file}.1`).size).toBeGreaterThan(MAX_LOG_BYTES);
  });
});
