import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBundledChild } from '../concurrency/two-process.test-helper';
import { newHotkey, tempDir } from './fixtures.test-helper';
import { createProfileStore } from './profile-store';

// The desktop window and the web host are two processes on one data folder. Each child here is a
// real Node process with the real profile store, upserting its share of hotkeys all at once.
const CHILD = `
import { createProfileStore } from ${JSON.stringify(path.join(__dirname, 'profile-store'))};
const [dataDir, hotkeysJson] = process.argv.slice(2);
const hotkeys = JSON.parse(hotkeysJson) as string[];
const store = createProfileStore({ dataDir });
void (async () => {
  await startSignal();
  const results = await Promise.allSettled(hotkeys.map((hotkeySs58, i) =>
    store.upsert({ baseUrl: 'https://api.chutes.ai', username: 'user' + i, userId: 'id-' + i, hotkeyName: 'hk' + i, hotkeySs58, source: { kind: 'manual' } })));
  report(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String(r.reason))));
})();
`;

const child = useBundledChild(CHILD);

describe('profile store across two processes', () => {
  it('keeps all 40 profiles when two processes upsert 20 each at the same time', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const dataDir = path.join(dir, 'data');
      const hotkeys = await Promise.all(Array.from({ length: 40 }, async () => (await newHotkey()).ss58));
      const results = await child().runTogether([
        [dataDir, JSON.stringify(hotkeys.slice(0, 20))],
        [dataDir, JSON.stringify(hotkeys.slice(20))],
      ]);
      expect(results).toEqual([Array(20).fill('ok'), Array(20).fill('ok')]);
      const store = createProfileStore({ dataDir });
      const saved = (await store.list()).map((p) => p.hotkeySs58).sort();
      expect(saved).toEqual([...hotkeys].sort());
    } finally {
      await cleanup();
    }
  });
});
