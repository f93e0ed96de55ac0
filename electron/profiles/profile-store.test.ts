import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../log';
import { newHotkey, tempDir, USER_ID, type TestHotkey } from './fixtures.test-helper';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { createProfileStore, type ProfileStore } from './profile-store';
import type { ProfileInput } from '../../shared/profiles';

let dir: string;
let cleanup: () => Promise<void>;
let vault: MemorySeedVault;
let store: ProfileStore;
let hotkey: TestHotkey;
let logLines: string[];
let restoreSink: ReturnType<typeof setLogSink>;

const input = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  baseUrl: 'https://api.chutes.ai/',
  username: 'alice_dev',
  userId: USER_ID,
  hotkeyName: 'default',
  hotkeySs58: hotkey.ss58,
  source: { kind: 'manual' },
  ...overrides,
});

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  vault = new MemorySeedVault();
  store = createProfileStore({
    dataDir: path.join(dir, 'data'),
    now: () => new Date('2026-05-25T10:00:00.000Z'),
  });
  hotkey = await newHotkey();
  logLines = [];
  restoreSink = setLogSink((line) => logLines.push(line));
});
afterEach(async () => {
  setLogSink(restoreSink);
  await cleanup();
});

describe('profile store', () => {
  it('starts empty and stores profiles.json 0600 inside a 0700 data dir', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.getActive()).toBeNull();
    const profile = await store.upsert(input());
    expect(profile).toMatchObject({
      displayName: 'alice_dev @ api.chutes.ai',
      baseUrl: 'https://api.chutes.ai',
      paymentAddress: null,
    });
    expect(await store.getActive()).toEqual(profile);
    if (process.platform !== 'win32') {
      expect((await stat(store.filePath)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(store.filePath))).mode & 0o777).toBe(0o700);
    }
    const onDisk = JSON.parse(await readFile(store.filePath, 'utf8')) as { version: number; activeId: string };
    expect(onDisk).toMatchObject({ version: 1, activeId: profile.id });
  });

  it('upserts by (base URL, hotkey): re-adding updates, another server adds a second profile', async () => {
    const first = await store.upsert(input());
    const again = await store.upsert(input({ username: 'alice2' }));
    expect(again.id).toBe(first.id);
    expect(again.username).toBe('alice2');
    expect(again.displayName).toBe(first.displayName);
    const staging = await store.upsert(input({ baseUrl: 'https://staging.chutes.dev' }));
    expect(staging.id).not.toBe(first.id);
    expect(staging.displayName).toBe('alice_dev @ staging.chutes.dev');
    expect((await store.list()).map((p) => p.id)).toEqual([first.id, staging.id]);
  });

  it('switches the active profile and renames', async () => {
    const a = await store.upsert(input());
    const b = await store.upsert(input({ baseUrl: 'https://sandbox.local:8080', displayName: 'Sandbox' }));
    expect((await store.getActive())?.id).toBe(a.id);
    await store.setActive(b.id);
    expect((await store.getActive())?.displayName).toBe('Sandbox');
    const snapshot = await store.snapshot();
    expect(snapshot.activeId).toBe(b.id);
    expect(snapshot.profiles.map((p) => p.id)).toEqual([a.id, b.id]);
    const renamed = await store.rename(b.id, '  Local sandbox ');
    expect(renamed.displayName).toBe('Local sandbox');
    expect((await store.get(b.id)).displayName).toBe('Local sandbox');
    await expect(store.rename(b.id, '   ')).rejects.toMatchObject({
      appError: { code: 'invalid-input', message: 'Give the profile a name' },
    });
    await expect(store.setActive('missing')).rejects.toMatchObject({ appError: { code: 'not-found' } });
  });

  it('removing the active profile activates the next, and the last leaves none active', async () => {
    await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
    const a = await store.upsert(input());
    const b = await store.upsert(input({ baseUrl: 'https://staging.chutes.dev' }));
    expect(await store.remove(a.id)).toMatchObject({ activeId: b.id });
    expect(await store.remove(b.id)).toMatchObject({ activeId: null });
    expect(await store.getActive()).toBeNull();
  });

  it('rejects invalid input with field paths', async () => {
    await expect(store.upsert(input({ hotkeySs58: 'not-an-address', username: 'a\tb' }))).rejects.toMatchObject({
      appError: {
        code: 'invalid-input',
        detail: {
          fields: expect.arrayContaining([
            expect.objectContaining({ path: 'hotkeySs58' }),
            expect.objectContaining({ path: 'username' }),
          ]) as unknown,
        },
      },
    });
  });

  it('refuses to edit a profile into a duplicate of another account', async () => {
    const a = await store.upsert(input());
    const b = await store.upsert(input({ baseUrl: 'https://staging.chutes.dev' }));
    await expect(store.upsert(input({ id: b.id }))).rejects.toMatchObject({
      appError: { code: 'conflict', message: expect.stringContaining(a.displayName) as unknown },
    });
  });

  it('serialises concurrent writes', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => newHotkey()));
    await Promise.all(keys.map((k) => store.upsert(input({ hotkeySs58: k.ss58 }))));
    expect(await store.list()).toHaveLength(4);
  });
});

