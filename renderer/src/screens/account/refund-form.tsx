import { useState, type ReactElement } from 'react';
import { failureIs } from '../../../../shared/errors';
import { ss58Address } from '../../../../shared/validation';
import { useMutationChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { FormProblem, problemProps } from '../../components/form-parts';
import { Notice } from '../../components/notice';
import { sendDraft } from '../../frame/outcomes';
import { draftSlot, useDraft } from '../../lib/drafts';
import { moduleStore } from '../../lib/module-store';
import { useMountedRef } from '../../lib/use-mounted';
import styles from './account.module.css';

/** The refund address typed per profile, kept when the user leaves the screen before sending. */
const refundDrafts = draftSlot<{ address: string }>();
/** Profiles with a refund request out: one left behind by a visit to another screen is not sent twice. */
const refundsSending = moduleStore<ReadonlySet<string>>(new Set());
/**
 * Profiles whose last refund request lost its answer: it may have been paid out on chain, so the
 * next one waits for a look at the wallet, however the screen was left and come back to.
 */
const refundsMaybePaid = moduleStore<ReadonlySet<string>>(new Set());
const mark = (store: typeof refundsSending, profileId: string, on: boolean) => {
  const next = new Set(store.get());
  if (on) next.add(profileId);
  else next.delete(profileId);
  store.set(next);
};

/** The legacy developer-deposit refund (§3.9): only meaningful for accounts that paid one before October 2025. */
export function RefundForm({ profileId, canSign }: { profileId: string; canSign: boolean }): ReactElement {
  const [draft, setDraft] = useDraft(refundDrafts, profileId, () => ({ address: '' }));
  const { address } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  const refund = useMutationChannel('refundDeveloperDeposit', ['accountOverview']);
  const mounted = useMountedRef();
  const sending = refundsSending.use().has(profileId);
  const mayHavePaid = refundsMaybePaid.use().has(profileId);
  const [checked, setChecked] = useState(false);
  return (
    <details>
      <summary>Refund a developer deposit (legacy)</summary>
      <p className="small">
        Until Oct 2, 2025 developers paid a deposit; accounts that did can ask for it back to a wallet address. Newer
        accounts never paid one, and some servers no longer offer this. A refund that fails on chain is shown here as a
        failure, even though the server's answer to it starts with “OK”.
      </p>
      {refund.data ? (
        <Notice tone="good" live>
          <p>{refund.data.message}</p>
        </Notice>
      ) : (
        <form
          className={`subform ${styles.form}`}
          aria-label="Refund the developer deposit"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = ss58Address.safeParse(address);
            if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Enter an SS58 address');
            if (sending || (mayHavePaid && !checked)) return;
            setProblem(null);
            setChecked(false);
            mark(refundsSending, profileId, true);
            mark(refundsMaybePaid, profileId, false);
            const request = refund
              .mutateAsync({ address: parsed.data, reviewedFor: profileId })
              .finally(() => mark(refundsSending, profileId, false));
            request.catch((error: unknown) => {
              if (failureIs(error, 'answer-lost')) mark(refundsMaybePaid, profileId, true);
            });
            // Money may move: how it ended is said even when the user left the screen meanwhile.
            void sendDraft(
              request,
              { slot: refundDrafts, key: profileId, sent: draft },
              {
                mounted,
                done: (r) => `Developer deposit refund to ${parsed.data}: ${r.message}`,
                failed: `The developer deposit refund to ${parsed.data} failed`,
              },
            );
          }}
          noValidate
        >
          <label className="field">
            Refund to (SS58 address)
            <input
              type="text"
              autoComplete="off"
              value={address}
              {...problemProps(problem, 'refund-address-problem')}
              onChange={(e) => {
                setDraft({ address: e.target.value });
                setProblem(null);
              }}
            />
          </label>
          <FormProblem text={problem} id="refund-address-problem" />
          {refund.error ? <ErrorNotice error={refund.error} /> : null}
          {mayHavePaid && !refund.error ? (
            <Notice tone="warn">
              <p>
                The last refund request lost its answer, so it may have been paid out. Look at the destination wallet
                before asking again.
              </p>
            </Notice>
          ) : null}
          {/* It may have been paid out on chain: asking again is a deliberate act, after a look at the wallet. */}
          {mayHavePaid ? (
            <label className="choice">
              <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
              <span>I looked at the destination wallet and the refund did not arrive</span>
            </label>
          ) : null}
          <div className="actions">
            <button type="submit" disabled={!canSign || sending || (mayHavePaid && !checked)}>
              {sending ? 'Asking…' : 'Ask for the refund'}
            </button>
          </div>
        </form>
      )}
    </details>
  );
}
