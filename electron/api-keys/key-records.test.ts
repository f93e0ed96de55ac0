import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { setLogSink } from '../log';
import { createKeyRecords, KEY_RECORDS_FILE } from './key-records';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function dir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'chutes-key-records-'));
  dirs.push(d);
  return d;
}

const A = '11111111-1111-4111-8111-111111111111';
const scopes = [{ object_type: 'chutes' as const, object_id: null, action: 'invoke' as const }];

describe('local key records', () => {
  it('keeps only the declared non-secret fields, per server, and survives a restart', async () => {
    const d = await dir();
    const records = createKeyRecords(d, () => new Date('2026-01-01T00:00:00Z'));
    // An extra field smuggled in (as a careless caller might) is not written.
    await records.add('https://a', {
      keyId: 'k1',
      name: 'one',
      admin: false,
      requestedScopes: scopes,
      secret: 'cpk_SHOULD_NOT_LAND',
    } as never);
    await records.add('https://b', { keyId: 'k2', name: 'two', admin: true, requestedScopes: [] });
    const text = await readFile(path.join(d, KEY_RECORDS_FILE), 'utf8');
    expect(text).not.toContain('SHOULD_NOT_LAND');
    const reopened = createKeyRecords(d);
    expect([...(await reopened.forServer('https://a')).values()]).toEqual([
      {
        keyId: 'k1',
        name: 'one',
        admin: false,
        requestedScopes: scopes,
        createdLocallyAt: '2026-01-01T00:00:00.000Z',
        replaces: null,
      },
    ]);
    await reopened.remove('https://a', ['k1', 'unknown']);
    expect((await reopened.forServer('https://a')).size).toBe(0);
    expect((await reopened.forServer('https://b')).get('k2')?.admin).toBe(true);
  });

  it('keeps the key a rotation replaces across a restart; a record written before rotations were kept has none', async () => {
    const d = await dir();
    const old = {
      version: 1,
      records: [
        { keyId: 'k0', baseUrl: 'https://a', name: 'before', admin: true, requestedScopes: [], createdLocallyAt: 'x' },
      ],
    };
    await writeFile(path.join(d, KEY_RECORDS_FILE), JSON.stringify(old));
    const records = createKeyRecords(d);
    await records.add('https://a', {
      keyId: 'k1',
      name: 'one-r2',
      admin: true,
      requestedScopes: [],
      replaces: { id: A, name: 'one' },
    });
    const reopened = await createKeyRecords(d).forServer('https://a');
    expect(reopened.get('k1')?.replaces).toEqual({ id: A, name: 'one' });
    expect(reopened.get('k0')?.replaces).toBeNull();
  });

  it('a file from a newer app, or one that cannot be read, is never replaced by one holding only the new record', async () => {
    const restore = setLogSink(() => undefined);
    try {
      const d = await dir();
      const file = path.join(d, KEY_RECORDS_FILE);
      const newer = '{"version":2,"records":[],"more":"kept"}';
      await writeFile(file, newer, { mode: 0o600 });
      const records = createKeyRecords(d);
      expect((await records.forServer('https://a')).size).toBe(0);
      await expect(
        records.add('https://a', { keyId: A, name: 'n', admin: false, requestedScopes: scopes }),
      ).rejects.toMatchObject({
        appError: { reason: 'newer-data-format' },
      });
      expect(await readFile(file, 'utf8')).toBe(newer);
      // Too large to read (more than 8 MiB), though it could be written: a change fails rather than guess.
      const huge = JSON.stringify({ version: 1, records: [], pad: 'x'.repeat(9 * 1024 * 1024) });
      await writeFile(file, huge);
      await expect(
        records.add('https://a', { keyId: A, name: 'n', admin: false, requestedScopes: scopes }),
      ).rejects.toBeInstanceOf(AppFailure);
      expect((await readFile(file, 'utf8')).length).toBe(huge.length);
      expect((await records.forServer('https://a')).size).toBe(0);
    } finally {
      setLogSink(restore);
    }
  });

  it('keeps entries it cannot read, and fields it does not know, when it writes the file again', async () => {
    const d = await dir();
    const file = path.join(d, KEY_RECORDS_FILE);
    const known = {
      keyId: 'k1',
      baseUrl: 'https://a',
      name: 'one',
      admin: false,
      requestedScopes: [],
      createdLocallyAt: 'x',
      note: 'kept',
    };
    const unknownScope = {
      ...known,
      keyId: 'k2',
      requestedScopes: [{ object_type: 'future', object_id: null, action: 'fly' }],
    };
    await writeFile(file, JSON.stringify({ version: 1, records: [known, unknownScope, 'not a record'] }), {
      mode: 0o600,
    });
    const records = createKeyRecords(d);
    expect([...(await records.forServer('https://a')).keys()]).toEqual(['k1']);
    await records.add('https://a', { keyId: A, name: 'n', admin: false, requestedScopes: scopes });
    const stored = JSON.parse(await readFile(file, 'utf8')) as { records: unknown[] };
    expect(stored.records.slice(0, 3)).toEqual([known, unknownScope, 'not a record']);
    expect(stored.records).toHaveLength(4);
    await records.remove('https://a', ['k1']);
    expect((JSON.parse(await readFile(file, 'utf8')) as { records: unknown[] }).records).toEqual([
      unknownScope,
      'not a record',
      expect.objectContaining({ keyId: A }),
    ]);
    // A key deleted on the server goes from the file even when this version cannot read its entry.
    await records.remove('https://a', ['k2']);
    expect((JSON.parse(await readFile(file, 'utf8')) as { records: unknown[] }).records).toEqual([
      'not a record',
      expect.objectContaining({ keyId: A }),
    ]);
  });

  it('a damaged file reads as empty, and the next write moves it aside instead of overwriting it', async () => {
    const restore = setLogSink(() => undefined);
    try {
      const d = await dir();
      const damaged = '{"version":1,"records":[{"keyId":';
      await writeFile(path.join(d, KEY_RECORDS_FILE), damaged, { mode: 0o600 });
      const records = createKeyRecords(d, () => new Date('2026-12-07T08:00:00.000Z'));
      expect((await records.forServer('https://a')).size).toBe(0);
      await records.add('https://a', { keyId: A, name: 'n', admin: false, requestedScopes: scopes });
      expect(JSON.parse(await readFile(path.join(d, KEY_RECORDS_FILE), 'utf8'))).toMatchObject({
        version: 1,
        records: [{ keyId: A }],
      });
      const aside = path.join(d, `${KEY_RECORDS_FILE}.corrupt-2026-12-07T08-00-00-000Z`);
      expect(await readFile(aside, 'utf8')).toBe(damaged);
    } finally {
      setLogSink(restore);
    }
  });
});
