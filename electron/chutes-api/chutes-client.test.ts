import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure, failureIs } from '../../shared/errors';
import { profileWorld, type ProfileWorld } from '../profiles/fixtures.test-helper';
import { createChutesClient } from './chutes-client';

// Which server and hotkey an account operation acts on, decided in one place.
let world: ProfileWorld;
const asked: string[] = [];
const fetchImpl: typeof fetch = (input) => {
  asked.push(input instanceof Request ? input.url : input.toString());
  return Promise.resolve(
    new Response('{"message":"pong"}', { status: 200, headers: { 'content-type': 'application/json' } }),
  );
};

beforeEach(async () => {
  world = await profileWorld();
  asked.length = 0;
});
afterEach(() => world.dispose());

function client(defaultBaseUrl = 'https://api.chutes.ai') {
  return createChutesClient({
    vault: world.vault,
    profiles: world.store,
    activity: { append: () => Promise.resolve() },
    defaultBaseUrl,
    fetchImpl,
  });
}

const profileInput = (baseUrl: string, username: string) => ({
  baseUrl,
  username,
  userId: `id-${username}`,
  hotkeyName: 'default',
  hotkeySs58: world.hotkey.ss58,
  source: { kind: 'manual' as const },
});

describe('actingAs', () => {
  it('acts as the active profile: its server, hotkey and user id', async () => {
    await world.store.upsert(profileInput('http://127.0.0.1:9001', 'alice'));
    const api = await client().actingAs('active');
    expect(api.scope).toMatchObject({
      baseUrl: 'http://127.0.0.1:9001',
      hotkey: world.hotkey.ss58,
      userId: 'id-alice',
    });
    expect(api.transport.baseUrl).toBe('http://127.0.0.1:9001');
  });

  it('follows a switch of the active profile without being rebuilt', async () => {
    const chutes = client();
    await world.store.upsert(profileInput('http://127.0.0.1:9001', 'alice'));
    const bob = await world.store.upsert(profileInput('http://127.0.0.1:9002', 'bob'));
    await world.store.setActive(bob.id);
    expect((await chutes.actingAs('active')).scope.baseUrl).toBe('http://127.0.0.1:9002');
  });

  it('looks a bare hotkey up on the active profile’s server, or the configured one when none is active', async () => {
    const chutes = client();
    expect((await chutes.actingAs({ hotkey: world.hotkey.ss58 })).scope).toMatchObject({
      baseUrl: 'https://api.chutes.ai',
      userId: null,
      profile: null,
    });
    await world.store.upsert(profileInput('http://127.0.0.1:9003', 'carol'));
    expect((await chutes.actingAs({ hotkey: world.hotkey.ss58 })).scope.baseUrl).toBe('http://127.0.0.1:9003');
    expect(
      (await chutes.actingAs({ hotkey: world.hotkey.ss58, baseUrl: 'http://127.0.0.1:9004/' })).scope.baseUrl,
    ).toBe('http://127.0.0.1:9004');
  });

  it('says there is no active profile, or that a profile is gone, as typed reasons', async () => {
    const chutes = client();
    const none = await chutes.actingAs('active').catch((e: unknown) => e);
    expect(none).toBeInstanceOf(AppFailure);
    expect(failureIs(none, 'no-active-profile')).toBe(true);
    expect(failureIs(await chutes.actingAs({ profileId: 'nope' }).catch((e: unknown) => e), 'profile-missing')).toBe(
      true,
    );
  });

  it('says CHUTES_API_URL without a scheme is no address, sends nothing, and still forgets sessions elsewhere', async () => {
    const chutes = client('api.chutes.ai');
    const bare = await chutes.actingAs({ hotkey: world.hotkey.ss58 }).catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(AppFailure);
    expect((bare as AppFailure).appError).toMatchObject({
      code: 'invalid-input',
      message:
        'CHUTES_API_URL is set to "api.chutes.ai", which is not a full http:// or https:// address, so nothing was sent.',
    });
    expect(() => chutes.server('ftp://example.com')).toThrow(/The API address "ftp:\/\/example.com" is not a full/);
    await expect(chutes.forgetSessions(world.hotkey.ss58, ['api.chutes.ai', 'http://127.0.0.1:9006'])).resolves.toBe(
      undefined,
    );
    expect(asked).toEqual([]);
  });

  it('shares one transport per server, whatever the spelling of its address', async () => {
    const chutes = client();
    const a = chutes.server('http://127.0.0.1:9005');
    const b = chutes.server('http://127.0.0.1:9005/');
    expect(a.transport).toBe(b.transport);
    await a.ping();
    expect(asked).toEqual(['http://127.0.0.1:9005/ping']);
  });
});
