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

describe('SettingsScreen', () => {
  it('says CHUTES_ALLOW_MISSING affects the chutes CLI only', async () => {
    // Main answers the app info; every other channel stays pending, which this check does not need.
    (window as { chutes?: unknown }).chutes = new Proxy(
      {},
      {
        get: (_target, name) => () =>
          name === 'getAppInfo' ? Promise.resolve({ ok: true, value: INFO }) : new Promise(() => undefined),
      },
    );
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <SettingsScreen />
      </QueryClientProvider>,
    );
    expect(
      await screen.findByText(
        /CHUTES_ALLOW_MISSING is set, which affects the chutes CLI only .*; the app does not use it/,
      ),
    ).toBeTruthy();
  });
});
