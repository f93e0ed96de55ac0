import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { cliCommand } from '../../../../shared/secret-keys';
import type { DeleteResult, SecretItem } from '../../../../shared/secrets';
import { call } from '../../api/client';
import { DeleteResultList, deleteSummary } from '../../components/delete-results';
import { ErrorNotice } from '../../components/error-notice';
import { tellIfLeft } from '../../frame/outcomes';
import { useMountedRef } from '../../lib/use-mounted';
import { CommandLine } from '../../components/command-line';
import { useRefreshSecrets } from './use-secrets';
import { TypedConfirmField, useTypedConfirm } from '../../components/typed-confirm';

/** Confirm, delete one by one, and say per key what happened (already gone counts as done). */
export function DeleteSecretsPanel({
  profileId,
  targets,
  chuteName,
  onClose,
}: {
  /** The profile whose secrets these are: what the delete is reviewed for. */
  profileId: string;
  targets: SecretItem[];
  chuteName: (chuteId: string) => string;
  onClose: () => void;
}): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<DeleteResult[] | null>(null);
  // A secret's value cannot be read back, so a deleted one is gone for good: as deliberate as
  // deleting API keys (one word typed, however many secrets).
  const confirm = useTypedConfirm();
  const refresh = useRefreshSecrets();
  // The question, then its results, are drawn above the list, away from the Delete button that
  // opened them: focus follows, so the keyboard and a screen reader are where the panel is.
  const box = useRef<HTMLDivElement>(null);
  const done = results !== null;
  useEffect(() => {
    box.current?.focus();
  }, [done]);
  const ids = targets.map((t) => t.secretId);
  const targetOf = (id: string) => targets.find((x) => x.secretId === id);
  const label = (id: string): ReactNode => {
    const t = targetOf(id);
    return t ? (
      <>
        <code>{t.key}</code> on {chuteName(t.chuteId)}
      </>
    ) : (
      id
    );
  };

  const mounted = useMountedRef();
  const plainLabel = (id: string) => {
    const t = targetOf(id);
    return t ? `${t.key} on ${chuteName(t.chuteId)}` : id;
  };
  async function run() {
    setBusy(true);
    setError(null);
    const sent = call('deleteSecrets', { secretIds: ids, reviewedFor: profileId });
    // Left before the end (the list refreshes either way): which secrets failed must still be said.
    tellIfLeft(mounted, sent, {
      done: (got) => {
        const text = `Deleting secrets: ${deleteSummary(got.map((r) => r.outcome))}`;
        const failed = got.filter((r) => r.outcome === 'failed').map((r) => plainLabel(r.secretId));
        return failed.length > 0 ? { tone: 'warn', text: `${text} Not deleted: ${failed.join(', ')}.` } : text;
      },
      failed: 'Deleting the selected secrets failed',
    });
    try {
      setResults(await sent);
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (results) {
    const failed = results.filter((r) => r.outcome === 'failed').length;
    return (
      <div
        className={`notice ${failed ? 'notice-warn' : 'notice-good'}`}
        role="status"
        aria-label="Delete results"
        ref={box}
        tabIndex={-1}
      >
        <p>
          <strong>{deleteSummary(results.map((r) => r.outcome))}</strong>
        </p>
        <DeleteResultList
          label="Result per secret"
          items={results.map((r) => ({ ...r, id: r.secretId, label: label(r.secretId) }))}
        />
        <div className="actions">
          {/* Dismiss, as every result box on the page and the frame's banners say it. */}
          <button type="button" data-cancel onClick={onClose}>
            Dismiss
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="notice notice-warn" role="alertdialog" aria-label="Confirm delete" ref={box} tabIndex={-1}>
      <p>
        <strong>
          Delete {targets.length} secret{targets.length === 1 ? '' : 's'}?
        </strong>{' '}
        The chutes lose these environment variables at their next start. Their values cannot be read back, so this
        cannot be undone.
      </p>
      <ul className="small">
        {targets.map((t) => (
          <li key={t.secretId}>
            <code>{t.key}</code> on {chuteName(t.chuteId)}
          </li>
        ))}
      </ul>
      <CommandLine command={cliCommand.delete(ids)} />
      <TypedConfirmField {...confirm} onEnter={() => !busy && void run()} />
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <button type="button" className="danger-fill" disabled={busy || !confirm.confirmed} onClick={() => void run()}>
          {busy ? 'Deleting…' : `Delete ${targets.length} ${targets.length === 1 ? 'secret' : 'secrets'}`}
        </button>
        <button type="button" data-cancel disabled={busy} onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
