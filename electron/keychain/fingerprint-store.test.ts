import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../log';
import { createFingerprintStore, fingerprintKey } from './fingerprint-store';
import { dropSeedIndex, failure, requireSecretService } from './fixtures/secret-service';
import { createOsSeedVault } from './os-seed-vault';

const run = randomUUID();
const sessionService = `chutes-desktop-test-session-${run}`;
const vault = createOsSeedVault({ seedService: `chutes-desktop-test-${run}`, sessionService, timeoutMs: 10_000 });
const store = createFingerprintStore(vault);
const alice = { userId: randomUUID(), baseUrl: 'http://127.0.0.1:9/' };

let restoreLog: ReturnType<typeof setLogSink>;
beforeAll(async () => {
  restoreLog = setLogSink(() => undefined);
  await requireSecretService(vault);
});
afterAll(async () => {
  setLogSink(restoreLog);
  await store.remove(alice);
  await dropSeedIndex(sessionService).catch(() => undefined);
});

describe('fingerprint store (real Secret Service)', () => {
  it('keeps one fingerprint per account and server, and forgets it', async () => {
    expect(await store.has(alice)).toBe(false);
    await store.save(alice, 'Abc123fingerprint');
    expect(await store.read({ ...alice, baseUrl: 'http://127.0.0.1:9' })).toBe('Abc123fingerprint');
    expect(await store.read({ ...alice, baseUrl: 'http://127.0.0.1:10' })).toBeNull();
    expect(await store.has(alice)).toBe(true);
    expect(await store.remove(alice)).toBe(true);
    expect(await store.read(alice)).toBeNull();
  });

  it('refuses what cannot be a header value, storing nothing', async () => {
    for (const bad of ['', 'a\nb', 'x'.repeat(1025)]) {
      expect((await failure(store.save(alice, bad))).appError.reason).toBe('invalid-input');
    }
    expect(await store.has(alice)).toBe(false);
  });

  it('names entries by user id and normalised server', () => {
    expect(fingerprintKey({ userId: 'u1', baseUrl: 'https://example.com//' })).toBe(
      fingerprintKey({ userId: 'u1', baseUrl: 'https://example.com' }),
    );
  });
});
