import { randomUUID } from 'node:crypto';
import * as keyring from '@napi-rs/keyring';
import type * as Keyring from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLogSink } from '../log';
import { ss58FromSeed } from '../signer';
import { dropSeedIndex, failure, rawEntry, requireSecretService, seedOf } from './fixtures/secret-service';
import { createOsSeedVault } from './os-seed-vault';
import { DAMAGED_SEED_INDEX_ACCOUNT, SEED_INDEX_ACCOUNT } from './seed-index';

// Wrap the real search in a spy: listing must never search the seed service (that returns every secret).
vi.mock('@napi-rs/keyring', async (importOriginal) => {
  const actual = await importOriginal<typeof Keyring>();
  return { ...actual, findCredentialsAsync: vi.fn(actual.findCredentialsAsync) };
});

const run = randomUUID();
const seedService = `chutes-desktop-test-index-${run}`;
const sessionService = `chutes-desktop-test-index-session-${run}`;
const vault = createOsSeedVault({ seedService, sessionService, timeoutMs: 10_000 });
const indexEntry = () => rawEntry(sessionService, SEED_INDEX_ACCOUNT);

// Real, checksummed addresses with the seeds that belong to them.
const keys: Array<{ ss58: string; seed: Uint8Array }> = [];
const key = (i: number) => {
  const k = keys[i];
  if (!k) throw new Error(`no test key ${i}`);
  return k;
};
const logLines: string[] = [];
let restoreLog: ReturnType<typeof setLogSink>;
let ready = false;

beforeAll(async () => {
  restoreLog = setLogSink((line) => logLines.push(line));
  await requireSecretService(vault);
  for (let i = 1; i <= 14; i++) keys.push({ ss58: await ss58FromSeed(seedOf(i)), seed: seedOf(i) });
  ready = true;
});

afterAll(async () => {
  setLogSink(restoreLog);
  if (!ready) return;
  for (const { ss58 } of keys) await rawEntry(seedService, ss58).deleteCredential();
  await dropSeedIndex(sessionService);
});

async function resetVault(): Promise<void> {
  for (const ss58 of await vault.listSeeds()) await vault.removeSeed(ss58);
  await dropSeedIndex(sessionService);
}

/** What is listed, without the times (checked on their own below). */
const labelsOf = async () => (await vault.listSeedLabels()).map(({ ss58, label }) => ({ ss58, label }));

