import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { failureIs } from '../../../shared/errors';
import { onProfileChanged } from './profile-changed';
import { callForProfile, whileSwitching } from './profile-switch';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

/** A main process whose active profile `active()` says, answering listApiKeys with that profile's keys. */
function fakeMain(active: () => string) {
  (window as { chutes?: unknown }).chutes = {
    listProfiles: () => Promise.resolve({ ok: true, value: { activeId: active(), profiles: [] } }),
    listApiKeys: () => Promise.resolve({ ok: true, value: `${active()}’s keys` }),
  };
}

describe('callForProfile', () => {
  it('keeps an answer only while the profile it was read for is the active one', async () => {
    fakeMain(() => 'alice');
    expect(await callForProfile('alice', 'listApiKeys', { page: 0, limit: 10 })).toBe('alice’s keys');
  });

  it('drops the answer when another window switched the profile, and the window follows', async () => {
    // This window still thinks alice is active; main now answers for bob.
    fakeMain(() => 'bob');
    let followed = 0;
    const stop = onProfileChanged(() => followed++);
    const error = await callForProfile('alice', 'listApiKeys', { page: 0, limit: 10 }).catch((e: unknown) => e);
    stop();
    expect(failureIs(error, 'profile-changed')).toBe(true);
    expect(followed).toBe(1);
  });
});

describe('whileSwitching', () => {
  it('drops an account answer still on its way, reads the profile list, and keeps the old profile’s answers stale', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const keys = ['listApiKeys', { page: 0, limit: 100 }, { profileId: 'alice' }];
    const secrets = ['listSecretsPage', undefined, { profileId: 'alice' }];
    const wallets = ['listWallets', {}];
    client.setQueryData(secrets, 'alice’s secrets');
    let release: (answer: string) => void = () => undefined;
    const inFlight = client.fetchQuery({ queryKey: keys, queryFn: () => new Promise<string>((r) => (release = r)) });
    let profilesRead = 0;
    let walletsRead = 0;
    await client.fetchQuery({ queryKey: ['listProfiles', {}], queryFn: () => ++profilesRead });
    // On screen (observed), as the Profiles & hotkeys screen's wallet list is.
    const shown = new QueryObserver(client, { queryKey: wallets, queryFn: () => ++walletsRead });
    const stop = shown.subscribe(() => undefined);
    await expect.poll(() => walletsRead).toBe(1);

    await whileSwitching(client, () => {
      // Main has switched: the answer to the old profile's question is now the new one's.
      release('bob’s keys');
      return Promise.resolve();
    });

    await expect(inFlight).rejects.toThrow();
    expect(client.getQueryData(keys)).toBeUndefined();
    expect(profilesRead).toBe(2);
    // The old profile's answers stay under its name, marked stale; other answers are read again.
    expect(client.getQueryData(secrets)).toBe('alice’s secrets');
    expect(client.getQueryState(secrets)?.isInvalidated).toBe(true);
    await expect.poll(() => walletsRead).toBe(2);
    stop();
  });

  it('reads the active profile’s own answers again after a change to its account (another hotkey)', async () => {
    const client = new QueryClient();
    await client.fetchQuery({ queryKey: ['listProfiles', {}], queryFn: () => ({ activeId: 'alice', profiles: [] }) });
    let read = 0;
    const overview = new QueryObserver(client, {
      queryKey: ['accountOverview', {}, { profileId: 'alice' }],
      queryFn: () => ++read,
    });
    const stop = overview.subscribe(() => undefined);
    await expect.poll(() => read).toBe(1);
    await whileSwitching(client, () => Promise.resolve());
    await expect.poll(() => read).toBe(2);
    stop();
  });

  it('says a failed change, and still reads everything again', async () => {
    const client = new QueryClient();
    let walletsRead = 0;
    const shown = new QueryObserver(client, { queryKey: ['listWallets', {}], queryFn: () => ++walletsRead });
    const stop = shown.subscribe(() => undefined);
    await expect.poll(() => walletsRead).toBe(1);
    await expect(whileSwitching(client, () => Promise.reject(new Error('no such profile')))).rejects.toThrow(
      'no such profile',
    );
    await expect.poll(() => walletsRead).toBe(2);
    stop();
  });
});
