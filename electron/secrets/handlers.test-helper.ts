import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { createActivityLog } from '../activity-log/activity-log';
import { createChutesClient } from '../chutes-api';
import { setLogSink } from '../log';
import { profileWorld, type ProfileWorld } from '../profiles/fixtures.test-helper';
import { createPendingImports } from './pending-imports';
import { secretsHandlers } from './secrets-handlers';

/**
 * The secrets handlers as the screen drives them (the active profile, the real client, the strict
 * sandbox), for a spec file: call at its top level.
 */
export function useSecretsHandlers() {
  const fixture = useSandbox();
  const CANARY = 'VALUE-CANARY-7f3a9c';
  let world: ProfileWorld;
  let logged: string[];
  // Activity appends are fire-and-forget in the transport; tests wait for them before reading or cleaning up.
  const writes: Promise<void>[] = [];
  const settled = () => Promise.allSettled(writes.splice(0));

  beforeEach(async () => {
    world = await profileWorld();
    logged = [];
    setLogSink((line) => logged.push(line));
  });
  afterEach(async () => {
    await settled();
    await world.dispose();
  });

  async function setup() {
    const key = TestKey.random();
    const account = await fixture.client.register(key, `u${Date.now().toString(36)}`);
    await world.vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
    const profile = await world.store.upsert({
      baseUrl: fixture.sb.url,
      username: account.username,
      userId: account.user_id,
      hotkeyName: 'default',
      hotkeySs58: key.ss58,
      paymentAddress: null,
      source: { kind: 'manual' },
    });
    await world.store.setActive(profile.id);
    const log = createActivityLog(path.join(world.dir, 'data'));
    const activity = {
      append: (entry: Parameters<typeof log.append>[0]) => {
        const p = log.append(entry);
        writes.push(p);
        return p;
      },
    };
    const chutes = createChutesClient({
      vault: world.vault,
      profiles: world.store,
      activity,
      defaultBaseUrl: fixture.sb.url,
    });
    const pending = createPendingImports();
    const ctx = { transport: 'ipc' } as const;
    const raw = secretsHandlers({ chutes, home: world.dir }, pending);
    // As the screens call them: reviewed on the profile that is active.
    const reviewedFor = profile.id;
    type Omitted<K extends 'createSecret' | 'deleteSecrets' | 'runSecretImport'> = Omit<
      Parameters<(typeof raw)[K]>[0],
      'reviewedFor'
    >;
    const h = {
      ...raw,
      createSecret: (input: Omitted<'createSecret'>, c: typeof ctx) => raw.createSecret({ ...input, reviewedFor }, c),
      deleteSecrets: (input: Omitted<'deleteSecrets'>, c: typeof ctx) =>
        raw.deleteSecrets({ ...input, reviewedFor }, c),
      runSecretImport: (input: Omitted<'runSecretImport'>, c: typeof ctx) =>
        raw.runSecretImport({ ...input, reviewedFor }, c),
    };
    const web = fixture.sb.addChute(account.user_id, 'web-app');
    const subnet = fixture.sb.addChute(account.user_id, 'my-affine-miner');
    return { h, ctx, web, subnet, log, pending, userId: account.user_id };
  }

  return {
    fixture,
    setup,
    settled,
    CANARY,
    get world(): ProfileWorld {
      return world;
    },
    logged: (): readonly string[] => logged,
  };
}
