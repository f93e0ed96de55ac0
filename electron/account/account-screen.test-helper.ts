import { afterEach, beforeEach } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox, type SandboxFixture } from '../../e2e/sandbox/vitest-sandbox';
import { createChutesClient } from '../chutes-api';
import type { CallContext } from '../ipc-router';
import { createFingerprintStore, type FingerprintStore } from '../keychain/fingerprint-store';
import { profileWorld, type ProfileWorld } from '../profiles/fixtures.test-helper';
import { accountScreenHandlers } from './account-screen-handlers';

/** `reviewedFor` optional where the wrapper fills it in. */
type Reviewed<B> = {
  [K in keyof B]: B[K] extends (args: infer A) => infer R
    ? (args: A extends { reviewedFor: string } ? Omit<A, 'reviewedFor'> & { reviewedFor?: string } : A) => R
    : never;
};
type Bound<H> = { [K in keyof H]: H[K] extends (args: infer A, ctx: CallContext) => infer R ? (args: A) => R : never };

export interface AccountScreenWorld {
  readonly fixture: SandboxFixture;
  /** This test's profile store and vault (a new one per test). */
  readonly world: ProfileWorld;
  setup: ReturnType<typeof setupFor>;
}

/**
 * The Account screen's handlers against the team's strict emulator of the Chutes API: one sandbox
 * per file, a fresh profile world per test. Call at the top of a test file.
 */
export function useAccountScreen(): AccountScreenWorld {
  const fixture = useSandbox();
  let world: ProfileWorld | undefined;
  beforeEach(async () => {
    world = await profileWorld();
  });
  afterEach(() => world?.dispose());
  const current = () => {
    if (!world) throw new Error('no profile world outside a test');
    return world;
  };
  return {
    fixture,
    get world() {
      return current();
    },
    setup: setupFor(fixture, current),
  };
}

function setupFor(fixture: SandboxFixture, currentWorld: () => ProfileWorld) {
  return async function setup(username = 'alice', breakLocal?: (fingerprints: FingerprintStore) => FingerprintStore) {
    const world = currentWorld();
    const key = TestKey.random();
    const account = await fixture.client.register(key, username);
    await world.vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'), 'default');
    const profile = await world.store.upsert({
      baseUrl: fixture.sb.url,
      username,
      userId: account.user_id,
      hotkeyName: 'default',
      hotkeySs58: key.ss58,
      source: { kind: 'manual' },
    });
    const fingerprints = (breakLocal ?? ((f) => f))(createFingerprintStore(world.vault));
    const chutes = createChutesClient({
      vault: world.vault,
      profiles: world.store,
      activity: { append: () => Promise.resolve() },
      defaultBaseUrl: fixture.sb.url,
    });
    const raw = accountScreenHandlers({ profiles: world.store, chutes, vault: world.vault, fingerprints });
    // Reviewed for this profile unless a test says otherwise (as the screens do): tests read as the user acts.
    const reviewed = new Set(['changeFingerprint', 'changeAccountHotkey', 'deleteAccount']);
    const h = Object.fromEntries(
      Object.entries(raw).map(([name, fn]) => [
        name,
        (args: unknown) =>
          (fn as (a: unknown, c: CallContext) => unknown)(
            reviewed.has(name) ? { reviewedFor: profile.id, ...(args as object) } : args,
            { transport: 'ipc' },
          ),
      ]),
    ) as Reviewed<Bound<typeof raw>>;
    return { key, account, profile, fingerprints, h, fpAccount: { userId: account.user_id, baseUrl: fixture.sb.url } };
  };
}

/** A promise's rejection as a value ("resolved" when it did not reject), for asserting on typed failures. */
export const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );
