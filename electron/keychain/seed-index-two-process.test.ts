import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, type ChildScript } from '../concurrency/two-process.test-helper';
import { newHotkey } from '../profiles/fixtures.test-helper';
import { useTestVault } from './fixtures/secret-service';

// The seed index is one keychain entry that the window and the web host both rewrite. Two real
// processes, each with the real OS vault on the same data folder, store 20 seeds each at once.
const CHILD = `
import { randomBytes } from 'node:crypto';
import { createOsSeedVault } from ${JSON.stringify(path.join(__dirname, 'os-seed-vault'))};
import { setLogSink } from ${JSON.stringify(path.join(__dirname, '../log'))};
setLogSink(() => undefined);
const [dataDir, seedService, sessionService, hotkeysJson] = process.argv.slice(2);
const hotkeys = JSON.parse(hotkeysJson) as string[];
const vault = createOsSeedVault({ seedService, sessionService, dataDir, timeoutMs: 30_000 });
void (async () => {
  await startSignal();
  // One put at a time in each process (the in-process queue would serialise them anyway): the
  // race under test is between the two processes, and 40 concurrent D-Bus callers have crashed
  // gnome-keyring-daemon itself on this machine.
  const results: string[] = [];
  for (const [i, ss58] of hotkeys.entries()) {
    results.push(await vault.putSeed(ss58, randomBytes(32), 'hk' + i).then(() => 'ok', (error: unknown) => String(error)));
  }
  report(results);
})();
`;

const { vault, seedService, sessionService } = useTestVault({ timeoutMs: 30_000 });
let child: ChildScript;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seed-index-two-'));
  child = await bundleChild(CHILD);
});
afterAll(async () => {
  await child.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('seed index across two processes (real Secret Service)', () => {
  it('lists all 40 hotkeys when two processes store 20 seeds each at the same time', async () => {
    const hotkeys = await Promise.all(Array.from({ length: 40 }, async () => (await newHotkey()).ss58));
    const results = await child.runTogether([
      [dataDir, seedService, sessionService, JSON.stringify(hotkeys.slice(0, 20))],
      [dataDir, seedService, sessionService, JSON.stringify(hotkeys.slice(20))],
    ]);
    expect(results).toEqual([Array(20).fill('ok'), Array(20).fill('ok')]);
    expect(await vault.listSeeds()).toEqual([...hotkeys].sort());
    expect(await vault.listSeedLabels()).toHaveLength(40);
  }, 60_000);
});
