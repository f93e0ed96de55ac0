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
    if (recheck.pending)
      next = <p role="status">Asking Chutes whether the account was created (signed with your hotkey)…</p>;
    else if (recheck.error) next = <ErrorNotice error={recheck.error} />;
    else if (recheck.notCreatedAt) {
      next = (
        <Notice tone="info" live>
          <p>
            <strong>Chutes has no account for this hotkey</strong> (checked {timeOnly(recheck.notCreatedAt)}), so the
            registration was not created. It is safe to send it again.
          </p>
          <div className="actions">{again}</div>
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
  } else if (failureIs(e, 'hotkey-registered') && chosen && wizard.baseUrl) {
    next = (
      <>
        <AddAsProfile
          hotkey={chosen.hotkey}
          account={null}
          hotkeyName={chosen.hotkeyName}
          baseUrl={wizard.baseUrl}
          bare
        />
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
