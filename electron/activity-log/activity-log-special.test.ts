import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { within } from '../fs/special-files.test-helper';
import { setLogSink } from '../log';
import { ACTIVITY_FILE, createActivityLog } from './activity-log';

// listActivity reads its file on request: a FIFO put in its place must not hang the app.

let dir: string | undefined;
afterEach(() => {
  if (!dir) return;
  try {
    // Wake a reader that might be stuck on the FIFO, so the worker can exit.
    closeSync(openSync(path.join(dir, ACTIVITY_FILE), constants.O_RDWR | constants.O_NONBLOCK));
  } catch {
    // nobody waiting
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform !== 'win32')('activity log on a special file', () => {
  it('answers at once with a typed failure when its file is a FIFO', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'activity-fifo-'));
    mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [path.join(dir, ACTIVITY_FILE)]);
    const error: unknown = await within(
      createActivityLog(dir)
        .read({})
        .then((page) => page.entries),
      2000,
      'list',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/FIFO/) as unknown,
    });
  });

  it('an append to a FIFO in its place is dropped with a warning, not waited on', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'activity-fifo-'));
    execFileSync('mkfifo', [path.join(dir, ACTIVITY_FILE)]);
    const warned: string[] = [];
    const restore = setLogSink((line) => warned.push(line));
    const log = createActivityLog(dir);
    try {
      await within(
        log.append({
          time: new Date().toISOString(),
          method: 'GET',
          path: '/users/me',
          auth: 'hotkey',
          status: 200,
          durationMs: 1,
        }),
        2000,
        'append',
      );
    } finally {
      setLogSink(restore);
    }
    // ENXIO: a FIFO without a reader refuses a non-blocking open for writing.
    expect(warned).toEqual([expect.stringMatching(/ warn activity log write failed: .*ENXIO/)]);
  });
});
