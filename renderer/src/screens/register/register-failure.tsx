import { useEffect, useRef, type ReactElement } from 'react';
import { failureIs } from '../../../../shared/errors';
import { errorOf } from '../../api/client';
import { Address } from '../../components/address';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { timeOnly } from '../../lib/date-time';
import { navigate } from '../../routes';
import { AddAsProfile } from './add-as-profile';
import { useWizard } from './wizard-store';

interface Recheck {
  pending: boolean;
  error: Error | null;
  /** When Chutes said no account exists for the hotkey; null until it said so. */
  notCreatedAt: string | null;
  /** How long after the answer was lost the last check was asked, on this page's clock (main's may differ: a web host on another machine). */
  sinceLostMs: number | null;
  /** The hotkey the lost registration was sent for: the one asked about. */
  hotkey: { name: string; ss58: string } | null;
  checkAgain: () => void;
}

/**
 * How long after a lost answer "no account" means "not created". A registration the app gave up
 * on after its timeout may still be running on the server (it checks the coldkey on chain), and
 * sending it again then ends in "already registered" with the fingerprint of the first lost.
 */
export const REGISTRATION_SETTLES_MS = 60_000;

function checkAgainButton(recheck: Recheck, primary: boolean): ReactElement {
  return (
    <button type="button" className={primary ? 'primary' : undefined} onClick={recheck.checkAgain}>
      Check again
    </button>
  );
}

/** Each answer of `../shared/reference/chutes-account-api.md` §2.4 with its next step; everything typed stays, so going back costs nothing. */
export function RegisterFailure({
  error,
  onRetry,
  recheck,
}: {
  error: unknown;
  onRetry: () => void;
  recheck?: Recheck;
}): ReactElement {
  const wizard = useWizard();
  const chosen = wizard.chosen;
  // What the refused request sent (the wizard may hold other answers by now).
  const sent = wizard.attempt?.status === 'failed' ? wizard.attempt.sent : null;
  const e = errorOf(error);
  const box = useRef<HTMLDivElement>(null);
  // The answer appears under the long review: bring it into view.
  useEffect(() => {
    // Newer Chromium returns a promise from scrollIntoView; an effect must not return it.
    void box.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  const again = (
    <button type="button" className="primary" onClick={onRetry}>
      Register again
    </button>
  );
  let next: ReactElement | null = null;
  if (recheck) {
    const which = recheck.hotkey ? (
      <>
        the hotkey {recheck.hotkey.name} <code className="ss58">{recheck.hotkey.ss58}</code>
      </>
    ) : (
      'this hotkey'
    );
    if (recheck.pending)
      next = <p role="status">Asking Chutes whether {which} has an account now (signed with that hotkey)…</p>;
    // "The hotkey already had an account" is an answer, not a failed check: the Review step shows it as the refusal.
    else if (recheck.error && !failureIs(recheck.error, 'hotkey-registered'))
      next = (
        <>
          <p>Whether the account was created could not be checked:</p>
          <ErrorNotice error={recheck.error} />
          <div className="actions">{checkAgainButton(recheck, true)}</div>
        </>
      );
    else if (recheck.notCreatedAt) {
      const settled = recheck.sinceLostMs === null || recheck.sinceLostMs >= REGISTRATION_SETTLES_MS;
      next = settled ? (
        <Notice tone="info" live>
          <p>
            <strong>Chutes has no account for {which}</strong> (checked {timeOnly(recheck.notCreatedAt)}, over a minute
            after the answer was lost), so the registration was not created. It is safe to send it again.
          </p>
          <div className="actions">{again}</div>
        </Notice>
      ) : (
        <Notice tone="info" live>
          <p>
            <strong>Chutes has no account for {which} yet</strong> (checked {timeOnly(recheck.notCreatedAt)}). The
            server may still be finishing the registration (it checks the coldkey on chain), and sending it again now
            could end in “already registered” with the fingerprint lost. Wait a minute, then check again.
          </p>
          <div className="actions">{checkAgainButton(recheck, true)}</div>
        </Notice>
      );
    }
  } else if (failureIs(e, 'token-missing', 'token-invalid')) {
    next = (
      <button type="button" className="primary" onClick={() => navigate('register', 'token')}>
        Get a new token
      </button>
    );
  } else if (failureIs(e, 'username-taken', 'username-invalid')) {
    next = (
      <button type="button" className="primary" onClick={() => navigate('register', 'username')}>
        Change the username
      </button>
    );
  } else if (failureIs(e, 'hotkey-registered') && sent) {
    next = (
      <>
        <AddAsProfile hotkey={sent.hotkey} account={null} hotkeyName={sent.hotkeyName} baseUrl={sent.baseUrl} bare />
        <button type="button" onClick={() => navigate('register', 'wallet')}>
          Pick another hotkey
        </button>
      </>
    );
  } else if (failureIs(e, 'hotkey-changed')) {
    next = (
      <button type="button" className="primary" onClick={() => navigate('register', 'wallet')}>
        Choose the hotkey again
      </button>
    );
  } else if (failureIs(e, 'coldkey-balance') && chosen) {
    next = (
      <>
        <p>Fund this coldkey, then register again:</p>
        <Address address={chosen.coldkey} name={`coldkey of ${chosen.walletName}`} />
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate('register', 'token')}>
            Get a new token
          </button>
          <button type="button" onClick={onRetry}>
            Register again
          </button>
        </div>
      </>
    );
  } else if (failureIs(e, 'clock-skew')) {
    next = (
      <button type="button" onClick={() => navigate('register', 'server')}>
        Check the connection and clock again
      </button>
    );
  } else if (!failureIs(e, 'ip-limit')) {
    next = <div className="actions">{again}</div>;
  }
  return (
    <div ref={box}>
      <ErrorNotice error={error} />
      {next ? <div className="actions">{next}</div> : null}
    </div>
  );
}
