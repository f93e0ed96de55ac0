import { useRef, useState, type ReactElement } from 'react';
import type { ProfileView } from '../../../shared/profiles';
import { useActiveProfile, useMutationChannel } from '../api/hooks';
import { ErrorNotice } from '../components/error-notice';
import { Identicon } from '../components/identicon';
import { hostOf } from '../lib/host';
import { hrefTo } from '../routes';
import styles from '../app-frame.module.css';

export function profileLabel(p: Pick<ProfileView, 'username' | 'baseUrl'>): string {
  return `${p.username} @ ${hostOf(p.baseUrl)}`;
}

/** A name the user gave the profile, or null when it still has the one it came with (its label or username). */
function givenName(p: ProfileView): string | null {
  return [p.username, profileLabel(p)].includes(p.displayName) ? null : p.displayName;
}

/**
 * For the narrow switcher: the username alone when no other profile has it (the full label is the
 * option's title); else with the end of the host, which is what tells them apart (the port, on a
 * local server) and what the select would otherwise cut.
 */
function shortLabel(p: ProfileView, all: readonly ProfileView[]): string {
  if (all.filter((o) => o.username === p.username).length === 1) return p.username;
  const host = hostOf(p.baseUrl);
  return `${p.username} @ ${host.length > 12 ? `…${host.slice(-10)}` : host}`;
}

/**
 * What the sidebar calls a profile: the name the user gave it, else its username. A name that
 * ends in the profile's own " @ host" (one made for an older username) drops it: the line under
 * the name says the host.
 */
function nameOf(p: ProfileView | undefined): string {
  if (!p) return 'it';
  const given = givenName(p);
  if (given === null) return p.username;
  const at = ` @ ${hostOf(p.baseUrl)}`;
  return given.endsWith(at) && given.length > at.length ? given.slice(0, -at.length) : given;
}

/**
 * The active profile at the top of the sidebar on every screen, and the switcher: every account
 * screen acts on the profile chosen here, and switching refreshes them all without a restart.
 */
export function ProfileSwitcher(): ReactElement {
  const { profile, profiles, isPending } = useActiveProfile();
  const activate = useMutationChannel('setActiveProfile', 'all');
  // Arrow keys on a closed select change its value at every press. A switch reloads every screen
  // and voids actions under review, so a choice made by stepping through waits for Enter or the
  // Switch button; a choice picked from the opened list (mouse, or Enter in it) switches at once.
  const stepping = useRef(false);
  // A stepped-to choice belongs to the profile that was active then, and only while its target exists.
  const [stepped, setStepped] = useState<{ from: string; to: string } | null>(null);
  const pending =
    stepped && stepped.from === profile?.id && profiles.some((p) => p.id === stepped.to) ? stepped.to : null;
  const setPending = (to: string | null) => setStepped(to === null || !profile ? null : { from: profile.id, to });
  const choose = (profileId: string) => {
    setPending(null);
    if (profileId !== profile?.id) activate.mutate({ profileId });
  };
  if (isPending)
    return (
      <div className={styles.profile} role="group" aria-label="Active profile" aria-busy="true">
        <p className={styles.profileHelp}>Loading the profile…</p>
      </div>
    );
  if (!profile) {
    return (
      <div className={styles.profile} role="group" aria-label="Active profile">
        <p className={styles.profileNone}>No profile yet.</p>
        <p className={styles.profileHelp}>
          <a href={hrefTo('register')}>Register an account</a>, or <a href={hrefTo('accounts')}>add an existing one</a>.
        </p>
      </div>
    );
  }
  return (
    <div className={styles.profile} role="group" aria-label="Active profile">
      <div className={styles.profileCard}>
        <Identicon address={profile.hotkeySs58} size={32} />
        {/* The profile as the user named it (as on Profiles & hotkeys), with its account under it. */}
        <div className={styles.profileText}>
          <strong className={styles.profileName}>{nameOf(profile)}</strong>
          <span className={styles.profileHost}>
            {givenName(profile) === null ? '' : `${profile.username} `}@ {hostOf(profile.baseUrl)}
          </span>
        </div>
      </div>
      {profile.seedInKeychain === false ? (
        <p className={styles.profileWarn}>Seed not in the keychain: signing is off.</p>
      ) : null}
      {profiles.length > 1 ? (
        <label className={styles.switcher}>
          Switch profile
          <select
            value={pending ?? profile.id}
            title={profileLabel(profile)}
            disabled={activate.isPending}
            onPointerDown={() => (stepping.current = false)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && pending !== null) {
                e.preventDefault();
                choose(pending);
              }
              // Enter, Space, F4 and Alt+arrows pick from or open the list: not stepping.
              stepping.current = !['Enter', ' ', 'F4'].includes(e.key) && !e.altKey;
            }}
            onChange={(e) => (stepping.current ? setPending(e.target.value) : choose(e.target.value))}
          >
            {profiles.map((p) => (
              <option key={p.id} value={p.id} title={profileLabel(p)}>
                {givenName(p) === null ? shortLabel(p, profiles) : `${p.displayName} — ${shortLabel(p, profiles)}`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {pending !== null && pending !== profile.id ? (
        <div className={styles.switchActions}>
          <button type="button" onClick={() => choose(pending)}>
            Switch to {nameOf(profiles.find((p) => p.id === pending))}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Keep {nameOf(profile)}
          </button>
        </div>
      ) : null}
      {activate.error ? <ErrorNotice error={activate.error} /> : null}
    </div>
  );
}
