import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../log';
import { exportCliConfig } from './export-cli-config';
import { cliConfigText, newHotkey, tempDir } from './fixtures.test-helper';
import { importCliConfig } from './import-cli-config';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { createProfileStore } from './profile-store';

/** A seed nobody could mistake for anything else; it must surface only where the user asked for it. */
const CANARY = 'c0ffee00deadbeef'.repeat(4);

let dir: string;
let cleanup: () => Promise<void>;
let logLines: string[];
let restoreSink: ReturnType<typeof setLogSink>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  logLines = [];
  restoreSink = setLogSink((line) => logLines.push(line));
});
afterEach(async () => {
  setLogSink(restoreSink);
  await cleanup();
});

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const variants = [CANARY, CANARY.toUpperCase(), Buffer.from(CANARY, 'hex').toString('base64')];
const leaks = (text: string) => variants.filter((v) => text.includes(v));

describe('seed canary', () => {
  it('the seed appears in no return value, error, log line or file except the source and an explicit seeded export', async () => {
    const hotkey = await newHotkey(Uint8Array.from(Buffer.from(CANARY, 'hex')));
    const vault = new MemorySeedVault();
    const store = createProfileStore({ dataDir: path.join(dir, 'data') });
    const source = path.join(dir, 'cli', 'config.ini');
    const sourceText = cliConfigText(hotkey, { extra: '[tools]\neditor = vim\n' });
    await mkdir(path.dirname(source));
    await writeFile(source, sourceText, { mode: 0o600 });

    const outputs: unknown[] = [];
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        outputs.push(await fn());
      } catch (error) {
        errors.push(error);
      }
    };
    const common = { store, vault, via: 'picked' as const, fallbackApiUrl: 'https://api.chutes.ai' };

    await attempt(() => importCliConfig({ ...common, path: source, stripSeed: false }));
    const [profile] = await store.list();
    expect(profile).toBeDefined();
    const profileId = profile?.id ?? '';
    const seedless = path.join(dir, 'exports', 'no-seed.ini');
    await attempt(() => exportCliConfig({ store, vault, profileId, targetPath: seedless }));
    await attempt(() => store.list());
    await attempt(() => store.getActive());
    await attempt(() => store.get(profileId));

    // Files that put the seed where it does not belong: mismatch, malformed lines, bad length, the
    // seed as a key (imports, using the keychain copy) and as a broken header; then a clobber refusal.
    const other = await newHotkey();
    const broken = path.join(dir, 'cli', 'broken.ini');
    for (const text of [
      cliConfigText(other, { seed: CANARY }),
      sourceText.replace(`hotkey_seed = ${CANARY}`, `hotkey_seed ${CANARY}`),
      sourceText.replace(`hotkey_seed = ${CANARY}`, `hotkey_seed = ${CANARY}ff`),
      sourceText.replace(`hotkey_seed = ${CANARY}`, `${CANARY} = 1`),
      sourceText.replace('[payment]', `[${CANARY}`),
    ]) {
      await writeFile(broken, text);
      await attempt(() => importCliConfig({ ...common, path: broken, stripSeed: true }));
    }
    await attempt(() => exportCliConfig({ store, vault, profileId, targetPath: seedless, includeSeed: true }));
    expect(errors).toHaveLength(5);

    // The one sanctioned plaintext copy, then strip the source so only that copy remains.
    const seeded = path.join(dir, 'exports', 'with-seed.ini');
    await attempt(() => exportCliConfig({ store, vault, profileId, targetPath: seeded, includeSeed: true }));
    await attempt(() => importCliConfig({ ...common, path: source, stripSeed: true }));
    expect(errors).toHaveLength(5);

    const described = errors.map((e) =>
      e instanceof Error ? `${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e)}` : String(e),
    );
    expect(leaks(JSON.stringify(outputs))).toEqual([]);
    expect(leaks(described.join('\n'))).toEqual([]);
    expect(leaks(logLines.join('\n'))).toEqual([]);
    // The logger scrubs hex runs as a second line of defence; our lines must not need it.
    expect(logLines.join('\n')).not.toContain('[redacted');
    expect(logLines.length).toBeGreaterThan(0);

    const holders: string[] = [];
    for (const file of await filesUnder(dir)) {
      if (leaks(await readFile(file, 'utf8')).length > 0) holders.push(path.relative(dir, file));
    }
    // broken.ini is test input we planted; the source was stripped on request.
    expect(holders.sort()).toEqual([path.join('cli', 'broken.ini'), path.join('exports', 'with-seed.ini')]);
    expect(await readFile(source, 'utf8')).not.toContain('hotkey_seed');
  });
});
