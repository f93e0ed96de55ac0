import { useState, type FormEvent, type ReactElement } from 'react';
import { RefundForm } from './refund-form';
import { failureIs } from '../../../../shared/errors';
import { useMutationChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { editing, FieldProblem, fieldIssueProps, FormActions, type FieldIssue } from '../../components/form-parts';
import { Notice } from '../../components/notice';
import styles from './account.module.css';
import { recentTime } from '../../lib/date-time';
import { cents, exactUsd, needsSeed, parseUsdAmount, usd } from './format';
import {
  EMPTY_TRANSFER,
  transferOf,
  updateTransfer,
  useTransfer,
  type BalanceFigure,
  type Reviewed,
  type TransferState,
} from './transfer-store';

/** Move USD balance to another Chutes user (`../shared/reference/chutes-account-api.md` §3.8): entry, then a confirmation that says exactly what moves. */
export interface BalanceNow {
  usd: number | null;
  /** When the server said it (ISO); null before the first answer. */
  asOf: string | null;
  fetching: boolean;
  refresh: () => void;
}

interface TransferProps {
  /** The profile a transfer is reviewed for; main refuses it if another is active by then. */
  profileId: string;
  canSign: boolean;
  /** Why nothing can be signed when `canSign` is false: no seed (false) or a keychain not answering (null). */
  seedInKeychain?: boolean | null;
  balance: BalanceNow;
}

function Transfer({ profileId, canSign, seedInKeychain = false, balance }: TransferProps): ReactElement {
  const balanceUsd = balance.usd;
  // In transfer-store.ts, not here: a transfer answered after the user left must be said on return.
  const { target, amount, all, reviewed, attempt } = useTransfer(profileId);
  const update = (patch: Partial<TransferState>) => updateTransfer(profileId, patch);
  // Said under the field it is about, which is marked invalid and points at it.
  const [problem, setProblem] = useState<FieldIssue<'target' | 'amount'> | null>(null);
  const invalid = (field: 'target' | 'amount') => fieldIssueProps(problem, 'transfer', field);
  const transfer = useMutationChannel('transferBalance', ['accountOverview']);

  const review = (e: FormEvent) => {
    e.preventDefault();
    const who = target.trim();
    if (!who) return setProblem({ field: 'target', text: 'Enter the username or user ID to send to.' });
    if (all) return (setProblem(null), update({ reviewed: { target: who }, attempt: null }));
    const parsed = parseUsdAmount(amount);
    if ('problem' in parsed) return setProblem({ field: 'amount', text: parsed.problem });
    setProblem(null);
    update({ reviewed: { target: who, amountUsd: parsed.usd }, attempt: null });
  };

  const send = (sent: Reviewed) => {
    if (transferOf(profileId).attempt?.status === 'sending') return;
    const before = { usd: balance.usd, asOf: balance.asOf };
    update({ attempt: { status: 'sending', before } });
    // mutateAsync: the outcome is stored even when this screen is gone by the time it comes.
    transfer
      .mutateAsync(
        sent.amountUsd === undefined
          ? { target: sent.target, reviewedFor: profileId }
          : { target: sent.target, amountUsd: sent.amountUsd, reviewedFor: profileId },
      )
      .then(
        (result) => update({ attempt: { status: 'sent', result, target: sent.target } }),
        (error: unknown) => update({ attempt: { status: 'failed', error, before } }),
      );
  };

  const sending = attempt?.status === 'sending';
  const failed = attempt?.status === 'failed' ? attempt.error : null;
  // Money may have moved: the same Send now is not offered again; a new review is a deliberate act.
  const mayHaveMoved = failureIs(failed, 'answer-lost');
  const before = attempt?.status === 'failed' ? attempt.before : UNKNOWN_FIGURE;
  // Once the balance says it most likely went, the "may or may not" error above the verdict is
  // settled: left up, its red would contradict the green answer below it.
  const settled =
    mayHaveMoved && reviewed !== null && lostAnswerVerdict(before, balance, reviewed.amountUsd) === 'went';
  return (
    <div>
      <p className="small muted">
        Send part or all of your USD balance to another Chutes user, by username or user ID.
      </p>
      {attempt?.status === 'sent' ? (
        <Notice tone="good" live>
          <p>
            <strong>
              Sent {usd(attempt.result.transferredUsd)} to {attempt.target}.
            </strong>{' '}
            Chutes&apos; stored balance is now {usd(attempt.result.fromBalanceUsd)} (at {recentTime(attempt.result.at)})
            {/* The answer is the stored balance (§3.8); the Overview's is the effective one, which also subtracts
                private instances' use and is recalculated about once a minute: with such instances the two never
                meet, so this is not "catches up". Said only while they differ. */}
            {balanceUsd === null || usd(balanceUsd) !== usd(attempt.result.fromBalanceUsd)
              ? '; the balance above also subtracts what running private instances have used, and is recalculated about once a minute.'
              : '.'}
          </p>
          <div className="actions">
            <button type="button" onClick={() => updateTransfer(profileId, EMPTY_TRANSFER)}>
              New transfer
            </button>
          </div>
        </Notice>
      ) : reviewed ? (
        <form
          className="subform"
          aria-label="Confirm the transfer"
          onSubmit={(e) => {
            e.preventDefault();
            if (!mayHaveMoved) send(reviewed);
          }}
        >
          {/* Once it may have gone out, the question becomes a record of what was asked. */}
          <p>
            {mayHaveMoved ? 'You asked to send' : 'Send'}{' '}
            <strong>
              {reviewed.amountUsd === undefined
                ? `the whole balance${balanceUsd !== null ? ` (at least ${cents(Math.floor(balanceUsd * 100) / 100)})` : ''}`
                : exactUsd(reviewed.amountUsd)}
            </strong>{' '}
            to <strong>{reviewed.target}</strong>
            {mayHaveMoved ? '.' : '? A transfer cannot be undone; only the other user can send it back.'}
          </p>
          {reviewed.amountUsd === undefined && !mayHaveMoved ? (
            <p className="small">
              Chutes moves its stored balance, which can be more than the balance shown above: the shown one already
              subtracts what running private instances have used since they were last charged.
            </p>
          ) : null}
          {failed && !settled ? <ErrorNotice error={failed} /> : null}
          {mayHaveMoved ? (
            <>
              <LostAnswerCheck reviewed={reviewed} before={before} balance={balance} />
              <div className="actions">
                {/* Busy, not disabled: a disabled button drops keyboard focus to the page. */}
                <button
                  type="button"
                  className={styles.refresh}
                  aria-disabled={balance.fetching || undefined}
                  onClick={() => {
                    if (!balance.fetching) balance.refresh();
                  }}
                >
                  {balance.fetching ? 'Checking the balance…' : 'Check the balance now'}
                </button>
                {/* An empty form, as after a sent transfer: the one asked for is not offered again to resend. */}
                <button type="button" onClick={() => updateTransfer(profileId, EMPTY_TRANSFER)}>
                  New transfer
                </button>
              </div>
            </>
          ) : (
            <FormActions
              submit={sending ? 'Sending…' : 'Send now'}
              busy={sending}
              cancelDisabled={sending}
              onCancel={() => update({ reviewed: null, attempt: null })}
            />
          )}
        </form>
      ) : (
        <form className={`subform ${styles.form}`} aria-label="Transfer balance" onSubmit={review} noValidate>
          <label className="field">
            To (username or user ID)
            <input
              type="text"
              autoComplete="off"
              value={target}
              disabled={!canSign}
              {...invalid('target')}
              onChange={(e) => {
                update({ target: e.target.value });
                setProblem(editing('target'));
              }}
            />
          </label>
          <FieldProblem issue={problem} form="transfer" field="target" />
          <label className="field">
            Amount (USD)
            <input
              type="text"
              inputMode="decimal"
              value={amount}
              disabled={all || !canSign}
              {...invalid('amount')}
              onChange={(e) => {
                update({ amount: e.target.value });
                setProblem(editing('amount'));
              }}
            />
          </label>
          <FieldProblem issue={problem} form="transfer" field="amount" />
          <label className="choice">
            <input
              type="checkbox"
              checked={all}
              disabled={!canSign}
              onChange={(e) => {
                update({ all: e.target.checked });
                setProblem(editing('amount'));
              }}
            />
            <span>The whole balance</span>
          </label>
          {!canSign ? <p className="small muted">{needsSeed(seedInKeychain)}</p> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={!canSign}>
              Review transfer…
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** Half a cent: balances are shown to the cent. */
const HALF_CENT = 0.005;

const UNKNOWN_FIGURE: BalanceFigure = { usd: null, asOf: null };

/** The server has answered with a balance since the one taken when the transfer was sent. */
const renewedSince = (before: BalanceFigure, now: BalanceFigure): boolean =>
  now.asOf !== null && now.asOf !== before.asOf;

/** The reading once there is news: the same figure at the same time says nothing yet. */
function lostAnswerVerdict(
  before: BalanceFigure,
  now: BalanceFigure,
  amountUsd: number | undefined,
): ReturnType<typeof lostTransferReading> {
  return renewedSince(before, now) ? lostTransferReading(before.usd, now.usd, amountUsd) : null;
}

/**
 * What the balance now says about a transfer whose answer was lost, or null until there are two
 * figures to compare. A drop of at least the amount most likely is the transfer (usage charges
 * lower it too, so not certainly); no drop is "not yet", since Chutes updates the balance about
 * once a minute; a smaller drop is other charges.
 */
export function lostTransferReading(
  before: number | null,
  now: number | null,
  amountUsd: number | undefined,
): 'went' | 'not-yet' | 'other-charges' | null {
  if (before === null || now === null) return null;
  const drop = before - now;
  // The whole balance: it went if nothing (or next to nothing) is left.
  if (drop >= (amountUsd ?? before) - HALF_CENT) return 'went';
  return Math.abs(drop) < HALF_CENT ? 'not-yet' : 'other-charges';
}

/**
 * What tells whether a transfer whose answer was lost went through: the balance before it, the
 * balance now (refreshed on request), and what the difference most likely means.
 */
function LostAnswerCheck({
  reviewed,
  before,
  balance,
}: {
  reviewed: Reviewed;
  before: BalanceFigure;
  balance: BalanceNow;
}): ReactElement {
  const reading = lostAnswerVerdict(before, balance, reviewed.amountUsd);
  const drop = before.usd !== null && balance.usd !== null ? usd(before.usd - balance.usd) : '';
  // The same figure at the same time is not news: "now" is said once the server has answered again.
  const renewed = renewedSince(before, balance);
  return (
    <div className={styles.lostCheck} role="group" aria-label="Did it go through?">
      <p>
        Balance when you sent it: <strong>{before.usd === null ? 'not known' : usd(before.usd)}</strong>
        {before.asOf ? ` (as of ${recentTime(before.asOf)})` : ''}
        {renewed && balance.usd !== null && balance.asOf !== null ? (
          <>
            {' '}
            · now: <strong>{usd(balance.usd)}</strong> (as of {recentTime(balance.asOf)})
          </>
        ) : null}
        .
      </p>
      {/* The verdict is what a check of the balance answers: said each time a new figure comes (the key
          starts a new Notice, which says its text even when it reads as before). */}
      <Notice key={renewed ? balance.asOf : 'before'} tone={reading === 'went' ? 'good' : 'info'} live>
        {before.usd === null ? (
          // Nothing to compare with: "no change yet… most likely did not go through" would be a guess.
          <p className="small">
            The balance before the transfer was not known, so the app cannot tell from the balance whether it went
            through. Ask {reviewed.target} whether it arrived (the activity log in Settings shows when it was sent)
            before sending it again.
          </p>
        ) : reading === 'went' ? (
          <p>
            <strong>It fell by {drop}: the transfer most likely went through.</strong> Do not send it again; ask{' '}
            {reviewed.target} if in doubt.
          </p>
        ) : reading === 'other-charges' ? (
          <p className="small">
            It fell by {drop}, less than the transfer: that is other charges, and the transfer has not shown yet. Check
            again in a minute.
          </p>
        ) : (
          <p className="small">
            No change yet. Chutes updates the balance about once a minute: check again in a minute. If it has not fallen
            by the amount after a few minutes, the transfer most likely did not go through; ask {reviewed.target} to be
            sure.
          </p>
        )}
      </Notice>
    </div>
  );
}

/** Keyed by profile where it is used: a transfer reviewed for one account never carries over to another. */
export function TransferSection({ profileId, canSign, seedInKeychain, balance }: TransferProps): ReactElement {
  return (
    <section className="card" aria-labelledby="account-transfer">
      <h2 id="account-transfer">Balance transfers</h2>
      <Transfer profileId={profileId} canSign={canSign} seedInKeychain={seedInKeychain} balance={balance} />
      <RefundForm profileId={profileId} canSign={canSign} />
    </section>
  );
}
