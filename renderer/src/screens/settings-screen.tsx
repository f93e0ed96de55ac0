import type { ReactElement } from 'react';
import { ALLOW_MISSING_NOTE } from '../../../shared/profile-texts';
import { ErrorNotice } from '../components/error-notice';
import { ScreenHeader } from '../components/screen-header';
import { ActivityPanel } from './settings/activity-panel';
import { DiagnosticsPanel, type DiagnosticsTargets } from './settings/diagnostics-panel';
import { useActiveProfile, useChannel } from '../api/hooks';

const SOURCE_LABEL: Record<string, string> = {
  default: 'default',
  CHUTES_API_URL: 'from CHUTES_API_URL',
  CHUTES_CONFIG_PATH: 'from CHUTES_CONFIG_PATH',
  BT_WALLET_PATH: 'from BT_WALLET_PATH',
  '--wallets-path': 'from --wallets-path',
  chosen: 'chosen on Profiles & hotkeys',
  'chosen-unreadable': 'default, as the folder chosen on Profiles & hotkeys cannot be read',
};

export function SettingsScreen(): ReactElement {
  const info = useChannel('getAppInfo', {});
  // Account calls go to the active profile's server, so that is what Diagnostics starts with.
  const { profile, isPending: profilesPending, error: profilesError } = useActiveProfile();
  // Unread profiles (a newer version's file, no permission) may well have an active one elsewhere.
  const profilesUnknown = profilesError !== null && profile === null;
  const targets: DiagnosticsTargets | null =
    info.data && !profilesPending
      ? {
          profile: profilesUnknown
            ? 'unknown'
            : profile
              ? { name: profile.displayName, baseUrl: profile.baseUrl }
              : null,
          app: { url: info.data.apiUrl, source: info.data.apiUrlSource },
        }
      : null;
  return (
    <section>
      <ScreenHeader title="Settings">
        Where the app points, whether it can reach Chutes, and what it has signed.
      </ScreenHeader>
      {/* Keyed: another profile made active meanwhile starts the field again from its server. */}
      {targets ? (
        <DiagnosticsPanel
          key={profile?.baseUrl ?? (profilesUnknown ? 'unknown' : targets.app.url)}
          targets={targets}
          profilesError={profilesUnknown ? profilesError : undefined}
        />
      ) : null}
      <section className="card" aria-labelledby="config-title">
        <h2 id="config-title">Configuration</h2>
        {info.error ? <ErrorNotice error={info.error} /> : null}
        {info.data ? (
          <dl className="facts">
            {profile ? (
              <>
                <dt>Active profile’s server</dt>
                <dd>
                  <code>{profile.baseUrl}</code>{' '}
                  <span className="muted">(account calls for “{profile.displayName}” go here)</span>
                </dd>
              </>
            ) : null}
            <dt>API address</dt>
            <dd>
              <code>{info.data.apiUrl}</code> <span className="muted">({SOURCE_LABEL[info.data.apiUrlSource]})</span>
              <span className="muted"> · used when no profile is active, and offered when registering</span>
              {profilesUnknown ? (
                <span className="muted"> · the profiles could not be read, so whether one is active is not known</span>
              ) : null}
            </dd>
            <dt>CLI config file</dt>
            <dd>
              <code>{info.data.configPath}</code>{' '}
              <span className="muted">({SOURCE_LABEL[info.data.configPathSource]})</span>
              {info.data.allowMissingConfig ? <span className="muted"> · {ALLOW_MISSING_NOTE}</span> : null}
            </dd>
            <dt>Wallets folder</dt>
            <dd>
              <code>{info.data.walletsPath}</code>{' '}
              <span className="muted">({SOURCE_LABEL[info.data.walletsPathSource]})</span>
              {info.data.walletsPathProblem ? (
                <span className="bad-text"> · {info.data.walletsPathProblem}</span>
              ) : null}
            </dd>
            <dt>App data</dt>
            <dd>
              <code>{info.data.dataDir}</code>
            </dd>
            <dt>Version</dt>
            <dd>
              {info.data.version} · {info.data.host === 'web' ? 'web host (browser)' : 'desktop window'}
            </dd>
          </dl>
        ) : info.isPending ? (
          <p className="muted">Loading…</p>
        ) : null}
        <p className="muted small">
          The same environment variables as the chutes CLI and btcli apply: set them before starting the app to change
          these. The wallets folder can also be chosen on Profiles & hotkeys (“Change folder…”) when neither
          BT_WALLET_PATH nor --wallets-path is set.
        </p>
      </section>
      <ActivityPanel />
    </section>
  );
}
