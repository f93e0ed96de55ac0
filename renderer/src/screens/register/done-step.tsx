import { useState, type ReactElement } from 'react';
import type { Profile } from '../../../../shared/profiles';
import { useMutationChannel } from '../../api/hooks';
import { Address } from '../../components/address';
import { CopyButton } from '../../components/copy-button';
import { GroupedSecret } from '../../components/grouped-secret';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { QrCode } from '../../components/qr-code';
import { isAt, navigate } from '../../routes';
import { ExportProfileForm } from '../accounts/export-profile-form';
import styles from './register.module.css';
import { restorePendingRegistration } from './restore-pending';
import { resetWizard, updateWizard, useWizard } from './wizard-store';

function Payment({ address }: { address: string }): ReactElement {
  return (
    <section aria-labelledby="payment-title">
      <h3 id="payment-title">Top up: payment address</h3>
      <div className={styles.payment}>
        <div className={styles.qr}>
          <QrCode text={address} label={`QR code of the payment address ${address}`} />
        </div>
        <div>
          <p className={styles.help}>
            The account starts with a balance of $0. Send TAO to this address; Chutes credits it in USD at the current
            price.
          </p>
          <Address address={address} name="the payment address" />
        </div>
      </div>
    </section>
  );
}

function CliConfigOffer({ profile }: { profile: Profile }): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="cli-title">
      <h3 id="cli-title">The chutes CLI (optional)</h3>
      <p className={styles.help}>
        Write this account as the CLI’s config.ini. The seed goes into the file only if you ask, after a warning: the
        CLI keeps it in plain text.
      </p>
      {open ? (
        <ExportProfileForm profile={profile} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          Export for CLI…
        </button>
      )}
    </section>
  );
}

/** Step 6: the fingerprint shown once, its safekeeping, the payment address, and the saved profile. */
export function DoneStep(): ReactElement {
  // The fingerprint is kept in the keychain only if the user asks.
  const { result, recovered, keepFingerprint: keep, fingerprintStored: stored } = useWizard();
  const finish = useMutationChannel('finishRegistration');
  const close = () => {
    resetWizard();
    // Only from the Done step: a Finish answered after the user went elsewhere leaves them there.
    if (isAt('register', 'done')) navigate('account');
    // Another account main still holds (registered from another window) is offered next.
    void restorePendingRegistration();
  };

  if (recovered) {
    const { account, profile } = recovered;
    return (
      <div className={styles.form}>
        <Notice tone="good" live>
          <p>
            <strong>
              The account {account.username} exists on {new URL(account.apiUrl).host}.
            </strong>{' '}
            The registration reached Chutes, but its answer was lost on the way back. Nothing was sent twice. The
            profile “{profile.displayName}” is saved and active.
          </p>
        </Notice>
        <Notice tone="warn">
          <p>
            <strong>The fingerprint was in the lost answer, and Chutes cannot show it again.</strong> You do not need it
            to use the app or the CLI (the hotkey signs). For web login, set a new fingerprint later on the Account
            screen (“change fingerprint”, signed with your hotkey).
          </p>
        </Notice>
        {account.paymentAddress ? <Payment address={account.paymentAddress} /> : null}
        <CliConfigOffer profile={profile} />
        <div className={styles.nav}>
          <button type="button" className="primary" onClick={close}>
            Finish
          </button>
        </div>
      </div>
    );
  }
  if (!result) return <p className="muted">Nothing was registered yet.</p>;

  const onFinish = () => {
    // mutateAsync: a per-call onSuccess is skipped once this step unmounts, and the wizard would keep
    // offering a fingerprint the server has already let go of. A failure is shown from `finish`.
    finish
      .mutateAsync({ baseUrl: result.baseUrl, userId: result.userId, keepFingerprint: keep })
      .then(close, () => undefined);
  };
  return (
    <div className={styles.form}>
      <Notice tone="good" live>
        <p>
          <strong>
            Registered {result.username} on {new URL(result.baseUrl).host}.
          </strong>{' '}
          User ID <code>{result.userId}</code>.
          {result.profile
            ? ` The profile “${result.profile.displayName}” is saved and active; its hotkey seed is in the system keychain.`
            : null}
        </p>
      </Notice>
      {result.profileProblem ? (
        <Notice tone="warn">
          <p>
            <strong>The account exists, but the app could not save it as a profile:</strong> {result.profileProblem}{' '}
            Once that is fixed, add it on Profiles & hotkeys (look up the hotkey, then “Save as profile”).
          </p>
        </Notice>
      ) : null}
      <section aria-labelledby="fingerprint-title" className={styles.shownOnce}>
        <h3 id="fingerprint-title">Your fingerprint: shown once</h3>
        <p className={styles.help}>
          The fingerprint is this account’s login secret (web dashboard, deleting the account, moving it to another
          hotkey). Chutes keeps only a hash of it and can never show it again. Store it in a password manager now. The
          spaces are only there for reading: Copy (or selecting it) gives it without them.
        </p>
        <div className="row">
          <GroupedSecret className={styles.secret} label="Fingerprint" text={result.fingerprint} />
          <CopyButton text={result.fingerprint} label="Copy the fingerprint" />
        </div>
        <label className="choice">
          <input type="checkbox" checked={keep} onChange={(e) => updateWizard({ keepFingerprint: e.target.checked })} />
          <span>Also keep it in the system keychain, for this account</span>
          <span className="explain">
            The Account screen can then use it without asking you to type it. It is never written to a file.
          </span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={stored}
            onChange={(e) => updateWizard({ fingerprintStored: e.target.checked })}
          />
          <span>
            <strong>I have stored the fingerprint somewhere safe</strong>
          </span>
        </label>
      </section>
      {result.paymentAddress ? <Payment address={result.paymentAddress} /> : null}
      {result.profile ? <CliConfigOffer profile={result.profile} /> : null}
      {finish.error ? <ErrorNotice error={finish.error} /> : null}
      <div className={styles.nav}>
        <button type="button" className="primary" onClick={onFinish} disabled={!stored || finish.isPending}>
          {finish.isPending ? 'Finishing…' : 'Finish'}
        </button>
        {!stored ? <span className="small muted">Confirm that you stored the fingerprint to finish.</span> : null}
      </div>
    </div>
  );
}
