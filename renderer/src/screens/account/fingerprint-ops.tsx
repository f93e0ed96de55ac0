import { useId, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import type { ProfileView } from '../../../../shared/profiles';
import { useMutationChannel } from '../../api/hooks';
import { CopyButton } from '../../components/copy-button';
import { ErrorNotice } from '../../components/error-notice';
import {
  DonePanel,
  editing,
  FieldProblem,
  fieldIssueProps,
  FormActions,
  type FieldIssue,
} from '../../components/form-parts';
import { tellIfLeft } from '../../frame/outcomes';
import { useMountedRef } from '../../lib/use-mounted';
import styles from './account.module.css';
import { FingerprintField, fingerprintInput, fingerprintMissing, type FingerprintChoice } from './fingerprint-field';
import { needsSeed } from './format';
import { DeleteAccount, MoveHotkey } from './move-or-delete-account';

/** What the operations need to know about the account (available without a signed read). */
export interface OpsAccount {
  username: string;
  fingerprintStored: boolean;
}

type Op = 'dashboard' | 'refinger' | 'move' | 'delete' | null;

function OpCard({
  title,
  danger,
  children,
  open,
  onOpen,
  openLabel,
  disabled,
  why,
}: {
  title: string;
  danger?: boolean;
  children: ReactNode;
  open: boolean;
  onOpen: () => void;
  openLabel: string;
  disabled?: boolean;
  why?: string;
}): ReactElement {
  const headingId = useId();
  return (
    <div role="group" className={`${styles.op} ${danger ? styles.opDanger : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {open ? null : (
        <>
          {why ? <p className="small muted">{why}</p> : null}
          <div className="actions">
            <button type="button" className={danger ? 'danger' : undefined} onClick={onOpen} disabled={disabled}>
              {openLabel}
            </button>
          </div>
        </>
      )}
      {open ? children : null}
    </div>
  );
}

function DashboardLogin({ onClose }: { onClose: () => void }): ReactElement {
  const login = useMutationChannel('dashboardLogin');
  const result = login.data;
  if (result && !result.supported) {
    return (
      <DonePanel tone="info" onClose={onClose}>
        <p>{result.message}</p>
      </DonePanel>
    );
  }
  if (result?.supported) {
    return (
      <DonePanel onClose={onClose}>
        <p>
          Opening the dashboard in your browser, logged in. If no browser window appeared (a blocked pop-up, or a server
          outside chutes.ai, which the desktop app does not open), open this one-time address yourself within 5 minutes:
        </p>
        <p className="mono" style={{ overflowWrap: 'anywhere' }}>
          {result.url} <CopyButton text={result.url} label="Copy the one-time dashboard address" />
        </p>
      </DonePanel>
    );
  }
  return (
    <form
      className="subform"
      aria-label="Open the web dashboard"
      onSubmit={(e) => {
        e.preventDefault();
        login.mutate(
          {},
          { onSuccess: (r) => (r.supported ? void window.open(r.url, '_blank', 'noopener,noreferrer') : undefined) },
        );
      }}
    >
      <p>
        This signs a one-time login (valid 5 minutes) with the hotkey and opens the Chutes web dashboard in your
        browser. The browser then holds a session for 7 days; log out there to end it.
      </p>
      {login.error ? <ErrorNotice error={login.error} /> : null}
      <FormActions submit="Open dashboard" busy={login.isPending} onCancel={onClose} />
    </form>
  );
}

function ChangeFingerprint({
  overview,
  profileId,
  canSign,
  onClose,
}: {
  overview: OpsAccount;
  /** The profile this form was opened for: main refuses the change if another is active by then. */
  profileId: string;
  canSign: boolean;
  onClose: () => void;
}): ReactElement {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [keep, setKeep] = useState(overview.fingerprintStored);
  const [current, setCurrent] = useState<FingerprintChoice>(
    overview.fingerprintStored ? { remember: false } : { fingerprint: '', remember: false },
  );
  // Said under the field it is about, which is marked invalid and points at it.
  const [problem, setProblem] = useState<FieldIssue<'next' | 'again' | 'current'> | null>(null);
  const invalid = (field: 'next' | 'again') => fieldIssueProps(problem, 'refinger', field);
  const change = useMutationChannel('changeFingerprint', ['accountOverview']);
  const mounted = useMountedRef();
  if (change.data) {
    return (
      <DonePanel onClose={onClose}>
        <p>
          <strong>Fingerprint changed.</strong>{' '}
          {change.data.stored
            ? 'The new one is kept in the keychain.'
            : change.data.keepProblem
              ? `The keychain did not keep the new one: ${change.data.keepProblem} Store the new one somewhere safe now.`
              : 'It is not kept anywhere by this app: make sure you stored it.'}{' '}
          Web sessions made with the old one may keep working for up to an hour (server cache).
        </p>
      </DonePanel>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 8) return setProblem({ field: 'next', text: 'Use at least 8 characters.' });
    if (next !== again) return setProblem({ field: 'again', text: 'The two entries differ.' });
    if (!canSign && fingerprintMissing(current))
      return setProblem({ field: 'current', text: 'Enter the current fingerprint.' });
    setProblem(null);
    const source = canSign ? { remember: keep } : { ...fingerprintInput(current), remember: keep };
    // Whether the new fingerprint is kept anywhere must reach the user even if they left this card.
    tellIfLeft(mounted, change.mutateAsync({ ...source, newFingerprint: next, reviewedFor: profileId }), {
      done: (r) =>
        r.stored
          ? `The fingerprint of ${overview.username} was changed. The new one is kept in the keychain.`
          : {
              tone: 'warn',
              text: r.keepProblem
                ? `The fingerprint of ${overview.username} was changed. The keychain did not keep the new one: ${r.keepProblem} Store the new one somewhere safe now.`
                : `The fingerprint of ${overview.username} was changed. It is not kept anywhere by this app: make sure you stored it.`,
            },
      failed: `Changing the fingerprint of ${overview.username} failed`,
    });
  };
  return (
    <form className="subform" aria-label="Change fingerprint" onSubmit={submit} noValidate>
      <p>
        The new fingerprint replaces the old one at once: the old one stops working for deleting the account, moving it
        and web logins.{' '}
        {canSign
          ? 'The change is signed with the hotkey, so the old fingerprint is not needed.'
          : 'Without the hotkey seed, the current fingerprint authorises the change.'}
      </p>
      {!canSign ? (
        <FingerprintField
          stored={overview.fingerprintStored}
          value={current}
          onChange={(next) => {
            setCurrent(next);
            setProblem(editing('current'));
          }}
          idPrefix="refinger-current"
          offerRemember={false}
        />
      ) : null}
      <label className="field">
        New fingerprint
        <input
          type="password"
          autoComplete="new-password"
          value={next}
          {...invalid('next')}
          onChange={(e) => {
            setNext(e.target.value);
            setProblem(editing('next', 'again'));
          }}
        />
      </label>
      <FieldProblem issue={problem} form="refinger" field="next" />
      <label className="field">
        New fingerprint again
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          {...invalid('again')}
          onChange={(e) => {
            setAgain(e.target.value);
            setProblem(editing('again'));
          }}
        />
      </label>
      <FieldProblem issue={problem} form="refinger" field="again" />
      <label className="choice">
        <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
        <span>Keep the new fingerprint in the keychain</span>
      </label>
      <FieldProblem issue={problem} form="refinger" field="current" />
      {change.error ? <ErrorNotice error={change.error} /> : null}
      <FormActions submit="Change fingerprint" busy={change.isPending} onCancel={onClose} />
    </form>
  );
}

/** Operations that need the fingerprint or act on the login (`../shared/reference/chutes-account-api.md` §3.4–3.7), each behind a confirmation. */
export function FingerprintOps({
  overview,
  profile,
  canSign,
}: {
  overview: OpsAccount;
  profile: ProfileView;
  canSign: boolean;
}): ReactElement {
  const [op, setOp] = useState<Op>(null);
  const forget = useMutationChannel('forgetFingerprint', ['accountOverview']);
  const close = () => setOp(null);
  const noSeed = canSign ? undefined : needsSeed(profile.seedInKeychain);
  return (
    <section className="card" aria-labelledby="account-ops">
      <div className="section-head">
        <h2 id="account-ops">Login and account</h2>
        {overview.fingerprintStored ? (
          <div className="actions">
            <span className="small">A fingerprint for this account is kept in the keychain.</span>
            <button type="button" className="copy" onClick={() => forget.mutate({})} disabled={forget.isPending}>
              Forget it
            </button>
          </div>
        ) : null}
      </div>
      {forget.error ? <ErrorNotice error={forget.error} /> : null}
      {
        <div className={styles.ops}>
          <OpCard
            title="Web dashboard"
            open={op === 'dashboard'}
            onOpen={() => setOp('dashboard')}
            openLabel="Open dashboard…"
            disabled={!canSign}
            why={noSeed ?? 'Log in to chutes.ai in your browser with this hotkey.'}
          >
            <DashboardLogin onClose={close} />
          </OpCard>
          <OpCard
            title="Fingerprint"
            open={op === 'refinger'}
            onOpen={() => setOp('refinger')}
            openLabel="Change fingerprint…"
            why="Set a new account fingerprint (the web-login and account-control secret)."
          >
            <ChangeFingerprint overview={overview} profileId={profile.id} canSign={canSign} onClose={close} />
          </OpCard>
          <OpCard
            title="Hotkey"
            open={op === 'move'}
            onOpen={() => setOp('move')}
            openLabel="Move to another hotkey…"
            why="Bind this account to another hotkey (needs the fingerprint)."
          >
            <MoveHotkey overview={overview} profile={profile} onClose={close} />
          </OpCard>
          <OpCard
            title="Delete account"
            danger
            open={op === 'delete'}
            onOpen={() => setOp('delete')}
            openLabel="Delete the account…"
            why="Remove the account from Chutes (needs the fingerprint)."
          >
            <DeleteAccount overview={overview} profileId={profile.id} onClose={close} />
          </OpCard>
        </div>
      }
    </section>
  );
}
