import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountOverview } from '../../../../shared/account-screen';
import { OverviewSection } from './overview-section';
import { profileView } from '../../lib/profile-fixture.test-helper';

const profile = profileView();

const overview = (balanceUsd: number | null): AccountOverview => ({
  baseUrl: profile.baseUrl,
  username: 'alice',
  userId: 'u',
  hotkey: profile.hotkeySs58,
  coldkey: '',
  createdAt: '2026-01-01T00:00:00Z',
  balanceUsd,
  paymentAddress: '',
  roles: [],
  netuids: [],
  asOf: '2026-12-06T22:00:00Z',
  fingerprintStored: false,
});

const show = (balanceUsd: number | null) =>
  render(
    <OverviewSection
      profile={profile}
      canSign
      data={overview(balanceUsd)}
      error={null}
      fetching={false}
      onRefresh={() => undefined}
    />,
  );

describe('the balance', () => {
  it('says a balance the server left out is not reported, without a unit after it', () => {
    show(null);
    expect(screen.getByLabelText('Balance').textContent).toBe('Balance not reported');
  });

  it('shows a reported balance with its unit', () => {
    show(12.5);
    expect(screen.getByLabelText('Balance').textContent).toBe('$12.50 USD');
  });
});

describe('without a signature', () => {
  const unsigned = (seedInKeychain: boolean | null) =>
    render(
      <OverviewSection
        profile={profileView({ seedInKeychain })}
        canSign={false}
        data={undefined}
        error={null}
        fetching={false}
        onRefresh={() => undefined}
      />,
    );

  it('says the seed is missing only when the keychain said so', () => {
    unsigned(false);
    expect(screen.getByText(/come from a request signed with the hotkey/).textContent).toContain(
      'not shown until its seed is in the keychain.',
    );
  });

  it('says the keychain is not answering when it did not answer, not that the seed is missing', () => {
    unsigned(null);
    const text = screen.getByText(/come from a request signed with the hotkey/).textContent;
    expect(text).toContain('not shown while the keychain is not answering.');
    expect(text).not.toContain('until its seed is in the keychain');
  });
});
