import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/app-info';
import { SettingsScreen } from './settings-screen';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

const INFO: AppInfo = {
  version: '0.1.0',
  host: 'web',
  apiUrl: 'https://api.chutes.ai',
  apiUrlSource: 'default',
  configPath: '/home/u/.chutes/config.ini',
  configPathSource: 'default',
  allowMissingConfig: true,
  walletsPath: '/home/u/.bittensor/wallets',
  walletsPathSource: 'default',
  dataDir: '/home/u/.config/chutes-desktop',
};

function showSettings(info: AppInfo) {
  // Main answers the app info; every other channel stays pending, which these checks do not need.
  (window as { chutes?: unknown }).chutes = new Proxy(
    {},
    {
      get: (_target, name) => () =>
        name === 'getAppInfo' ? Promise.resolve({ ok: true, value: info }) : new Promise(() => undefined),
    },
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SettingsScreen />
    </QueryClientProvider>,
  );
}

describe('SettingsScreen', () => {
  it('says the wallets folder chosen in the app is not used when its file cannot be read, and why', async () => {
    showSettings({
      ...INFO,
      walletsPathSource: 'chosen-unreadable',
      walletsPathProblem: '/home/u/.config/chutes-desktop/wallets-folder.json could not be read: permission denied',
    });
    const folder = (await screen.findByText('Wallets folder')).nextElementSibling?.textContent ?? '';
    expect(folder).toContain('(default, as the folder chosen on Profiles & hotkeys cannot be read)');
    expect(folder).toContain('wallets-folder.json could not be read: permission denied');
    expect(folder).not.toContain('(default)');
  });

  it('says CHUTES_ALLOW_MISSING affects the chutes CLI only', async () => {
    showSettings(INFO);
    expect(
      await screen.findByText(
        /CHUTES_ALLOW_MISSING is set, which affects the chutes CLI only .*; the app does not use it/,
      ),
    ).toBeTruthy();
  });
});