describe('followAccount', () => {
  it("sets the server's user id and username on the profile as it is now, and a default display name follows", async () => {
    const profile = await store.upsert(input({ username: 'alicia', userId: 'stale-id' }));
    const named = await store.upsert(input({ username: 'bob', baseUrl: 'http://127.0.0.1:9', displayName: 'Work' }));
    await store.rename(profile.id, 'alicia @ api.chutes.ai'); // still the default name
    const followed = await store.followAccount(profile.id, hotkey.ss58, { userId: USER_ID, username: 'alice_dev' });
    expect(followed).toMatchObject({
      userId: USER_ID,
      username: 'alice_dev',
      displayName: 'alice_dev @ api.chutes.ai',
    });
    // A name the user chose stays.
    expect(await store.followAccount(named.id, hotkey.ss58, { userId: 'u2', username: 'bobby' })).toMatchObject({
      username: 'bobby',
      displayName: 'Work',
    });
    // The profile moved to another hotkey meanwhile: nothing changes.
    const other = await newHotkey();
    await store.upsert({
      ...input({ username: 'bobby', userId: 'u2', baseUrl: 'http://127.0.0.1:9' }),
      id: named.id,
      hotkeySs58: other.ss58,
    });
    expect(await store.followAccount(named.id, hotkey.ss58, { userId: 'u3', username: 'carol' })).toMatchObject({
      userId: 'u2',
      username: 'bobby',
    });
    await expect(store.followAccount(profile.id, hotkey.ss58, { userId: 'x', username: 'a\nb' })).rejects.toMatchObject(
      {
        appError: { code: 'invalid-input' },
      },
    );
  });
});

describe('profiles.json corruption', () => {
  it('moves an unparsable file aside, reports it once, then starts empty', async () => {
    await store.upsert(input());
    await writeFile(store.filePath, '{"version": 1, "profiles": [ truncated');
    await expect(store.list()).rejects.toMatchObject({
      appError: {
        code: 'conflict',
        reason: 'data-file-corrupt',
        message: expect.stringContaining('profiles.json.corrupt-2026-05-25T10-00-00-000Z') as unknown,
        // Said wherever the failure shows: not "try again", which not every screen offers.
        detail: {
          hint: 'The list starts empty from the next read: import your CLI config again, or restore the moved file.',
        },
      },
    });
    const files = await readdir(path.dirname(store.filePath));
    expect(files).toEqual(['profiles.json.corrupt-2026-05-25T10-00-00-000Z']);
    expect(await readFile(path.join(path.dirname(store.filePath), files[0] ?? ''), 'utf8')).toContain('truncated');
    expect(logLines.join('\n')).toContain('not valid JSON');
    expect(await store.list()).toEqual([]);
  });

  it('treats schema violations as corruption and never writes over them', async () => {
    await store.upsert(input());
    const original = JSON.parse(await readFile(store.filePath, 'utf8')) as { profiles: Array<Record<string, unknown>> };
    const first = original.profiles[0];
    if (first) delete first.hotkeySs58;
    await writeFile(store.filePath, JSON.stringify(original));
    await expect(store.upsert(input({ baseUrl: 'https://other.example' }))).rejects.toMatchObject({
      appError: { message: expect.stringContaining('profiles.0.hotkeySs58') as unknown },
    });
    const aside = (await readdir(path.dirname(store.filePath))).find((f) => f.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(path.dirname(store.filePath), aside ?? ''), 'utf8')).toBe(JSON.stringify(original));
  });

  it("reads an address saved with a bare '?' or '#' at its end (accepted by earlier versions) without it", async () => {
    await store.upsert(input({ baseUrl: 'http://127.0.0.1:8000' }));
    const saved = JSON.parse(await readFile(store.filePath, 'utf8')) as { profiles: Array<Record<string, unknown>> };
    for (const ending of ['?', '#', '/?#']) {
      const first = saved.profiles[0];
      if (first) first.baseUrl = `http://127.0.0.1:8000${ending}`;
      await writeFile(store.filePath, JSON.stringify(saved));
      expect((await store.list())[0]?.baseUrl).toBe('http://127.0.0.1:8000');
    }
    expect((await readdir(path.dirname(store.filePath))).some((f) => f.includes('.corrupt-'))).toBe(false);
  });

  it('leaves a file from a newer app version alone', async () => {
    await store.upsert(input());
    await writeFile(store.filePath, JSON.stringify({ version: 2, profiles: 'new shape' }));
    await expect(store.list()).rejects.toMatchObject({
      appError: { code: 'conflict', message: expect.stringContaining('newer version') as unknown },
    });
    expect(await readdir(path.dirname(store.filePath))).toEqual(['profiles.json']);
  });

  it('repairs a dangling active id without calling it corruption', async () => {
    const a = await store.upsert(input());
    await writeFile(
      store.filePath,
      (await readFile(store.filePath, 'utf8')).replace(`"activeId": "${a.id}"`, '"activeId": "gone"'),
    );
    expect(await store.getActive()).toBeNull();
    expect(await store.list()).toHaveLength(1);
  });
});