describe('seed index (real Secret Service)', () => {
  it('lists put hotkeys with their labels; a new label replaces, no label keeps the old one', async () => {
    await resetVault();
    const [a, b] = [key(0), key(1)];
    await vault.putSeed(a.ss58, a.seed, 'validator-1');
    await vault.putSeed(b.ss58, b.seed);
    expect(await vault.listSeeds()).toEqual([a.ss58, b.ss58].sort());
    expect(await labelsOf()).toEqual(
      [
        { ss58: a.ss58, label: 'validator-1' },
        { ss58: b.ss58, label: null },
      ].sort((x, y) => x.ss58.localeCompare(y.ss58)),
    );

    await vault.putSeed(a.ss58, a.seed, '  miner-7  ');
    await vault.putSeed(b.ss58, b.seed, 'hk2');
    await vault.putSeed(a.ss58, a.seed); // a re-put without a name keeps 'miner-7'
    await vault.putSeed(b.ss58, b.seed, '   '); // a blank name counts as none
    const labels = new Map((await vault.listSeedLabels()).map((e) => [e.ss58, e.label]));
    expect(labels).toEqual(
      new Map([
        [a.ss58, 'miner-7'],
        [b.ss58, 'hk2'],
      ]),
    );
  });

  it('notes when a seed was stored: kept when it is stored again, unknown for one found unlisted or garbled', async () => {
    await resetVault();
    const [a, legacy] = [key(0), key(12)];
    const before = new Date().toISOString();
    await vault.putSeed(a.ss58, a.seed, 'first');
    const after = new Date().toISOString();
    const addedAt = (await vault.listSeedLabels())[0]?.addedAt ?? '';
    expect(addedAt >= before && addedAt <= after).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await vault.putSeed(a.ss58, a.seed, 'renamed');
    expect(await vault.listSeedLabels()).toEqual([{ ss58: a.ss58, label: 'renamed', addedAt }]);

    await rawEntry(seedService, legacy.ss58).setSecret(legacy.seed);
    expect(await vault.hasSeed(legacy.ss58)).toBe(true);
    expect((await vault.listSeedLabels()).find((e) => e.ss58 === legacy.ss58)?.addedAt).toBeNull();

    const seeds = { [a.ss58]: { label: 'x', addedAt: 'yesterday-ish' } };
    await indexEntry().setPassword(JSON.stringify({ version: 1, seeds }));
    expect(await vault.listSeedLabels()).toEqual([{ ss58: a.ss58, label: 'x', addedAt: null }]);
  });

  it('stores only public data in the index entry', async () => {
    await resetVault();
    const a = key(0);
    await vault.putSeed(a.ss58, a.seed, 'validator-1');
    const text = await indexEntry().getPassword();
    expect(JSON.parse(text ?? 'null')).toEqual({
      version: 1,
      seeds: { [a.ss58]: { label: 'validator-1', addedAt: expect.any(String) as unknown } },
    });
    expect(text).not.toContain(Buffer.from(a.seed).toString('hex'));
  });

  it('removes a hotkey from the listing when its seed is removed', async () => {
    await resetVault();
    const [a, b] = [key(0), key(1)];
    await vault.putSeed(a.ss58, a.seed, 'one');
    await vault.putSeed(b.ss58, b.seed, 'two');
    expect(await vault.removeSeed(a.ss58)).toBe(true);
    expect(await labelsOf()).toEqual([{ ss58: b.ss58, label: 'two' }]);
    expect(await vault.hasSeed(a.ss58)).toBe(false);
    expect(await vault.removeSeed(a.ss58)).toBe(false);
  });

  it('indexes every one of 10 parallel puts', async () => {
    await resetVault();
    const batch = keys.slice(0, 10);
    await Promise.all(batch.map((k, i) => vault.putSeed(k.ss58, k.seed, `hk${i}`)));
    expect(await vault.listSeeds()).toEqual(batch.map((k) => k.ss58).sort());
    // And parallel removes of half of them leave exactly the other half.
    await Promise.all(batch.slice(0, 5).map((k) => vault.removeSeed(k.ss58)));
    expect(await vault.listSeeds()).toEqual(
      batch
        .slice(5)
        .map((k) => k.ss58)
        .sort(),
    );
  });

  it('lists from the index only: a seed planted behind its back is not listed, and the seed service is never searched', async () => {
    await resetVault();
    const [listed, planted] = [key(10), key(11)];
    await vault.putSeed(listed.ss58, listed.seed, 'listed');
    await rawEntry(seedService, planted.ss58).setSecret(planted.seed);
    const search = vi.mocked(keyring.findCredentialsAsync);
    search.mockClear();

    expect(await vault.listSeeds()).toEqual([listed.ss58]);
    expect(await labelsOf()).toEqual([{ ss58: listed.ss58, label: 'listed' }]);
    expect(await vault.hasSeed(listed.ss58)).toBe(true);
    const searched = search.mock.calls.map(([service]) => service);
    // A bounded call may probe (when the bus was not heard from within PROBE_FRESH_MS)…
    expect(searched).not.toContain(seedService); // …but only on the empty probe service
    expect(searched.every((s) => s === `${seedService}-probe`)).toBe(true);
  });

  it('finds a seed the index misses (stored before the index existed) and lists it from then on', async () => {
    await resetVault();
    const legacy = key(12);
    await rawEntry(seedService, legacy.ss58).setSecret(legacy.seed);
    expect(await vault.listSeeds()).toEqual([]);
    expect(await vault.hasSeed(legacy.ss58)).toBe(true);
    expect(await labelsOf()).toEqual([{ ss58: legacy.ss58, label: null }]);
  });

  it('treats a corrupt index as empty, warns without its content, and on the next put keeps it aside and rewrites it', async () => {
    const a = key(0);
    const marker = 'CORRUPT-MARKER';
    for (const plant of [
      () => indexEntry().setPassword(`{"version":1,"seeds":[${marker}`),
      () => indexEntry().setPassword(JSON.stringify({ version: 2, seeds: {}, note: marker })),
      () => indexEntry().setSecret(Uint8Array.from([0xff, 0xfe, 0x00, 0x80])),
    ]) {
      await resetVault();
      await plant();
      logLines.length = 0;
      expect(await vault.listSeeds()).toEqual([]);
      expect(await vault.hasSeed(a.ss58)).toBe(false);
      expect(logLines.some((l) => l.includes('warn') && l.includes('seed index is not readable'))).toBe(true);
      expect(logLines.join('\n')).not.toContain(marker);

      const planted = await indexEntry().getSecret();
      await vault.putSeed(a.ss58, a.seed, 'after');
      expect(await labelsOf()).toEqual([{ ss58: a.ss58, label: 'after' }]);
      expect(await rawEntry(sessionService, DAMAGED_SEED_INDEX_ACCOUNT).getSecret()).toEqual(planted);
      expect(JSON.parse((await indexEntry().getPassword()) ?? 'null')).toMatchObject({ version: 1 });
    }
  });

  it('skips malformed hotkey entries but keeps the valid ones', async () => {
    await resetVault();
    const a = key(0);
    const seeds = { [a.ss58]: { label: 7 }, 'not-an-address': { label: 'x' }, [key(1).ss58]: 'not an object' };
    await indexEntry().setPassword(JSON.stringify({ version: 1, seeds }));
    expect(await labelsOf()).toEqual([{ ss58: a.ss58, label: null }]);
  });

  it('withSeed drops an index entry whose seed is gone, then says not-found', async () => {
    await resetVault();
    const [gone, kept] = [key(0), key(1)];
    await vault.putSeed(gone.ss58, gone.seed, 'gone');
    await vault.putSeed(kept.ss58, kept.seed, 'kept');
    await rawEntry(seedService, gone.ss58).deleteCredential(); // e.g. deleted in Seahorse
    expect(await vault.listSeeds()).toContain(gone.ss58);

    const error = await failure(vault.withSeed(gone.ss58, () => Promise.resolve(1)));
    expect(error.appError.code).toBe('not-found');
    expect(await labelsOf()).toEqual([{ ss58: kept.ss58, label: 'kept' }]);
  });

  it('reserves the index account against session writes', async () => {
    const error = await failure(vault.putSession(SEED_INDEX_ACCOUNT, 'eyJ.x.y'));
    expect(error.appError.code).toBe('invalid-input');
  });
});
