import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { useBundledChild } from '../concurrency/two-process.test-helper';
import { createKeyRecords } from './key-records';

// The desktop window and the web host are two processes on one data folder; each keeps the
// records of the API keys it creates. Each child is a real Node process with the real store.
const CHILD = `
import { createKeyRecords } from ${JSON.stringify(path.join(__dirname, 'key-records'))};
const [dataDir, prefix, removeJson] = process.argv.slice(2);
const records = createKeyRecords(dataDir);
void (async () => {
  // Read once first, as the API keys screen does, so a process that kept what it read would show it.
  await records.forServer('https://api.chutes.ai');
  await startSignal();
  const adds = Array.from({ length: 20 }, (_, i) =>
    records.add('https://api.chutes.ai', { keyId: prefix + i, name: 'key ' + i, admin: false, requestedScopes: [] }));
  const removes = (JSON.parse(removeJson) as string[]).map((id) => records.remove('https://api.chutes.ai', [id]));
  const results = await Promise.allSettled([...adds, ...removes]);
  report(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String(r.reason))));
})();
`;

const child = useBundledChild(CHILD);

describe('API key records across two processes', () => {
  it("keeps every record when two processes add and remove at once, and each sees the other's", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'key-records-2p-'));
    try {
      const seeded = createKeyRecords(dataDir);
      for (const id of ['old-a', 'old-b'])
        await seeded.add('https://api.chutes.ai', { keyId: id, name: id, admin: false, requestedScopes: [] });
      const results = await child().runTogether([
        [dataDir, 'a', JSON.stringify(['old-a'])],
        [dataDir, 'b', JSON.stringify(['old-b'])],
      ]);
      expect(results).toEqual([Array(21).fill('ok'), Array(21).fill('ok')]);
      const expected = [...Array.from({ length: 20 }, (_, i) => [`a${i}`, `b${i}`]).flat()].sort();
      expect([...(await createKeyRecords(dataDir).forServer('https://api.chutes.ai')).keys()].sort()).toEqual(expected);
      // The store that seeded the file (a process that was running all along) sees the same.
      expect([...(await seeded.forServer('https://api.chutes.ai')).keys()].sort()).toEqual(expected);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
