import { useState, type ReactElement } from 'react';
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import type { ProfilesView, ProfileView, RemoveProfileResult } from '../../../../shared/profiles';
import { Address } from '../../components/address';
import { Badge } from '../../components/badge';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { ExportProfileForm } from './export-profile-form';
import { serverShown } from '../../../../shared/server-address';
import { ImportCliConfigForm } from './import-cli-config-form';
import { RenameProfileForm } from './rename-profile-form';
import { channelKey, useMutationChannel } from '../../api/hooks';
import { tellOutcome, type Told } from '../../frame/outcomes';
import { announce } from '../../lib/announce';
import { followIfGone } from './profile-gone';
import { MissingSeedHelp } from './missing-seed-help';

function SeedBadge({ state, waiting }: { state: boolean | null; waiting: boolean }): ReactElement {
  // Worded as the hotkeys' badges on the same screen (hotkey-item.tsx).
  if (state === null)
    return (
      <Badge tone="neutral" title="See the notice at the top of the screen">
        {waiting ? 'Waiting for keychain' : 'Keychain unavailable'}
      </Badge>
    );
  return state ? <Badge tone="good">Seed in keychain</Badge> : <Badge tone="bad">Seed missing from keychain</Badge>;
}

type Panel = 'none' | 'export' | 'remove' | 'rename';

/**
 * What the frame says once a profile is removed (its card is gone): which profile is active now, if
 * that is not the one this window showed as active (another window may have switched to the removed one).
 */
function removedOutcome(
  profile: ProfileView,
  activeHere: string | null,
  result: RemoveProfileResult,
  all: ProfileView[],
): Told {
  const now = all.find((p) => p.id === result.activeId);
  const active =
    result.activeId === activeHere
      ? ''
      : result.activeId === null
        ? ' No profile is active now.'
        : ` ${now ? `“${now.displayName}”` : 'Another profile'} is the active profile now.`;
  return result.sessionProblem
    ? {
        tone: 'warn',
        text: `The profile ${profile.displayName} was removed, but its sign-in session could not be dropped from the keychain (${result.sessionProblem}). It stops working within 7 days, when the session expires.${active}`,
      }
    : { tone: 'good', text: `The profile ${profile.displayName} was removed.${active}` };
}

