import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { cliCommand } from '../../../../shared/secret-keys';
import type { ChuteRef, ImportPreview, ImportRun } from '../../../../shared/secrets';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { ChutePicker } from './chute-picker';
import { CommandLine } from '../../components/command-line';
import { ImportPreviewTable } from './import-preview-table';
import { useRefreshSecrets } from './use-secrets';
import { useMountedRef } from '../../lib/use-mounted';
import styles from './secrets.module.css';

type Source = { kind: 'path'; path: string } | { kind: 'text'; text: string };

/**
 * Bulk import from a .env file: main reads (or is handed) the text, parses it and keeps the values;
 * the page only sees keys, lengths and statuses. A file dropped on the window is read here and
 * handed over like pasted text.
 */
export function ImportEnvPanel({
  profileId,
  chutes,
  onClose,
}: {
  /** The profile the import is for: what running it is reviewed for. */
  profileId: string;
  chutes: readonly ChuteRef[];
  onClose: () => void;
}): ReactElement {
  const [chuteId, setChuteId] = useState(chutes.length === 1 ? (chutes[0]?.chuteId ?? '') : '');
  const [path, setPath] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [run, setRun] = useState<ImportRun | null>(null);
  const [dragging, setDragging] = useState(false);
  const refresh = useRefreshSecrets();
  // The preview whose values main still holds. Left with one (another panel, another screen), main
  // lets the values go now rather than when the preview expires; a read or import still out lets
  // them go when it ends.
  const held = useRef<string | null>(null);
  const open = useMountedRef();
  const working = useRef(false);
  const letGo = (importId: string | null) => {
    if (importId) void call('discardSecretImport', { importId }).catch(() => undefined);
    if (importId === held.current) held.current = null;
  };
  useEffect(
    () => () => {
      if (!working.current) letGo(held.current);
    },
    [],
  );

  async function read(source: Source) {
    if (!chuteId) {
      setError(new Error('Choose the chute these secrets are for first.'));
      return;
    }
    setBusy(true);
    setError(null);
    working.current = true;
    try {
      const next = await call('previewSecretImport', { chuteId, source });
      letGo(held.current);
      held.current = next.importId;
      if (!open.current) return letGo(next.importId);
      setPreview(next);
      setText('');
      setRun(null);
      setChosen(new Set(next.rows.filter((r) => r.status === 'new').map((r) => r.key)));
    } catch (err) {
      setError(err);
    } finally {
      working.current = false;
      setBusy(false);
      if (!open.current) letGo(held.current);
    }
  }

  // Drop a file anywhere on the window while this panel is open.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      setDragging(false);
      file.text().then(
        (content) => void read({ kind: 'text', text: content }),
        () => setError(new Error(`${file.name} could not be read.`)),
      );
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });

  const close = () => {
    letGo(held.current);
    onClose();
  };

  async function importChosen() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    working.current = true;
    try {
      const accept = preview.rows
        .filter((r) => chosen.has(r.key))
        .map((r) => ({ key: r.key, replace: r.status === 'exists' }));
      const done = await call('runSecretImport', { importId: preview.importId, accept, reviewedFor: profileId });
      // A complete run is dropped by main itself; an incomplete one keeps its values for "import again".
      if (!done.incomplete && held.current === preview.importId) held.current = null;
      setRun(done);
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      working.current = false;
      setBusy(false);
      if (!open.current) letGo(held.current);
    }
  }

  const onPath = (e: FormEvent) => {
    e.preventDefault();
    void read({ kind: 'path', path });
  };
  const created = run ? run.results.filter((r) => r.outcome === 'created' || r.outcome === 'replaced') : [];
  // Keys an earlier run created stay ticked (main reports them, never sends them again) but are not counted.
  const done = new Set(created.map((r) => r.key));
  const chosenRows = preview ? preview.rows.filter((r) => chosen.has(r.key) && !done.has(r.key)) : [];
  const replacing = chosenRows.filter((r) => r.status === 'exists').length;
  const importLabel = `${run ? 'Import the other' : 'Import'} ${chosenRows.length} secret${chosenRows.length === 1 ? '' : 's'}${
    replacing ? ` (replaces ${replacing} existing value${replacing === 1 ? '' : 's'} for good)` : ''
  }`;

  return (
    <div className={`subform ${dragging ? styles.dragging : ''}`} aria-label="Import a .env file">
      <label className="field" htmlFor="import-chute">
        Chute these secrets are for
      </label>
      {/* The preview was worked out for this chute, and the import goes to it: not changed under it. */}
      <ChutePicker
        id="import-chute"
        chutes={chutes}
        value={chuteId}
        onChange={setChuteId}
        disabled={preview !== null}
        {...(preview ? { describedBy: 'import-chute-fixed' } : {})}
      />
      {preview ? (
        <p className="small muted" id="import-chute-fixed">
          Fixed for this preview: to import for another chute, read the file again with “Read another file”.
        </p>
      ) : null}
      {!preview ? (
        <>
          <form className="row" onSubmit={onPath}>
            <label className={styles.grow}>
              <span className="field">Path of a .env file</span>
              <input
                type="text"
                value={path}
                placeholder="/home/you/project/.env"
                spellCheck={false}
                onChange={(e) => setPath(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy || path.trim() === ''}>
              Read file
            </button>
          </form>
          <label className="field">
            Or paste its contents
            <textarea
              rows={5}
              value={text}
              spellCheck={false}
              autoComplete="off"
              placeholder={'HF_TOKEN=hf_…\nDATABASE_URL=postgres://…'}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <div className="actions">
            <button
              type="button"
              disabled={busy || text.trim() === ''}
              onClick={() => void read({ kind: 'text', text })}
            >
              Read pasted text
            </button>
            <span className="small muted">Or drop a .env file anywhere on this window.</span>
          </div>
        </>
      ) : (
        <>
          <p className="small muted">
            {preview.rows.length} key{preview.rows.length === 1 ? '' : 's'} read for{' '}
            <strong>{preview.chute.name}</strong>. Values are held in memory only (never written to disk, never shown
            here) and are listed by their length.
          </p>
          {preview.unreadLines.length ? (
            <Notice tone="warn">
              <p>
                Line{preview.unreadLines.length === 1 ? '' : 's'} {preview.unreadLines.join(', ')}{' '}
                {preview.unreadLines.length === 1 ? 'is' : 'are'} not KEY=VALUE and
                {preview.unreadLines.length === 1 ? ' was' : ' were'} skipped (
                {preview.unreadLines.length === 1 ? 'its text is' : 'their text is'} not shown, in case it holds a
                secret).
              </p>
            </Notice>
          ) : null}
          <ImportPreviewTable
            rows={preview.rows}
            chosen={chosen}
            results={run?.results ?? null}
            onChoose={(key, on) =>
              setChosen((prev) => {
                const next = new Set(prev);
                if (on) next.add(key);
                else next.delete(key);
                return next;
              })
            }
          />
          {run ? (
            <Notice tone={run.incomplete ? 'warn' : 'good'} live>
              <p>
                <strong>
                  {run.incomplete
                    ? `Stopped: ${created.length} of ${run.results.length} created.`
                    : `Done: ${created.length} of ${run.results.length} created.`}
                </strong>{' '}
                {created.length ? <>Created: {created.map((r) => r.key).join(', ')}.</> : null}
                {run.incomplete ? ' Importing again sends only the keys not created yet.' : ''}
              </p>
            </Notice>
          ) : null}
          {chosenRows.length && !(run && !run.incomplete) ? (
            <CommandLine
              label="Same with the chutes CLI, one per key"
              command={chosenRows
                .map((r) =>
                  // The CLI has no replace: the old secret goes first, as in the single-secret form.
                  r.existingId
                    ? `${cliCommand.delete([r.existingId])}\n${cliCommand.create(preview.chute.chuteId, r.key)}`
                    : cliCommand.create(preview.chute.chuteId, r.key),
                )
                .join('\n')}
            />
          ) : null}
        </>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        {preview && (!run || run.incomplete) ? (
          <button
            type="button"
            // Primary even when it replaces values: the label says so, and the form's main action keeps its look.
            className="primary"
            disabled={busy || chosenRows.length === 0}
            onClick={() => void importChosen()}
          >
            {busy ? 'Importing…' : importLabel}
          </button>
        ) : null}
        {preview && !busy ? (
          <button
            type="button"
            onClick={() => {
              letGo(held.current);
              setPreview(null);
              setRun(null);
            }}
          >
            Read another file
          </button>
        ) : null}
        <button type="button" data-cancel onClick={close}>
          {created.length > 0 ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
