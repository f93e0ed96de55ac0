import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { createSessionsVersion } from './sessions-version';

let dir: string;
let previousSink: LogSink | undefined;
const logged: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sessions-version-'));
  previousSink = setLogSink((line) => logged.push(line));
});
afterEach(async () => {
  if (previousSink) setLogSink(previousSink);
  await rm(dir, { recursive: true, force: true });
});

describe('the sessions version shared through the data folder', () => {
  it('changes for every process on the folder when one removes a session, and only then', async () => {
    // Two instances on one folder stand for the desktop window and the web host.
    const window = createSessionsVersion(dir, 'svc');
    const host = createSessionsVersion(dir, 'svc');
    const before = host.current();
    expect(host.current()).toBe(before);
    await window.bump();
    const after = host.current();
    expect(after).not.toBe(before);
    expect(host.current()).toBe(after);
    await window.bump();
    expect(host.current()).not.toBe(after);
    // Another keychain service keeps its own marker.
    const other = createSessionsVersion(dir, 'other');
    const otherBefore = other.current();
    await window.bump();
    expect(other.current()).toBe(otherBefore);
  });

  it('without a data folder counts in-process; with one it cannot write to, it still changes in-process', async () => {
    const local = createSessionsVersion(undefined, 'svc');
    const first = local.current();
    await local.bump();
    expect(local.current()).not.toBe(first);
    const file = path.join(dir, 'a-file');
    await writeFile(file, '');
    const broken = createSessionsVersion(path.join(file, 'data'), 'svc');
    await expect(broken.bump()).resolves.toBeUndefined();
    expect(logged.join('\n')).toMatch(/could not mark a removed session/);
    // ENOTDIR reads as "no marker": stable, but the in-process bump still changed it.
    const a = broken.current();
    await broken.bump();
    expect(broken.current()).not.toBe(a);
  });

  it('never lets memory be trusted when the marker cannot be looked at', async () => {
    const loop = createSessionsVersion(dir, 'svc');
    // A symbolic link to itself where the marker goes: stat fails with ELOOP.
    await symlink(path.join(dir, 'sessions-removed.svc'), path.join(dir, 'sessions-removed.svc'));
    expect(loop.current()).not.toBe(loop.current());
  });
});
