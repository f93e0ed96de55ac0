import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createFingerprintStore, fingerprintKey } from './fingerprint-store';
import { failure, useTestVault } from './fixtures/secret-service';

const { vault } = useTestVault();
const store = createFingerprintStore(vault);
const alice = { userId: randomUUID(), baseUrl: 'http://127.0.0.1:9/' };

afterAll(async () => {
  await store.remove(alice).catch(() => undefined);
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
