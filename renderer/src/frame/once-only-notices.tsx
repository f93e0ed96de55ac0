import { useEffect, type ReactElement } from 'react';
import { failureIs } from '../../../shared/errors';
import { Notice } from '../components/notice';
import { hrefTo, type RouteId } from '../routes';
import { profileLabel } from './profile-switcher';
import type { RegistrationResult } from '../../../shared/registration';
import { useCreatedKeys, type PendingReveal } from '../screens/api-keys/created-key-store';
import { restoreAtStart, useRegistrationsElsewhere } from '../screens/register/restore-pending';
import { useWizard } from '../screens/register/wizard-store';

/**
 * Something shown only once that finished while the user was on another screen — a registration's
 * fingerprint, a new API key's secret — is kept until it has been shown and closed; every other
 * screen says where it is waiting. (A create that failed meanwhile is told by frame/outcomes.ts.)
 */
export function OnceOnlyNotices({ route }: { route: RouteId }): ReactElement | null {
  const { result, recovered, attempt } = useWizard();
  const { pending: reveals, inFlight: creating, deleting } = useCreatedKeys();
  const awaited = useRegistrationsElsewhere();
  // A page started again (reloaded, crashed, the window reopened) gets back a fingerprint main still holds.
  useEffect(restoreAtStart, []);
  // A registration whose answer was lost, not yet settled by asking Chutes: the account may exist.
  const unknown = attempt?.status === 'failed' && failureIs(attempt.error, 'answer-lost') && !result && !recovered;
  // Closing or reloading the window asks first while anything shown once waits, or is on its way,
  // or a bulk delete still has batches to send (the desktop window's question is electron/window.ts;
  // a browser shows its own).
  const waiting =
    result !== null ||
    reveals.length > 0 ||
    creating > 0 ||
    deleting > 0 ||
    attempt?.status === 'sending' ||
    unknown ||
    awaited > 0;
  useEffect(() => {
    if (!waiting) return;
    const onUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [waiting]);
  const fingerprint = result && route !== 'register';
  const outcomeUnknown = unknown && route !== 'register';
  const keys = route === 'api-keys' ? [] : reveals;
  // Said on every screen, Register included: its wizard knows nothing of a request another page sent.
  const elsewhere = awaited > 0;
  if (!fingerprint && !outcomeUnknown && keys.length === 0 && !elsewhere) return null;
  return (
    <WaitingNotice
      fingerprint={fingerprint ? result : null}
      outcomeUnknown={outcomeUnknown}
      elsewhere={elsewhere}
      keys={keys}
    />
  );
}

function WaitingNotice({
  fingerprint,
  outcomeUnknown,
  elsewhere,
  keys,
}: {
  fingerprint: RegistrationResult | null;
  outcomeUnknown: boolean;
  elsewhere: boolean;
  keys: readonly PendingReveal[];
}): ReactElement {
  return (
    <Notice tone="warn" live>
      {elsewhere ? (
        <p>
          <strong>
            A registration sent before this page started (or from another window) is still waiting for its answer.
          </strong>{' '}
          If Chutes creates the account, its fingerprint is offered here when the answer comes. Keep this page open and
          the app running until then.
        </p>
      ) : null}
      {outcomeUnknown ? (
        <p>
          <strong>A registration’s outcome is unknown:</strong> it was sent, but its answer was lost, and the account
          may exist. <a href={hrefTo('register', 'review')}>Open Register to check it</a>
        </p>
      ) : null}
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
