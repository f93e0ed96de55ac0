import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, type ChildScript } from '../concurrency/two-process.test-helper';
import { newHotkey } from '../profiles/fixtures.test-helper';
import { withFileLock } from '../concurrency/file-lock';
import { seedIndexLockPaths } from './seed-index-lock';
import { isTransientKeychainError } from './keychain-call';
import { createOsSeedVault } from './os-seed-vault';
import { rawEntry, seedOf, surviveKeyringCrash, useTestVault } from './fixtures/secret-service';

// The seed index is one keychain entry that the window and the web host both rewrite. Two real
// processes, each with the real OS vault on the same data folder, store 20 seeds each at once.
const CHILD = `
import { randomBytes } from 'node:crypto';
import { createOsSeedVault } from ${JSON.stringify(path.join(__dirname, 'os-seed-vault'))};
import { setLogSink } from ${JSON.stringify(path.join(__dirname, '../log'))};
setLogSink(() => undefined);
const [dataDir, seedService, sessionService, hotkeysJson, mode = 'put', runtime = 'own'] = process.argv.slice(2);
const hotkeys = JSON.parse(hotkeysJson) as string[];
// A process started without a runtime folder (sudo -u, cron) still shares the data folder's lock.
if (runtime === 'none') delete process.env.XDG_RUNTIME_DIR;
const vault = createOsSeedVault({ seedService, sessionService, dataDir, timeoutMs: 30_000 });
void (async () => {
  await startSignal();
  // One put at a time in each process (the in-process queue would serialise them anyway): the
  // race under test is between the two processes, and 40 concurrent D-Bus callers have crashed
  // gnome-keyring-daemon itself on this machine.
  const results: string[] = [];
  if (mode === 'put')
    for (const [i, ss58] of hotkeys.entries()) {
      results.push(await vault.putSeed(ss58, randomBytes(32), 'hk' + i).then(() => 'ok', (error: unknown) => String(error)));
    }
  // The other window removing one seed.
  else results.push(await vault.removeSeed(hotkeys[0] ?? '').then(String, (error: unknown) => String(error)));
  report(results);
})();
`;

const { vault, seedService, sessionService } = useTestVault({ timeoutMs: 30_000 });
let child: ChildScript;
let dataDir: string;

let runtimeDir: string;
const savedRuntime = process.env.XDG_RUNTIME_DIR;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seed-index-two-'));
  // A private runtime folder of the test's own (mkdtemp makes it 0700), seen by this process and the children.
  runtimeDir = await mkdtemp(path.join(os.tmpdir(), 'seed-index-runtime-'));
  process.env.XDG_RUNTIME_DIR = runtimeDir;
  child = await bundleChild(CHILD);
});
afterAll(async () => {
  await child.dispose();
  if (savedRuntime === undefined) delete process.env.XDG_RUNTIME_DIR;
  else process.env.XDG_RUNTIME_DIR = savedRuntime;
  await rm(dataDir, { recursive: true, force: true });
  await rm(runtimeDir, { recursive: true, force: true });
});

/** A test that runs again, once, only if gnome-keyring-daemon itself died under it (fixtures/secret-service.ts). */
const itSurvivingCrash = (name: string, test: () => Promise<void>) =>
  it(name, () => surviveKeyringCrash(test, () => vault.listSeeds()), 120_000);

/**
 * Two processes store 20 seeds each at once — the first on this test's data folder, the second as
 * `second` says — and the listing must hold all 40 beside what was there before (seeds a try cut
 * short by a daemon crash left behind included).
 */
async function storeFortyAtOnce(second: { dataDir: string; runtime?: 'none' }): Promise<{ before: string[] }> {
  const hotkeys = await Promise.all(Array.from({ length: 40 }, async () => (await newHotkey()).ss58));
  const before = await vault.listSeeds();
  const results = await child.runTogether([
    [dataDir, seedService, sessionService, JSON.stringify(hotkeys.slice(0, 20))],
    [second.dataDir, seedService, sessionService, JSON.stringify(hotkeys.slice(20)), 'put', second.runtime ?? 'own'],
  ]);
  expect(results).toEqual([Array(20).fill('ok'), Array(20).fill('ok')]);
  expect(await vault.listSeeds()).toEqual([...before, ...hotkeys].sort());
  return { before };
}

describe('seed index across two processes (real Secret Service)', () => {
  itSurvivingCrash('lists all 40 hotkeys when two processes store 20 seeds each at the same time', async () => {
    const { before } = await storeFortyAtOnce({ dataDir });
    expect(await vault.listSeedLabels()).toHaveLength(before.length + 40);
  });

  itSurvivingCrash('lists all 40 when the two processes use different data folders on the same keychain', async () => {
    // A second CHUTES_DESKTOP_DATA_DIR shares the keychain, so it must share the index lock too.
    const otherDataDir = await mkdtemp(path.join(os.tmpdir(), 'seed-index-two-other-'));
    try {
      await storeFortyAtOnce({ dataDir: otherDataDir });
    } finally {
      await rm(otherDataDir, { recursive: true, force: true });
    }
  });

  itSurvivingCrash('lists all 40 when one of the processes on the data folder has no runtime folder', async () => {
    await storeFortyAtOnce({ dataDir, runtime: 'none' });
  });

  itSurvivingCrash('keeps a seed listed that this process stored again while the other was removing it', async () => {
    // This process is the desktop window, on the same data folder (and so the same lock) as the child.
    const here = createOsSeedVault({ seedService, sessionService, dataDir, timeoutMs: 30_000 });
    const hotkey = (await newHotkey()).ss58;
    await here.putSeed(hotkey, seedOf(1), 'first');
    const present = async () => {
      // Read raw, beside the app: an item the other process deletes under this very read answers
      // "No such interface …Secret.Item" (the app's own calls retry that; keychain-call.ts) — gone.
      const bytes = await rawEntry(seedService, hotkey)
        .getSecret()
        .catch((error: unknown) => {
          if (isTransientKeychainError(error)) return null;
          throw error;
        });
      bytes?.fill(0);
      return bytes !== null && bytes !== undefined;
    };
    const until = async (want: boolean) => {
      for (let i = 0; i < 500 && (await present()) !== want; i++) await new Promise((r) => setTimeout(r, 10));
    };
    // Hold the index lock so the two index updates wait, and the order is: the other process
    // deletes the seed, this one stores it again and lists it, then the other updates the index.
    let release: () => void = () => undefined;
    const first = seedIndexLockPaths(dataDir, sessionService)[0];
    if (first === undefined) throw new Error('the seed index has no lock file');
    const held = withFileLock(first, () => new Promise<void>((r) => (release = r)));
    let storing: Promise<void> | undefined;
    const other = child.startOne([dataDir, seedService, sessionService, JSON.stringify([hotkey]), 'remove']);
    try {
      await new Promise((r) => setTimeout(r, 20));
      other.go();
      await until(false);
      storing = here.putSeed(hotkey, seedOf(2), 'again');
      await until(true);
    } finally {
      // Whatever failed above, the lock is let go: a second try (surviveKeyringCrash) needs it.
      release();
    }
    await held;
    await storing;
    expect(await other.line).toEqual(['true']);
    // Listed first: reading a seed that is gone drops its entry, which would hide the problem.
    expect(await here.listSeeds()).toContain(hotkey);
    expect(await present()).toBe(true);
  });
});