function ProfileItem({
  profile,
  activeId,
  all,
  focused,
  onFocus,
  keychainWaiting,
}: {
  profile: ProfileView;
  /** The profile this window shows as active. */
  activeId: string | null;
  /** The keychain has not answered yet (an unlock prompt): why the seed's state is unknown. */
  keychainWaiting: boolean;
  /** Every profile, in the store's order: the first other one becomes active if this active one is removed. */
  all: ProfileView[];
  /** Only the card the user last acted in keeps its panel open (one notice on screen, not a pile). */
  focused: boolean;
  onFocus: () => void;
}): ReactElement {
  const active = profile.id === activeId;
  const [chosen, setChosen] = useState<Panel>('none');
  const panel: Panel = focused ? chosen : 'none';
  const setPanel = (next: Panel) => {
    setChosen(next);
    if (next !== 'none') onFocus();
  };
  const activate = useMutationChannel('setActiveProfile', 'all');
  const remove = useMutationChannel('removeProfile', ['listProfiles', 'listWallets']);
  const queries = useQueryClient();
  // Removed in another window: the list is read again, and the frame says why this card went.
  const gone = (error: unknown) =>
    followIfGone(queries, error, profile.id, {
      text: `The profile ${profile.displayName} no longer exists: it was removed, perhaps in another window.`,
    });
  // Mirrors the store (profile-store.ts `remove`): the first profile left becomes active.
  const successor = active ? (all.find((p) => p.id !== profile.id) ?? null) : undefined;
  return (
    <li className={`item${active ? ' active' : ''}`} aria-label={`Profile ${profile.displayName}`}>
      <div className="item-head">
        <h3>{profile.displayName}</h3>
        {active ? <Badge tone="good">Active</Badge> : null}
        <SeedBadge state={profile.seedInKeychain} waiting={keychainWaiting} />
      </div>
      {profile.seedInKeychain === false ? <MissingSeedHelp profile={profile} /> : null}
      <dl className="facts">
        <dt>Username</dt>
        <dd>{profile.username}</dd>
        <dt>Server</dt>
        <dd>{serverShown(profile.baseUrl)}</dd>
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
            onClick={() =>
              // The button goes with its success (the badge moves here): said, not silent.
              void activate
                .mutateAsync({ profileId: profile.id })
                .then(() => announce(`${profile.displayName} is the active profile now.`), gone)
            }
            aria-label={`Make active: ${profile.displayName}`}
          >
            Make active
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => setPanel(panel === 'rename' ? 'none' : 'rename')}
          aria-expanded={panel === 'rename'}
          aria-label={`Rename: ${profile.displayName}`}
        >
          Rename…
        </button>
        <button
          type="button"
          onClick={() => setPanel(panel === 'export' ? 'none' : 'export')}
          aria-expanded={panel === 'export'}
          aria-label={`Export for CLI: ${profile.displayName}`}
        >
          Export for CLI…
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setPanel(panel === 'remove' ? 'none' : 'remove')}
          aria-expanded={panel === 'remove'}
          aria-label={`Remove: ${profile.displayName}`}
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
          {successor === null ? (
            <p>
              <strong>This is the active profile, and the only one.</strong> Once it is removed no profile is active:
              the API keys, secrets and account screens have no account to act on until you add one.
            </p>
          ) : successor ? (
            <p>
              <strong>This is the active profile.</strong> Once it is removed, “{successor.displayName}” becomes the
              active profile: the API keys, secrets and account screens then act on that account.
            </p>
          ) : null}
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
                // mutateAsync: this card is gone with the profile, so the frame says how it went, and
                // which profile is active now when that changed.
                void remove.mutateAsync({ profileId: profile.id }).then(
                  (r) => tellOutcome(removedOutcome(profile, activeId, r, all)),
                  (error: unknown) =>
                    followIfGone(queries, error, profile.id, {
                      tone: 'good',
                      text: `The profile ${profile.displayName} had already been removed, perhaps in another window.`,
                    }),
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
  const queries = useQueryClient();
  const reading = useIsFetching({ queryKey: channelKey('listProfiles') });
  return (
    <section className="card" aria-labelledby="profiles-title">
      <div className="section-head">
        <h2 id="profiles-title">Profiles</h2>
        <button type="button" onClick={() => setImporting(!importing)} aria-expanded={importing}>
          Import CLI config…
        </button>
      </div>
      {importing ? <ImportCliConfigForm onDone={() => setImporting(false)} /> : null}
      {error ? (
        // A damaged profiles file was moved aside by the read that failed: the next one starts empty.
        <ErrorNotice error={error} lead={view ? 'The profiles could not be read again:' : undefined}>
          <div className="actions">
            <button
              type="button"
              onClick={() => void queries.refetchQueries({ queryKey: channelKey('listProfiles') })}
              disabled={reading > 0}
            >
              Try again
            </button>
          </div>
        </ErrorNotice>
      ) : null}
      {!view && !error ? (
        <p className="muted small" role="status">
          Loading profiles…
        </p>
      ) : null}
      {/* Said to every read while no profile has been saved since, whichever read moved the file. */}
      {view?.setAside && view.profiles.length === 0 && !error ? (
        <Notice tone="warn">
          <p>
            Your saved profiles could not be read, so the file was moved to <code>{view.setAside}</code>; nothing was
            deleted. Import your CLI config again, or restore the moved file by renaming it back to{' '}
            <code>profiles.json</code>.
          </p>
        </Notice>
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
              activeId={view.activeId}
              all={view.profiles}
              focused={focus === p.id}
              onFocus={() => setFocus(p.id)}
              keychainWaiting={view.keychainWaiting === true}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
