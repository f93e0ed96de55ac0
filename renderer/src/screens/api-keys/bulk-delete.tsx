import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { ApiKeyView, DeleteResult } from '../../../../shared/api-keys';
import { call } from '../../api/client';
import { DeleteResultList, deleteSummary } from '../../components/delete-results';
import listStyles from '../../components/delete-results.module.css';
import { ErrorNotice } from '../../components/error-notice';
import { tellIfLeft } from '../../frame/outcomes';
import { useMountedRef } from '../../lib/use-mounted';
import { Notice } from '../../components/notice';
import { AUTH_CACHE_NOTE } from './delete-key-dialog';
import { Badge } from '../../components/badge';
import { visibleText } from '../../../../shared/visible-text';
import { TypedConfirmField, useTypedConfirm } from '../../components/typed-confirm';
import { deleteInBatches, PROGRESS_BATCH, someNames } from './delete-batches';
import { trackDelete } from './created-key-store';

const SHOWN = 12;
/** "10,001 keys": a selection can hold up to 100,000. */
const keysText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'key' : 'keys'}`;

/** Delete a selection (the server and the CLI call it delete): a summary first, then a result per key (failures listed, retryable). */
export function BulkDelete({
  keys: selection,
  profileId,
  onFinished,
  onClose,
}: {
  keys: ApiKeyView[];
  /** The profile whose keys these are: what the delete is reviewed for. */
  profileId: string;
  onFinished: (doneIds: string[]) => void;
  onClose: () => void;
}): ReactElement {
  // The selection as confirmed: the list drops keys as they go, but the results still name them.
  // The table's checkboxes are locked while this is open (api-keys-screen.tsx), so it is also the
  // selection the toolbar counts.
  const [keys] = useState(selection);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<DeleteResult[] | null>(null);
  /** Keys answered so far out of those sent, while a delete runs. */
  const [progress, setProgress] = useState<{ answered: number; total: number } | null>(null);
  /** Asked to stop: the batch under way finishes (its keys may already be gone), the rest is not sent. */
  const stopping = useRef(false);
  const [stopAsked, setStopAsked] = useState(false);
  const names = new Map(keys.map((k) => [k.id, k.name]));
  const admins = keys.filter((k) => k.admin).length;
  // As deliberate as deleting one key by its name (never easier for many keys than for one).
  const confirm = useTypedConfirm();

  // The results take the place of the Delete (or Retry) button pressed: the keyboard goes on at
  // their heading instead of at <body>.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (results) resultsHeading.current?.focus();
  }, [results]);

  const mounted = useMountedRef();
  async function run(ids: string[]) {
    setBusy(true);
    setError(null);
    setProgress({ answered: 0, total: ids.length });
    stopping.current = false;
    setStopAsked(false);
    const sent = trackDelete(
      deleteInBatches(
        ids,
        (batch) => call('deleteApiKeys', { ids: batch, reviewedFor: profileId }),
        PROGRESS_BATCH,
        (answered) => {
          if (mounted.current) setProgress({ answered, total: ids.length });
        },
        () => stopping.current,
      ),
    );
    // Left before the end (the list refreshes either way): which keys failed must still be said.
    tellIfLeft(mounted, sent, {
      done: ({ results: got }) => {
        const text = `Deleting API keys: ${deleteSummary(got.map((r) => r.outcome))}`;
        const failed = got.filter((r) => r.outcome === 'failed').map((r) => names.get(r.id) ?? r.id);
        return failed.length > 0 ? { tone: 'warn', text: `${text} Not deleted: ${someNames(failed)}.` } : text;
      },
      failed: 'Deleting the selected API keys failed',
    });
    try {
      const { results: got } = await sent;
      const retried = new Set(ids);
      setResults((prev) => [...(prev ?? []).filter((r) => !retried.has(r.id)), ...got]);
      onFinished(got.filter((r) => r.outcome !== 'failed').map((r) => r.id));
    } catch (err) {
      setError(err);
    } finally {
      if (mounted.current) {
        setBusy(false);
        setProgress(null);
      }
    }
  }

  // Not a live region: read out per batch it would talk over everything for minutes. The start is
  // said by the status line beside it, the end by the results.
  const progressLine = progress ? (
    <p>
      <progress
        max={progress.total}
        value={progress.answered}
        aria-label={`Keys deleted so far, of ${keysText(progress.total)}`}
      />{' '}
      {progress.answered.toLocaleString('en-US')} of {keysText(progress.total)} done
    </p>
  ) : null;

  if (results) {
    const failed = results.filter((r) => r.outcome === 'failed');
    return (
      <section className="card" aria-label="Delete results">
        <h2 ref={resultsHeading} tabIndex={-1}>
          Results of deleting {keysText(results.length)}
        </h2>
        <Notice tone={failed.length > 0 ? 'warn' : 'good'} live>
          <p>
            <strong>{deleteSummary(results.map((r) => r.outcome))}</strong> {AUTH_CACHE_NOTE}
          </p>
        </Notice>
        <DeleteResultList
          label="Result per key"
          items={results.map((r) => ({ ...r, label: names.get(r.id) ?? r.id }))}
        />
        {progressLine}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="actions">
          {failed.length > 0 ? (
            <button type="button" className="danger" disabled={busy} onClick={() => void run(failed.map((r) => r.id))}>
              {busy ? 'Retrying…' : `Retry ${failed.length} failed`}
            </button>
          ) : null}
          <button type="button" data-cancel onClick={onClose}>
            Dismiss
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card" aria-label="Delete selected keys">
      <h2>Delete {keysText(keys.length)}?</h2>
      {admins > 0 ? (
        <Notice tone="warn">
          <p>
            <strong>
              {admins === 1 ? '1 of them is an admin key' : `${admins.toLocaleString('en-US')} of them are admin keys`}
            </strong>
            , able to do everything the account can: check that no program still needs {admins === 1 ? 'it' : 'them'}.
          </p>
        </Notice>
      ) : null}
      <p>Programs using these keys will stop working. {AUTH_CACHE_NOTE}</p>
      {/* Focusable: past a dozen or so it scrolls, and a keyboard must be able to scroll it. */}
      <ul className={listStyles.results} aria-label="Keys to delete" tabIndex={0}>
        {keys.slice(0, SHOWN).map((k) => (
          <li key={k.id}>
            {visibleText(k.name)} <code className="muted small">{k.id.slice(0, 8)}</code>{' '}
            {k.admin ? <Badge tone="warn">Admin</Badge> : null}
          </li>
        ))}
        {keys.length > SHOWN ? (
          <li className="muted">…and {(keys.length - SHOWN).toLocaleString('en-US')} more</li>
        ) : null}
      </ul>
      <TypedConfirmField
        {...confirm}
        note={admins > 0 ? `(the selection includes ${admins === 1 ? 'an admin key' : 'admin keys'})` : undefined}
      />
      {progress ? (
        <>
          <p role="status">
            {stopAsked
              ? 'Stopping after the keys already sent… the results follow.'
              : `Deleting ${keysText(progress.total)}… the results follow when all are done.`}
          </p>
          {progressLine}
          {progress.total > PROGRESS_BATCH ? (
            <button
              type="button"
              disabled={stopAsked}
              onClick={() => {
                stopping.current = true;
                setStopAsked(true);
              }}
            >
              Stop after the keys already sent
            </button>
          ) : null}
        </>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <button
          type="button"
          className="danger-fill"
          disabled={busy || !confirm.confirmed}
          onClick={() => void run(keys.map((k) => k.id))}
        >
          {busy ? 'Deleting…' : `Delete ${keysText(keys.length)}`}
        </button>
        <button type="button" data-cancel onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
