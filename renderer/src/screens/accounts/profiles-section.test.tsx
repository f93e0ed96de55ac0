import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilesView } from '../../../../shared/profiles';
import { profileView } from '../../lib/profile-fixture.test-helper';
import { ProfilesSection } from './profiles-section';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

function show(view: ProfilesView) {
  (window as { chutes?: unknown }).chutes = {};
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ProfilesSection view={view} error={null} />
    </QueryClientProvider>,
  );
}

const unknownSeed = profileView({ seedInKeychain: null });

describe('ProfilesSection seed badge', () => {
  it('says the keychain is being waited on while an unlock prompt may be open, as the hotkeys do', () => {
    show({ profiles: [unknownSeed], activeId: 'p1', keychainWaiting: true });
    expect(screen.getByText('Waiting for keychain')).toBeTruthy();
    expect(screen.queryByText(/not reachable|unavailable/)).toBeNull();
  });

  it('says the keychain is unavailable when it did not answer at all', () => {
    show({ profiles: [unknownSeed], activeId: 'p1' });
    expect(screen.getByText('Keychain unavailable')).toBeTruthy();
    expect(screen.queryByText('Waiting for keychain')).toBeNull();
  });
});
