import { useCallback, useEffect, type ReactElement } from 'react';
import { failureIs } from '../../../../shared/errors';
import { registerBaseUrl } from '../../../../shared/registration';
import { errorOf } from '../../api/client';
import { useChannel, useMutationChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { hostOf } from '../../lib/host';
import { navigate, placeFromHash } from '../../routes';
import { useHostWords } from './host-words';
import { RegisterFailure } from './register-failure';
import styles from './register.module.css';
import { clock, TOKEN_PROBABLY_EXPIRED, useTokenSecondsLeft } from './token-clock';
import { currentWizard, stepOfFailure, updateWizard, useWizard } from './wizard-store';

/** Step 5: exactly what will be sent and signed, then the one registration request. */
export function ReviewStep(): ReactElement {
  const wizard = useWizard();
  const { chosen } = wizard;
  const input = {
    baseUrl: wizard.baseUrl ?? '',
    username: wizard.username,
    walletId: chosen?.walletId ?? '',
    hotkeyId: chosen?.hotkeyId ?? '',
    token: wizard.token.trim(),
  };
  const preview = useChannel('previewRegistration', input, { staleTime: 0 });
  const register = useMutationChannel('register', ['listProfiles', 'listWallets']);
  const recheck = useMutationChannel('recheckRegistration', ['listProfiles']);
  const p = preview.data;
  const sending = wizard.attempt?.status === 'sending';
  const failure = wizard.attempt?.status === 'failed' ? wizard.attempt.error : null;
  const left = useTokenSecondsLeft(wizard.tokenPastedAt);
  const { machine, keychain } = useHostWords();

  // A lost answer is checked at once (signed GET /users/me) for the hotkey and name that were sent,
  // whatever has been chosen since; nothing is re-sent before that.
  const lost = failureIs(failure, 'answer-lost');
  const lostAt = wizard.attempt?.status === 'failed' ? wizard.attempt.at : null;
  const sent = wizard.attempt?.status === 'failed' ? wizard.attempt.sent : null;
  const { mutate: runRecheck, error: recheckError } = recheck;
  const checkAgain = useCallback(() => {
    if (sent) {
      const { baseUrl, walletId, hotkeyId, hotkey, username } = sent;
      runRecheck({ baseUrl, walletId, hotkeyId, hotkey, username });
    }
  }, [sent, runRecheck]);
  useEffect(() => {
    if (lost) checkAgain();
  }, [lost, checkAgain]);
  // The hotkey already had an account before: the registration was refused, which ends the
  // uncertainty (a refusal of the Wallet step, put away like any other once an answer changes).
  useEffect(() => {
    const now = currentWizard().attempt;
    if (now?.status === 'failed' && failureIs(recheckError, 'hotkey-registered'))
      updateWizard({ attempt: { ...now, error: recheckError }, failedStep: 'wallet' });
  }, [recheckError]);

  useEffect(() => {
    if (recheck.data?.created) {
      updateWizard({ recovered: recheck.data });
      navigate('register', 'done');
    }
  }, [recheck.data]);

  const send = () => {
    if (sending || !p) return;
    recheck.reset();
    // mutateAsync, not mutate's onSuccess: TanStack Query skips a per-call onSuccess once this step
    // has unmounted (the user clicked another step or screen while it was sending), and the
    // fingerprint, shown only once, would be lost. The outcome goes to the wizard's store, which
    // outlives the step: the Done step, or the failure, is there whenever the user comes back.
    const { baseUrl, walletId, hotkeyId, username } = input;
    const out = { baseUrl, walletId, hotkeyId, username, hotkey: p.hotkey, hotkeyName: p.hotkeyName };
    updateWizard({ attempt: { status: 'sending', sent: out }, failedStep: null });
    register
      .mutateAsync({ ...input, reviewedHotkey: p.hotkey, reviewedBodySha256: p.bodySha256 })
      .then((result) => {
        updateWizard({ result, attempt: null });
        if (placeFromHash(window.location.hash).route === 'register') navigate('register', 'done');
      })
      .catch((error: unknown) => {
        const now = currentWizard().attempt;
        // An answer changed while it was out: the refusal was about the old one (a lost answer
        // is kept whatever changed: the account may exist).
        if (now?.status === 'sending' && now.answersChanged && !failureIs(error, 'answer-lost'))
          updateWizard({ attempt: null, failedStep: null });
        else
          updateWizard({
            attempt: { status: 'failed', error, at: Date.now(), sent: out },
            failedStep: stepOfFailure(errorOf(error).reason),
          });
      });
  };
  // "Sent" only when the request went out: some failures come before (the keychain, a changed file).
  // A lost answer's recheck may end it as "the hotkey had an account": that one went out too.
  const wentOut =
    failure !== null &&
    (errorOf(failure).detail?.status !== undefined || lost || failureIs(failure, 'hotkey-registered'));

  return (
    <div className={styles.form}>
      {preview.isPending ? (
        <p className="muted" role="status">
          Preparing the request…
        </p>
      ) : null}
      {preview.error ? <ErrorNotice error={preview.error} /> : null}
      {p ? (
        <p className={styles.help}>
          {sending
            ? 'Sending this request now.'
            : failure
              ? wentOut && sent
                ? `Sent to ${hostOf(registerBaseUrl(sent.baseUrl))}. What happened, and what to do next:`
                : 'Not sent. What happened, and what to do next:'
              : 'Nothing has been sent yet.'}
        </p>
      ) : null}
      <div aria-live="polite">
        {failure && !lost ? <RegisterFailure error={failure} onRetry={send} /> : null}
        {lost ? (
          <RegisterFailure
            error={failure}
            onRetry={send}
            recheck={{
              pending: recheck.isPending,
              error: recheck.error,
              notCreatedAt: recheck.data && !recheck.data.created ? recheck.data.checkedAt : null,
              // When the check was asked, on this page's clock like `lostAt`: its answer came later still.
              sinceLostMs: lostAt !== null && recheck.submittedAt > 0 ? recheck.submittedAt - lostAt : null,
              hotkey: sent ? { name: sent.hotkeyName, ss58: sent.hotkey } : null,
              checkAgain,
            }}
          />
        ) : null}
      </div>
      {p ? (
        <>
          <p className={styles.help}>
            {/* After an attempt, the answers may have changed since: these are not what was sent. */}
            {failure
              ? 'What Register would send now, signed by the hotkey:'
              : 'What registering sends, signed by the hotkey:'}
          </p>
          <dl className="facts">
            <dt>Request</dt>
            <dd>
              <code>
                {p.method} {p.url}
              </code>
            </dd>
            <dt>Username</dt>
            <dd>{wizard.username}</dd>
            <dt>Signed by hotkey</dt>
            <dd>
              {p.hotkeyName} <code className="ss58">{p.hotkey}</code>
              {p.seedSource === 'file' ? (
                <span className={`muted small ${styles.note}`}>
                  Register first copies the seed from its file into {keychain} (the file stays as it is); the copy stays
                  there whatever Chutes answers, for another try and for the new profile.
                </span>
              ) : null}
            </dd>
            <dt>Coldkey</dt>
            <dd>
              <code className="ss58">{p.coldkey}</code>
            </dd>
          </dl>
          <details className={styles.exact}>
            <summary>Exactly what is sent and signed</summary>
            <div className={styles.exactBody}>
              <div>
                <strong>JSON body, byte for byte</strong>
                <pre className={styles.pre} aria-label="JSON body">
                  {p.body}
                </pre>
              </div>
              <div>
                <strong>SHA-256 of the body</strong>
                <pre className={styles.pre} aria-label="Body hash">
                  {p.bodySha256}
                </pre>
              </div>
              <div>
                <strong>Signing message</strong>{' '}
                <span className="muted small">
                  hotkey : nonce : body hash — the nonce is the time of sending, in seconds
                </span>
                <pre className={styles.pre} aria-label="Signing message">
                  {p.signingMessage}
                </pre>
              </div>
              <p className={styles.help}>
                Headers: <code>X-Chutes-Hotkey</code> (the hotkey), <code>X-Chutes-Nonce</code>,{' '}
                <code>X-Chutes-Signature</code> (sr25519 signature of the message, hex). No fingerprint, seed or other
                secret leaves {machine}.
              </p>
            </div>
          </details>
        </>
      ) : null}
      {/* Beside Register, where it matters. */}
      {p && !failure && !sending && left !== null ? (
        left > 0 ? (
          <p className={styles.help}>
            The registration token has about <strong className={styles.countdown}>{clock(left)}</strong> left.
          </p>
        ) : (
          <Notice tone="warn">
            <p>
              The registration token is {TOKEN_PROBABLY_EXPIRED}. Go back, get a new one from the token page and paste
              it.
            </p>
          </Notice>
        )
      ) : null}
      <div className={styles.nav}>
        <button type="button" onClick={() => navigate('register', 'token')} disabled={sending}>
          Back
        </button>
        {!failure ? (
          <button type="button" className="primary" onClick={send} disabled={!p || sending}>
            {sending ? 'Registering…' : 'Register'}
          </button>
        ) : null}
      </div>
    </div>
  );
}
