import { AppFailure } from '../../shared/errors';
import { cleanLabel } from './seed-index';
import type { KeychainSeed } from '../../shared/keychain';
import type { SeedVault } from './seed-vault';

/** In-memory SeedVault for unit tests of the profiles module; the real keychain is tested elsewhere. */
export class MemorySeedVault implements SeedVault {
  readonly seeds = new Map<string, Uint8Array>();
  readonly labels = new Map<string, string | null>();
  readonly added = new Map<string, string>();
  readonly sessions = new Map<string, string>();

  putSeed(ss58: string, seed: Uint8Array, label?: string): Promise<void> {
    this.seeds.set(ss58, Uint8Array.from(seed));
    // Same rule as the OS vault: a put without a name keeps the name stored before.
    this.labels.set(ss58, cleanLabel(label) ?? this.labels.get(ss58) ?? null);
    if (!this.added.has(ss58)) this.added.set(ss58, new Date().toISOString());
    return Promise.resolve();
  }

  hasSeed(ss58: string): Promise<boolean> {
    return Promise.resolve(this.seeds.has(ss58));
  }

  listSeeds(): Promise<string[]> {
    return Promise.resolve([...this.seeds.keys()].sort());
  }

  listSeedLabels(): Promise<KeychainSeed[]> {
    return Promise.resolve(
      [...this.seeds.keys()]
        .sort()
        .map((ss58) => ({ ss58, label: this.labels.get(ss58) ?? null, addedAt: this.added.get(ss58) ?? null })),
    );
  }

  removeSeed(ss58: string): Promise<boolean> {
    this.labels.delete(ss58);
    this.added.delete(ss58);
    return Promise.resolve(this.seeds.delete(ss58));
  }

  async withSeed<T>(ss58: string, fn: (seed: Uint8Array) => Promise<T>): Promise<T> {
    const stored = this.seeds.get(ss58);
    if (!stored) throw new AppFailure('not-found', `No seed in the keychain for ${ss58}.`);
    const copy = Uint8Array.from(stored);
    try {
      return await fn(copy);
    } finally {
      copy.fill(0);
    }
  }

  putSession(key: string, value: string): Promise<void> {
    this.sessions.set(key, value);
    return Promise.resolve();
  }

  getSession(key: string): Promise<string | null> {
    return Promise.resolve(this.sessions.get(key) ?? null);
  }

  #sessionsVersion = 0;

  removeSession(key: string): Promise<boolean> {
    this.#sessionsVersion++;
    return Promise.resolve(this.sessions.delete(key));
  }

  sessionsVersion(): string {
    return String(this.#sessionsVersion);
  }
}
