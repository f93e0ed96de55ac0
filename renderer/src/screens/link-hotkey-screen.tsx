import { useQueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { queryKeyFor, useActiveProfileId, useChannel, useMutationChannel } from '../api/hooks';
import { ActiveProfileGate } from '../components/active-profile-gate';
import { ScreenHeader } from '../components/screen-header';
import { CapabilityPanel } from './link/capability-panel';
import { LinkForm } from './link/link-form';

/**
 * Link a validator or subnet-owner hotkey to the active account (`../shared/reference/chutes-account-api.md` §4).
 * The server is asked first whether it still has the link routes; the form appears only if so.
 */
export function LinkHotkeyScreen(): ReactElement {
  return (
    <section aria-label="Link hotkey">
      <ScreenHeader title="Link hotkey">
        Until July 2025 Chutes let validators and subnet owners link their hotkey to an account for free developer
        access. This screen asks the Chutes server of the active profile whether it still does, and links the hotkey if
        so.
      </ScreenHeader>
      <ActiveProfileGate purpose="Linking a hotkey">
        {({ profile, canSign }) => <LinkBody key={profile.id} profile={profile} canSign={canSign} />}
      </ActiveProfileGate>
    </section>
  );
}

function LinkBody({ profile, canSign }: Parameters<typeof LinkForm>[0]): ReactElement {
  const host = new URL(profile.baseUrl).host;
  const detect = useChannel('detectLinking', {}, { enabled: canSign });
  const recheck = useMutationChannel('detectLinking');
  // The fresh probe's own answer is what the panel shows: reading the channel again would get the
  // remembered copy of it, said as "remembered" although it was just asked.
  const client = useQueryClient();
  const profileId = useActiveProfileId();
  const onRecheck = () =>
    recheck.mutate(
      { recheck: true },
      { onSuccess: (fresh) => client.setQueryData(queryKeyFor('detectLinking', {}, profileId), fresh) },
    );
  return (
    <>
      {canSign ? (
        <CapabilityPanel
          host={host}
          capability={detect.data}
          error={recheck.error ?? detect.error}
          checking={detect.isFetching || recheck.isPending}
          onRecheck={onRecheck}
        />
      ) : (
        <p className="muted">
          Whether Chutes at {host} offers linking is checked with a request signed by this account, so it waits for the
          seed too.
        </p>
      )}
      {detect.data?.offered ? <LinkForm profile={profile} canSign={canSign} /> : null}
    </>
  );
}
