import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import type { AppFailure } from '../../shared/errors';
import { createChutesClient } from '../chutes-api';
import { profileWorld, type ProfileWorld } from '../profiles/fixtures.test-helper';
import { accountHandlers } from './account-handlers';

const ctx = { transport: 'ipc' } as const;
const fixture = useSandbox();
let world: ProfileWorld;
beforeEach(async () => {
  world = await profileWorld();
});
afterEach(() => world.dispose());

/** A hotkey registered as `alice` on the sandbox, its seed in the keychain, and the handlers. */
async function setup() {
  const key = TestKey.random();
  const account = await fixture.client.register(key, 'alice');
  await world.vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'), 'default');
  const chutes = createChutesClient({
    vault: world.vault,
    profiles: world.store,
    activity: { append: () => Promise.resolve() },
    defaultBaseUrl: fixture.sb.url,
  });
  const h = accountHandlers({ profiles: world.store, chutes, vault: world.vault });
  const signed = () => fixture.sb.requests(50).filter((r) => r.path === '/users/me' && r.hotkey === key.ss58);
  return { key, account, h, signed };
}

describe('saving a looked-up account as a profile', () => {
  it('is refused, typed, once the seed has left the keychain, though the look-up is still remembered', async () => {
    const { key, h, signed } = await setup();
    expect((await h.lookupAccount({ hotkey: key.ss58 }, ctx)).username).toBe('alice');
    await world.vault.removeSeed(key.ss58);
    const error: unknown = await h
      .addProfileFromHotkey({ hotkey: key.ss58, hotkeyName: 'default', baseUrl: fixture.sb.url }, ctx)
      .catch((e: unknown) => e);
    expect((error as AppFailure).appError).toMatchObject({
      code: 'not-found',
      reason: 'seed-missing',
      message: `The keychain no longer holds the seed of hotkey ${key.ss58}, so it was not saved as a profile.`,
    });
    expect(await world.store.list()).toEqual([]);
    // Back in the keychain: the remembered answer is not used (it was dropped); a new look-up signs again.
    await world.vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'), 'default');
    await h.addProfileFromHotkey({ hotkey: key.ss58, hotkeyName: 'default', baseUrl: fixture.sb.url }, ctx);
    expect(await world.store.list()).toHaveLength(1);
    expect(signed()).toHaveLength(2);
  });

  it('saves it on the server it was looked up on, with no second signature, whichever profile is active by then', async () => {
    const { key, account, h, signed } = await setup();
    const lookedUp = await h.lookupAccount({ hotkey: key.ss58 }, ctx);
    expect(lookedUp.apiUrl).toBe(fixture.sb.url);
    // Meanwhile another window makes a profile on another server active (the same sandbox by another name).
    const elsewhere = fixture.sb.url.replace('127.0.0.1', 'localhost');
    const other = TestKey.random();
    const otherProfile = await world.store.upsert({
      baseUrl: elsewhere,
      username: 'bob',
      userId: (await fixture.client.register(other, 'bob')).user_id,
      hotkeyName: 'default',
      hotkeySs58: other.ss58,
      source: { kind: 'manual' },
    });
    await world.store.setActive(otherProfile.id);
    const saved = await h.addProfileFromHotkey(
      { hotkey: key.ss58, hotkeyName: 'default', baseUrl: lookedUp.apiUrl },
      ctx,
    );
    expect(saved).toMatchObject({ baseUrl: fixture.sb.url, username: 'alice', userId: account.user_id });
    expect(signed()).toHaveLength(1);
  });
});
