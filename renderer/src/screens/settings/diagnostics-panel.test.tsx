import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../../shared/app-info';
import type { ProfileView } from '../../../../shared/profiles';
import { SettingsScreen } from '../settings-screen';
import { profileView } from '../../lib/profile-fixture.test-helper';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

const info: AppInfo = {
  version: '1',
  host: 'web',
  apiUrl: 'http://127.0.0.1:8787',
  apiUrlSource: 'CHUTES_API_URL',
  configPath: '/c',
  configPathSource: 'default',
  allowMissingConfig: false,
  walletsPath: '/w',
  walletsPathSource: 'default',
  dataDir: '/d',
};

const alice = profileView({
  displayName: 'Alice',
  userId: 'u1',
  hotkeyName: 'hk',
  hotkeySs58: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
  source: { kind: 'manual' },
});

function showSettings(active: ProfileView | null | 'unreadable') {
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  (window as { chutes?: unknown }).chutes = {
    getAppInfo: () => ok(info),
    listProfiles: () =>
      active === 'unreadable'
        ? Promise.resolve({
            ok: false,
            error: {
              code: 'conflict',
              reason: 'conflict',
              message: '/d/profiles.json was written by a newer version of Chutes Desktop (format 9).',
            },
          })
        : ok({ profiles: active ? [active] : [], activeId: active?.id ?? null }),
    listActivity: () =>
      ok({ entries: [], more: false, olderNotRead: false, olderFileProblem: null, notRecorded: null }),
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SettingsScreen />
    </QueryClientProvider>,
  );
}

const field = () => screen.getByLabelText<HTMLInputElement>('Address to test');

describe('Settings → Diagnostics', () => {
  it("starts with the active profile's server, where account calls go, and offers CHUTES_API_URL's", async () => {
    showSettings(alice);
    await waitFor(() => expect(field().value).toBe('https://api.chutes.ai'));
    const help = document.getElementById('diagnostics-url-help')?.textContent ?? '';
    expect(help).toContain('Account calls for the active profile, “Alice”, go to its server https://api.chutes.ai');
    expect(help).toContain('With no profile active the app would use http://127.0.0.1:8787 (set with CHUTES_API_URL)');
    expect(help).not.toContain('the one the app uses');
    fireEvent.click(screen.getByRole('button', { name: 'Try the CHUTES_API_URL address' }));
    expect(field().value).toBe('http://127.0.0.1:8787');
    fireEvent.click(screen.getByRole('button', { name: 'Back to the active profile’s server' }));
    expect(field().value).toBe('https://api.chutes.ai');
    expect(screen.getByText('Active profile’s server')).toBeTruthy();
  });

  it('starts with CHUTES_API_URL or the default when no profile is active, and says so', async () => {
    showSettings(null);
    await waitFor(() => expect(field().value).toBe('http://127.0.0.1:8787'));
    expect(document.getElementById('diagnostics-url-help')?.textContent).toContain(
      'No profile is active, so the app uses http://127.0.0.1:8787 (set with CHUTES_API_URL).',
    );
    expect(screen.queryByRole('button', { name: /Try the/ })).toBeNull();
  });

  it('says the profiles could not be read, and does not claim which address account calls use', async () => {
    showSettings('unreadable');
    await waitFor(() => expect(field().value).toBe('http://127.0.0.1:8787'));
    const diagnostics = screen.getByRole('region', { name: 'Diagnostics' });
    expect(diagnostics.textContent).toContain('profiles.json was written by a newer version of Chutes Desktop');
    const help = document.getElementById('diagnostics-url-help')?.textContent ?? '';
    expect(help).toContain('The profiles could not be read, so which server account calls go to is not known here.');
    expect(help).not.toContain('No profile is active');
    expect(help).not.toContain('the app uses');
  });

  it('refuses an address ending in ? before sending it, saying what to remove', async () => {
    showSettings(null);
    await waitFor(() => expect(field().value).toBe('http://127.0.0.1:8787'));
    fireEvent.change(field(), { target: { value: 'http://127.0.0.1:8000?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check connection' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^Remove the \? or #/);
  });
});
