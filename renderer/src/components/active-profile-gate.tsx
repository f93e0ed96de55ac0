import type { ReactElement, ReactNode } from 'react';
import type { ProfileView } from '../../../shared/profiles';
import { useActiveProfile } from '../api/hooks';
import { hrefTo } from '../routes';
import { ErrorNotice } from './error-notice';
import { Notice } from './notice';

export interface ActiveProfileContext {
  profile: ProfileView;
  /** False when the keychain does not hold (or could not be asked for) this profile's seed. */
  canSign: boolean;
}

/**
 * For the account screens: renders `children` with the active profile, or says why there is
 * none and where to get one. A profile whose seed is not in the keychain can still be viewed;
 * its signed actions are off, and this says how to turn them on.
 */
export function ActiveProfileGate({
  children,
  purpose,
  signedToShow,
}: {
  children: (ctx: ActiveProfileContext) => ReactNode;
  purpose: string;
  /** What the screen shows is itself a signed request ("Listing API keys"): without the seed there is nothing to see. */
  signedToShow?: string;
}): ReactElement {
  const { profile, isPending, error, recheck, rechecking } = useActiveProfile();
  if (isPending)
    return (
      <p className="muted" role="status">
        Loading profiles…
      </p>
    );
  if (error) return <ErrorNotice error={error} />;
  if (!profile) {
    return (
      <Notice tone="info">
        <p>
          <strong>No profile is active.</strong> {purpose} acts on a Chutes account:{' '}
          <a href={hrefTo('register')}>register one</a>, or add an existing one on{' '}
          <a href={hrefTo('accounts')}>Profiles & hotkeys</a> (import the CLI config, or look up a hotkey).
        </p>
      </Notice>
    );
  }
  const canSign = profile.seedInKeychain === true;
  return (
    <>
      {profile.seedInKeychain === false ? (
        <Notice tone="warn">
          <p>
            <strong>
              The keychain does not hold the seed of hotkey “{profile.hotkeyName}” ({profile.hotkeySs58}).
            </strong>{' '}
            {signedToShow
              ? `${signedToShow} is itself a request signed with it, so there is nothing to show until the seed is back.`
              : 'You can look, but actions that need a signature are unavailable.'}{' '}
            Add this hotkey to the keychain on <a href={hrefTo('accounts')}>Profiles & hotkeys</a> (from its wallet file
            or the CLI config).
          </p>
        </Notice>
      ) : null}
      {profile.seedInKeychain === null ? (
        <Notice tone="warn">
          <p>
            The keychain is not answering, so signed actions are unavailable
            {signedToShow ? `, and ${signedToShow.toLowerCase()} is one of them` : ''}. See the{' '}
            <a href={hrefTo('accounts')}>Profiles & hotkeys</a> screen for what to do.
          </p>
          <p>
            <button type="button" onClick={recheck} disabled={rechecking}>
              {rechecking ? 'Checking…' : 'Check the keychain again'}
            </button>
          </p>
        </Notice>
      ) : null}
      {children({ profile, canSign })}
    </>
  );
}
