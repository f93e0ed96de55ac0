import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpecialFiles } from '../fs/special-files.test-helper';
import { setLogSink, type LogSink } from '../log';
import { cliConfigText, newHotkey, tempDir, type TestHotkey } from './fixtures.test-helper';
import { SEED_COPIES_FILE, createSeedCopies, type SeedCopies } from './seed-copies';
import type { Profile } from '../../shared/profiles';

let dir: string;
let cleanup: () => Promise<void>;
let hotkey: TestHotkey;
let other: TestHotkey;
let copies: SeedCopies;
let cliConfigPath: string;
let previousSink: LogSink | undefined;
const logged: string[] = [];
const AT = new Date('2026-12-06T11:00:00.000Z');

beforeEach(async () => {
  previousSink = setLogSink((line) => logged.push(line));
  logged.length = 0;
  ({ dir, cleanup } = await tempDir());
  [hotkey, other] = await Promise.all([newHotkey(), newHotkey()]);
  cliConfigPath = path.join(dir, '.chutes', 'config.ini');
  copies = createSeedCopies({ dataDir: path.join(dir, 'data'), cliConfigPath, now: () => AT });
});

afterEach(async () => {
  if (previousSink) setLogSink(previousSink);
  await cleanup();
});

async function writeConfig(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { mode: 0o600 });
}

