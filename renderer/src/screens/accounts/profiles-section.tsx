import { useState, type ReactElement } from 'react';
import type { ProfilesView, ProfileView } from '../../../../shared/profiles';
import { Address } from '../../components/address';
import { Badge } from '../../components/badge';
import { ErrorNotice } from '../../components/error-notice';
import { hostOf } from '../../lib/host';
import { ExportProfileForm } from './export-profile-form';
import { ImportCliConfigForm } from './import-cli-config-form';
import { RenameProfileForm } from './rename-profile-form';
import { useMutationChannel } from '../../api/hooks';
import { tellOutcome } from '../../frame/outcomes';

function SeedBadge({ state }: { state: boolean | null }): ReactElement {
  if (state === null) return <Badge tone="neutral">Keychain not reachable</Badge>;
  return state ? <Badge tone="good">Seed in keychain</Badge> : <Badge tone="bad">Seed missing from keychain</Badge>;
}

type Panel = 'none' | 'export' | 'remove' | 'rename';

function ProfileItem({
  profile,
  active,
  focused,
  onFocus,
}: {
  profile: ProfileView;
  active: boolean;
  /** Only the card the user last acted in keeps its panel open (one notice on screen, not a pile). */
  focused: boolean;
  onFocus: () => void;
}): ReactElement {
  const [chosen, setChosen] = useState<Panel>('none');
  const panel: Panel = focused ? chosen : 'none';
  const setPanel = (next: Panel) => {
    setChosen(next);
    if (next !== 'none') onFocus();
  };
  const activate = useMutationChannel('setActiveProfile', 'all');
  const remove = useMutationChannel('removeProfile', ['listProfiles', 'listWallets']);
  return (
    <li className={`item${active ? ' active' : ''}`} aria-label={`Profile ${profile.displayName}`}>
      <div className="item-head">
        <h3>{profile.displayName}</h3>
        {active ? <Badge tone="good">Active</Badge> : null}
        <SeedBadge state={profile.seedInKeychain} />
      </div>
      <dl className="facts">
        <dt>Username</dt>
        <dd>{profile.username}</dd>
        <dt>Server</dt>
        <dd>{hostOf(profile.baseUrl)}</dd>
        <dt>Hotkey</dt>
        <dd className="row">
          <span>{profile.hotkeyName}</span>
          <Address
            address={profile.hotkeySs58}
            name={`hotkey ${profile.hotkeyName} (profile ${profile.displayName})`}
          />
        </dd>
        <dt>User ID</dt>
        <dd>
          <code>{profile.userId}</code>
        </dd>
      </dl>
      <div className="actions">
        {!active ? (
          <button
            type="button"
            onClick={() => activate.mutate({ profileId: profile.id })}
            aria-label={`Make active: ${profile.displayName}`}
          >
            Make active
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => setPanel(panel === 'rename' ? 'none' : 'rename')}
          aria-expanded={panel === 'rename'}
        >
          Rename…
        </button>
        <button
          type="button"
          onClick={() => setPanel(panel === 'export' ? 'none' : 'export')}
          aria-expanded={panel === 'export'}
        >
          Export for CLI…
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setPanel(panel === 'remove' ? 'none' : 'remove')}
          aria-expanded={panel === 'remove'}
        >
          Remove…
        </button>
      </div>
      {activate.error ? <ErrorNotice error={activate.error} /> : null}
      {panel === 'rename' ? <RenameProfileForm profile={profile} onDone={() => setPanel('none')} /> : null}
      {panel === 'export' ? <ExportProfileForm profile={profile} onDone={() => setPanel('none')} /> : null}
      {panel === 'remove' ? (
        <div className="subform" role="group" aria-label={`Remove ${profile.displayName}`}>
          <p>
            Remove this profile from the app? The account itself stays on Chutes; you can import or look it up again
            later.
          </p>
          <p className="small muted">
            The hotkey seed stays in the keychain. To remove it too, use “Remove from keychain…” on that hotkey under
            Wallets afterwards: it first says where other copies of the seed are, so the only one is not lost by
            accident.
          </p>
          {remove.error ? <ErrorNotice error={remove.error} /> : null}
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={() =>
                // mutateAsync: this card is gone with the profile, and the frame says what did not go with it.
                void remove.mutateAsync({ profileId: profile.id }).then(
                  (r) => {
                    if (r.sessionProblem)
                      tellOutcome({
                        tone: 'warn',
                        text: `The profile ${profile.displayName} was removed, but its sign-in session could not be dropped from the keychain (${r.sessionProblem}). It stops working within 7 days, when the session expires.`,
                      });
                  },
                  () => undefined,
                )
              }
              disabled={remove.isPending}
            >
              Remove profile
            </button>
            <button type="button" data-cancel onClick={() => setPanel('none')}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

export function ProfilesSection({
  view,
  error,
}: {
  view: ProfilesView | undefined;
  error: Error | null;
}): ReactElement {
  // 'import', a profile id, or nothing: where the last action's panel (and its notice) is open.
  const [focus, setFocus] = useState<string | null>(null);
  const importing = focus === 'import';
  const setImporting = (on: boolean) => setFocus(on ? 'import' : null);
  return (
    <section className="card" aria-labelledby="profiles-title">
      <div className="section-head">
        <h2 id="profiles-title">Profiles</h2>
        <button type="button" onClick={() => setImporting(!importing)} aria-expanded={importing}>
          Import CLI config…
        </button>
      </div>
      {importing ? <ImportCliConfigForm onDone={() => setImporting(false)} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {!view && !error ? (
        <p className="muted small" role="status">
          Loading profiles…
        </p>
      ) : null}
      {/* Not beside the open import form, which is the way out of it. */}
      {view && view.profiles.length === 0 && !importing ? (
        <p className="empty">
          No profiles yet. A profile is what the chutes CLI keeps in <code>config.ini</code>: your username, user ID and
          hotkey. Import the CLI&apos;s config above, register a new account, or add a hotkey to the keychain below and
          look up its account.
        </p>
      ) : null}
      {view && view.profiles.length > 0 ? (
        <ul className="item-list" aria-label="Profiles">
          {view.profiles.map((p) => (
            <ProfileItem
              key={p.id}
              profile={p}
              active={p.id === view.activeId}
              focused={focus === p.id}
              onFocus={() => setFocus(p.id)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
