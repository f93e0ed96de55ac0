import { useEffect, type ReactElement } from 'react';
import { Notice } from '../components/notice';
import { hrefTo, type RouteId } from '../routes';
import { usePendingReveals } from '../screens/api-keys/created-key-store';
import { useWizard } from '../screens/register/wizard-store';

/**
 * Something shown only once that finished while the user was on another screen — a registration's
 * fingerprint, a new API key's secret — is kept until it has been shown and closed; every other
 * screen says where it is waiting.
 */
export function OnceOnlyNotices({ route }: { route: RouteId }): ReactElement | null {
  const { result } = useWizard();
  const reveals = usePendingReveals();
  // Closing or reloading the window asks first while anything shown once waits (the desktop
  // window's question is electron/window.ts; a browser shows its own).
  const waiting = result !== null || reveals.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const onUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [waiting]);
  const fingerprint = result && route !== 'register';
  const keys = route === 'api-keys' ? [] : reveals;
  if (!fingerprint && keys.length === 0) return null;
  return (
    <Notice tone="warn" live>
      {fingerprint ? (
        <p>
          <strong>The account {result.username} was registered.</strong> Its fingerprint is shown only once and has not
          been stored yet. <a href={hrefTo('register', 'done')}>Show the fingerprint</a>
        </p>
      ) : null}
      {keys.map((r) => (
        <p key={r.created.key.id}>
          <strong>
            The API key “{r.created.key.name}” ({r.account.username}) was created.
          </strong>{' '}
          Its secret is shown only once and has not been shown yet. <a href={hrefTo('api-keys')}>Show the secret</a>
        </p>
      ))}
    </Notice>
  );
}