describe('config files that hold a seed', () => {
  it('lists an export the app recorded, with its date, while the file still holds that seed', async () => {
    const exported = path.join(dir, 'backup', 'config.ini');
    await writeConfig(exported, cliConfigText(hotkey));
    await copies.record(hotkey.ss58, exported);
    expect(await copies.find(hotkey.ss58)).toEqual([{ path: exported, exportedAt: AT.toISOString() }]);
    // Another hotkey's seed is not counted, nor a file that no longer holds it.
    expect(await copies.find(other.ss58)).toEqual([]);
    await writeFile(exported, cliConfigText(hotkey, { seed: null }));
    expect(await copies.find(hotkey.ss58)).toEqual([]);
  });

  it("finds the CLI's own config holding the seed without any record", async () => {
    await writeConfig(cliConfigPath, cliConfigText(hotkey));
    expect(await copies.find(hotkey.ss58)).toEqual([{ path: cliConfigPath, exportedAt: null }]);
  });

  it('finds a file a profile was imported from that still holds the seed, and lists it once', async () => {
    const imported = path.join(dir, 'elsewhere', 'config.ini');
    await writeConfig(imported, cliConfigText(hotkey));
    const profile = (ss58: string, file: string, kind: 'cli-import' | 'manual' = 'cli-import') =>
      ({ hotkeySs58: ss58, source: kind === 'manual' ? { kind } : { kind, path: file, via: 'picked' } }) as Profile;
    const listed = [
      profile(hotkey.ss58, imported),
      profile(hotkey.ss58, imported),
      profile(other.ss58, cliConfigPath),
      profile(hotkey.ss58, '', 'manual'),
    ];
    const withProfiles = createSeedCopies({
      dataDir: path.join(dir, 'data'),
      cliConfigPath,
      profiles: { list: () => Promise.resolve(listed) },
      now: () => AT,
    });
    expect(await withProfiles.find(hotkey.ss58)).toEqual([{ path: imported, exportedAt: null }]);
    expect(await withProfiles.find(other.ss58)).toEqual([]);
    // The import stripped the seed: not a copy.
    await writeFile(imported, cliConfigText(hotkey, { seed: null }));
    expect(await withProfiles.find(hotkey.ss58)).toEqual([]);
    // A profiles file that cannot be read costs the hint only.
    const broken = createSeedCopies({
      dataDir: path.join(dir, 'data'),
      cliConfigPath,
      profiles: { list: () => Promise.reject(new Error('damaged')) },
    });
    await writeConfig(cliConfigPath, cliConfigText(hotkey));
    expect(await broken.find(hotkey.ss58)).toEqual([{ path: cliConfigPath, exportedAt: null }]);
  });

  it('counts only a seed that derives the address the file names', async () => {
    // The file names this hotkey but holds another's seed: not a copy of this seed.
    await writeConfig(cliConfigPath, cliConfigText(hotkey, { seed: other.seedHex }));
    expect(await copies.find(hotkey.ss58)).toEqual([]);
    expect(await copies.find(other.ss58)).toEqual([]);
    for (const bad of ['not-hex', `${hotkey.seedHex}00`, '%(x)s']) {
      await writeFile(cliConfigPath, cliConfigText(hotkey, { seed: bad }));
      expect(await copies.find(hotkey.ss58)).toEqual([]);
    }
  });

  it('treats missing, unreadable and special files (a FIFO too) as no copy, without failing or waiting', async () => {
    const special = await makeSpecialFiles(path.join(dir, 'special'));
    try {
      const written = path.join(dir, 'written.ini');
      await writeConfig(written, cliConfigText(hotkey));
      for (const p of [...Object.values(special.paths), written]) await copies.record(hotkey.ss58, p);
      // Each of these is the CLI config path in turn, too.
      for (const p of Object.values(special.paths)) {
        const asCliConfig = createSeedCopies({ dataDir: path.join(dir, 'data'), cliConfigPath: p, now: () => AT });
        expect(await asCliConfig.find(hotkey.ss58)).toEqual([{ path: written, exportedAt: AT.toISOString() }]);
      }
    } finally {
      await special.release();
    }
  });

  it('forgets notes of files that are gone when it notes another', async () => {
    const gone = path.join(dir, 'gone.ini');
    const kept = path.join(dir, 'kept.ini');
    await writeConfig(kept, cliConfigText(hotkey));
    await copies.record(hotkey.ss58, gone);
    await copies.record(hotkey.ss58, kept);
    const stored = JSON.parse(await readFile(path.join(dir, 'data', SEED_COPIES_FILE), 'utf8')) as {
      copies: Record<string, Array<{ path: string }>>;
    };
    expect(stored.copies[hotkey.ss58]?.map((c) => c.path)).toEqual([kept]);
  });

  it('keeps one entry per path (the latest date) and at most twenty per hotkey', async () => {
    const file = path.join(dir, 'a.ini');
    await writeConfig(file, cliConfigText(hotkey));
    let now = AT;
    const later = createSeedCopies({ dataDir: path.join(dir, 'data'), cliConfigPath, now: () => now });
    await later.record(hotkey.ss58, file);
    now = new Date('2026-12-07T08:00:00.000Z');
    await later.record(hotkey.ss58, file);
    expect(await later.find(hotkey.ss58)).toEqual([{ path: file, exportedAt: now.toISOString() }]);
    for (let i = 0; i < 25; i++) {
      const other = path.join(dir, `other-${i}.ini`);
      await writeFile(other, '');
      await later.record(hotkey.ss58, other);
    }
    const stored = JSON.parse(await readFile(path.join(dir, 'data', SEED_COPIES_FILE), 'utf8')) as {
      copies: Record<string, unknown[]>;
    };
    expect(stored.copies[hotkey.ss58]).toHaveLength(20);
    expect(JSON.stringify(stored)).not.toContain(hotkey.seedHex);
    expect((await stat(path.join(dir, 'data', SEED_COPIES_FILE))).mode & 0o777).toBe(0o600);
  });

  it('reads only well-formed notes, and a record that cannot be written loses only the note', async () => {
    const record = path.join(dir, 'data', SEED_COPIES_FILE);
    const written = path.join(dir, 'written.ini');
    await writeConfig(written, cliConfigText(hotkey));
    await writeConfig(cliConfigPath, cliConfigText(hotkey));
    const stored = {
      version: 1,
      copies: {
        ['__proto__']: [{ path: written, at: 'x' }],
        '5bad': [{ path: written, at: 'x' }],
        [hotkey.ss58]: [{ path: 'relative.ini', at: 'x' }, { path: written }, { path: written, at: 3 }, 'text', null],
      },
    };
    await writeConfig(record, JSON.stringify(stored));
    expect(await readFile(record, 'utf8')).toContain('"__proto__":[');
    expect(await copies.find(hotkey.ss58)).toEqual([{ path: cliConfigPath, exportedAt: null }]);
    expect(({} as Record<string, unknown>).path).toBeUndefined();
    await writeConfig(record, '{"version": 1, "copies": {"5bad": 3');
    expect(await copies.find(hotkey.ss58)).toEqual([{ path: cliConfigPath, exportedAt: null }]);
    await copies.record(hotkey.ss58, cliConfigPath);
    expect(await copies.find(hotkey.ss58)).toEqual([{ path: cliConfigPath, exportedAt: AT.toISOString() }]);
    // A data folder that cannot be written: the export that asked for the note is not failed by it.
    const readOnly = createSeedCopies({ dataDir: path.join(dir, 'data', SEED_COPIES_FILE), cliConfigPath });
    await expect(readOnly.record(hotkey.ss58, cliConfigPath)).resolves.toBeUndefined();
    expect(logged.join('\n')).toMatch(/seed copies: could not note an export/);
  });
});
