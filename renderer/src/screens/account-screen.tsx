import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { AccountLimits, AccountOverview, AnswerFor } from '../../../shared/account-screen';
import type { ProfileView } from '../../../shared/profiles';
import { useChannel } from '../api/hooks';
import { ActiveProfileGate } from '../components/active-profile-gate';
import { ScreenHeader } from '../components/screen-header';
import { FingerprintOps } from './account/fingerprint-ops';
import { LimitsSection } from './account/limits-section';
import { OverviewSection } from './account/overview-section';
import { TransferSection } from './account/transfer-section';
import { UsageSection } from './account/usage-section';
import { useChuteNamesFor } from './account/use-chute-names';
import { useChuteNames } from './secrets/use-secrets';

// Answers stay fresh for a minute (the server's balance view refreshes about that often): moving
// between screens reuses them; Refresh asks again.
const FRESH_MS = 60_000;

/** After a switch, a cached answer may belong to the previous profile until the new one arrives. */
export const belongsTo = (account: AnswerFor, profile: ProfileView): boolean =>
  account.userId === profile.userId && account.baseUrl === profile.baseUrl;

/**
 * Main makes a profile follow the server's user id and username for its hotkey (a config.ini can
 * name others). The profile list here still has the old ones, so every answer would be set aside
 * as another account's: read everything again, once per disagreement.
 */
function useFollowHealedProfile(overview: AccountOverview | undefined, profile: ProfileView): void {
  const queries = useQueryClient();
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!overview || overview.baseUrl !== profile.baseUrl) return;
    if (overview.userId === profile.userId && overview.username === profile.username) return;
    const disagreement = `${profile.id} ${profile.userId} ${overview.userId} ${overview.username}`;
    if (followed.current === disagreement) return;
    followed.current = disagreement;
    void queries.invalidateQueries();
  }, [overview, profile, queries]);
}

/** The chutes quotas and discounts name by id. */
function limitChuteIds(limits: AccountLimits | undefined): string[] {
  if (!limits) return [];
  const { quotas, discounts } = limits;
  const quotaIds =
    quotas.kind === 'rows'
      ? quotas.rows.map((r) => r.chuteId)
      : quotas.kind === 'default'
        ? quotas.perDay.map((q) => q.chuteId)
        : [];
  return [...quotaIds, ...(discounts ?? []).map((d) => d.chuteId)];
}

function AccountBody({ profile, canSign }: { profile: ProfileView; canSign: boolean }): ReactElement {
  // /users/me is signed with the hotkey: without its seed the profile's own facts are shown instead.
  const overview = useChannel('accountOverview', {}, { staleTime: FRESH_MS, enabled: canSign });
  const limits = useChannel('accountLimits', {}, { staleTime: FRESH_MS, enabled: canSign });
  // A disabled query still holds its last answer: once the seed is gone (or the keychain silent),
  // balance, quotas and usage are not shown as if current under a note saying they are hidden.
  const mine =
    canSign && overview.data && overview.data.userId === profile.userId && overview.data.baseUrl === profile.baseUrl
      ? overview.data
      : undefined;
  const myLimits = canSign && limits.data && belongsTo(limits.data.account, profile) ? limits.data : undefined;
  useFollowHealedProfile(overview.data, profile);
  const chuteNames = useChuteNames(canSign);
  const limitIds = useMemo(() => limitChuteIds(myLimits), [myLimits]);
  const limitNames = useChuteNamesFor(limitIds, chuteNames, canSign);
  return (
    <>
      <OverviewSection
        profile={profile}
        canSign={canSign}
        data={mine}
        error={overview.error}
        fetching={overview.isFetching}
        onRefresh={() => void overview.refetch()}
        updatedAt={overview.dataUpdatedAt}
      />
      <LimitsSection
        data={myLimits}
        error={limits.error}
        fetching={limits.isFetching}
        canSign={canSign}
        seedInKeychain={profile.seedInKeychain}
        onRefresh={() => void limits.refetch()}
        updatedAt={limits.dataUpdatedAt}
        chuteNames={limitNames}
        freeAccount={mine?.roles.some((r) => r.name === 'free_account') ?? false}
      />
      <UsageSection key={profile.id} profile={profile} canSign={canSign} chuteNames={chuteNames} />
      <TransferSection
        key={`transfer-${profile.id}`}
        profileId={profile.id}
        canSign={canSign}
        seedInKeychain={profile.seedInKeychain}
        balance={{
          usd: mine?.balanceUsd ?? null,
          asOf: mine?.asOf ?? null,
          fetching: overview.isFetching,
          refresh: () => void overview.refetch(),
        }}
      />
      <FingerprintOps
        key={`ops-${profile.id}`}
        overview={{ username: mine?.username ?? profile.username, fingerprintStored: mine?.fingerprintStored ?? false }}
        profile={profile}
        canSign={canSign}
      />
    </>
  );
}

export function AccountScreen(): ReactElement {
  return (
    <section>
      <ScreenHeader title="Account">
        Balance, quotas, usage and the login of the active profile's Chutes account.
      </ScreenHeader>
      <ActiveProfileGate purpose="The Account screen">
        {({ profile, canSign }) => <AccountBody profile={profile} canSign={canSign} />}
      </ActiveProfileGate>
    </section>
  );
}
