import { useEffect, type ReactElement } from 'react';
import { DismissibleAlert } from '../components/dismissible-alert';
import { Notice } from '../components/notice';
import { hrefTo, type RouteId } from '../routes';
import { profileLabel } from './profile-switcher';
import type { RegistrationResult } from '../../../shared/registration';
import { dismissUnseenFailure, useCreatedKeys, type PendingReveal } from '../screens/api-keys/created-key-store';
import { useWizard } from '../screens/register/wizard-store';

/**
 * Something shown only once that finished while the user was on another screen — a registration's
 * fingerprint, a new API key's secret — is kept until it has been shown and closed; every other
 * screen says where it is waiting. A key create that failed after the user left its form is said
 * here too: nobody else will say it (and a key whose secret was lost still has to be deleted).
 */
export function OnceOnlyNotices({ route }: { route: RouteId }): ReactElement | null {
  const { result, attempt } = useWizard();
  const { pending: reveals, inFlight: creating, unseenFailures } = useCreatedKeys();
  // Closing or reloading the window asks first while anything shown once waits, or is on its way
  // (the desktop window's question is electron/window.ts; a browser shows its own).
  const waiting = result !== null || reveals.length > 0 || creating > 0 || attempt?.status === 'sending';
  useEffect(() => {
    if (!waiting) return;
    const onUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [waiting]);
  const fingerprint = result && route !== 'register';
  const keys = route === 'api-keys' ? [] : reveals;
  if (!fingerprint && keys.length === 0 && unseenFailures.length === 0) return null;
  return (
    <>
      {unseenFailures.map((f, i) => (
        <DismissibleAlert key={`${f.name}-${i}`} onDismiss={() => dismissUnseenFailure(f)}>
          <p>
            <strong>Creating the API key “{f.name}” did not finish as asked.</strong> {f.message}{' '}
            {f.keyId ? (
              <a href={hrefTo('api-keys', f.keyId)}>Open “{f.name}” to delete it</a>
            ) : (
              <a href={hrefTo('api-keys', 'new')}>Create it again</a>
            )}
          </p>
        </DismissibleAlert>
      ))}
      {fingerprint || keys.length > 0 ? <WaitingNotice fingerprint={fingerprint ? result : null} keys={keys} /> : null}
    </>
  );
}

function WaitingNotice({
  fingerprint,
  keys,
}: {
  fingerprint: RegistrationResult | null;
  keys: readonly PendingReveal[];
}): ReactElement {
  return (
    <Notice tone="warn" live>
      {fingerprint ? (
        <p>
          <strong>The account {fingerprint.username} was registered</strong>
          {fingerprint.profile ? ' and is now the active profile' : ''}. Its fingerprint is shown only once and has not
          been stored yet. <a href={hrefTo('register', 'done')}>Show the fingerprint</a>
        </p>
      ) : null}
      {keys.map((r) => (
        <p key={r.created.key.id}>
          <strong>
            The API key “{r.created.key.name}” ({profileLabel(r.account)}) was created.
          </strong>{' '}
          Its secret is shown only once and has not been shown yet. <a href={hrefTo('api-keys')}>Show the secret</a>
        </p>
      ))}
    </Notice>
  );
}
