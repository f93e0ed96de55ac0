import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { switchUnderWay, whileSwitching } from './profile-switch';

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
    const during: boolean[] = [];

    await whileSwitching(client, () => {
      during.push(switchUnderWay());
      // Main has switched: the answer to the old profile's question is now the new one's.
      release('bob’s keys');
      return Promise.resolve();
    });

    await expect(inFlight).rejects.toThrow();
    expect(client.getQueryData(keys)).toBeUndefined();
    expect(during).toEqual([true]);
    expect(switchUnderWay()).toBe(false);
    expect(profilesRead).toBe(2);
    // The old profile's answers stay under its name, marked stale; other answers are read again.
    expect(client.getQueryData(secrets)).toBe('alice’s secrets');
    expect(client.getQueryState(secrets)?.isInvalidated).toBe(true);
    await expect.poll(() => walletsRead).toBe(2);
    stop();
  });

  it('ends the switch when the change fails, and says the failure', async () => {
    const client = new QueryClient();
    await expect(whileSwitching(client, () => Promise.reject(new Error('no such profile')))).rejects.toThrow(
      'no such profile',
    );
    expect(switchUnderWay()).toBe(false);
  });
});
