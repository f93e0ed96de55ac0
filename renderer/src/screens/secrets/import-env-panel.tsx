import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { cliCommand } from '../../../../shared/secret-keys';
import type { ChuteRef, ImportPreview, ImportRun } from '../../../../shared/secrets';
import { PENDING_IMPORT_MINUTES } from '../../../../shared/contract/secrets';
import { isFullPath } from '../../../../shared/validation';
import { failureIs } from '../../../../shared/errors';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { ChutePicker } from './chute-picker';
import { CommandLine } from '../../components/command-line';
import { ImportPreviewTable, shownKey } from './import-preview-table';
import { useRefreshSecrets } from './use-secrets';
import { useMountedRef } from '../../lib/use-mounted';
import { tellIfLeft } from '../../frame/outcomes';
import { useEnvDrop } from './use-env-drop';
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
  const [pathProblem, setPathProblem] = useState(false);
  // A file dropped before a chute was chosen: kept (its name and text) and read once one is.
  const [waiting, setWaiting] = useState<{ name: string; text: string } | null>(null);
  const [chuteMissing, setChuteMissing] = useState(false);
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

  // The preview and the run's report replace the button that was pressed: focus goes to what replaced it.
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const runReport = useRef<HTMLDivElement>(null);
  useEffect(() => previewHeading.current?.focus(), [preview?.importId]);
  useEffect(() => runReport.current?.focus(), [run]);

  async function read(source: Source, forChute = chuteId) {
    // A second read would let go of the values an import is sending.
    if (working.current) return;
    // The Read buttons wait for a chute; a drop arrives whenever the user lets go of the file.
    if (!forChute) return setChuteMissing(true);
    setBusy(true);
    setError(null);
    working.current = true;
    try {
      const next = await call('previewSecretImport', { chuteId: forChute, source });
      letGo(held.current);
      held.current = next.importId;
      if (!open.current) return letGo(next.importId);
      setPreview(next);
      setText('');
      setRun(null);
      // A bare secret is never ticked for the user: importing it would store a token under its own text.
      setChosen(new Set(next.rows.filter((r) => r.status === 'new' && !r.bareSecret).map((r) => r.key)));
    } catch (err) {
      setError(err);
      // The chute is gone: the picker is read again, so the message's "refresh" is already done.
      if (failureIs(err, 'answer-lost', 'chute-missing')) void refresh();
    } finally {
      working.current = false;
      setBusy(false);
      if (!open.current) letGo(held.current);
    }
  }

  // A file dropped anywhere on the window while this panel is open.
  const dragging = useEnvDrop(
    !busy,
    (content, name) => {
      if (chuteId) return void read({ kind: 'text', text: content });
      setWaiting({ name, text: content });
      setChuteMissing(true);
    },
    setError,
  );
  const chooseChute = (id: string) => {
    setChuteId(id);
    setChuteMissing(false);
    if (id && waiting) {
      setWaiting(null);
      void read({ kind: 'text', text: waiting.text }, id);
    }
  };

  const close = () => {
    setWaiting(null);
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
      const sent = call('runSecretImport', { importId: preview.importId, accept, reviewedFor: profileId });
      // Left before the end (the list refreshes either way): what was and was not created must still be said.
      const chuteName = preview.chute.name;
      tellIfLeft(open, sent, {
        done: (r) => {
          const made = r.results.filter((x) => x.outcome === 'created' || x.outcome === 'replaced').length;
          const text = `Importing the .env file into ${chuteName}: ${made} of ${r.results.length} created.`;
          if (!r.incomplete) return text;
          const missed = r.results.filter((x) => x.outcome === 'failed' || x.outcome === 'not-attempted');
          return {
            tone: 'warn',
            text: `${text} Not created: ${missed.map((x) => keyShown(x.key)).join(', ')} (read the file again to import them).`,
          };
        },
        failed: `Importing the .env file into ${chuteName} failed`,
      });
      const done = await sent;
      // A complete run is dropped by main itself; an incomplete one keeps its values for "import again".
      if (!done.incomplete && held.current === preview.importId) held.current = null;
      setRun(done);
      // Not awaited: Close stays off while busy, and the report is final before the list is read again.
      void refresh();
    } catch (err) {
      setError(err);
      if (failureIs(err, 'answer-lost', 'chute-missing')) void refresh();
    } finally {
      working.current = false;
      setBusy(false);
      if (!open.current) letGo(held.current);
    }
  }

  const onPath = (e: FormEvent) => {
    e.preventDefault();
    // Said here, in words: main's refusal would name the field as `source.path`.
    if (!isFullPath(path.trim())) return setPathProblem(true);
    void read({ kind: 'path', path });
  };
  function keyShown(key: string): string {
    const row = preview?.rows.find((r) => r.key === key);
    return row ? shownKey(row) : key;
  }
  const created = run ? run.results.filter((r) => r.outcome === 'created' || r.outcome === 'replaced') : [];
  // Keys an earlier run created stay ticked (main reports them, never sends them again) but are not counted.
  const done = new Set(created.map((r) => r.key));
  const chosenRows = preview ? preview.rows.filter((r) => chosen.has(r.key) && !done.has(r.key)) : [];
  const replacing = chosenRows.filter((r) => r.status === 'exists').length;
  const importLabel = `${run ? 'Import the other' : 'Import'} ${chosenRows.length} secret${chosenRows.length === 1 ? '' : 's'}${
    replacing ? ` (replaces ${replacing} existing value${replacing === 1 ? '' : 's'} for good)` : ''
  }`;

  return (
    <div className={`subform ${dragging ? styles.dragging : ''}`} role="group" aria-label="Import a .env file">
      <label className="field" htmlFor="import-chute">
        Chute these secrets are for
      </label>
      {/* The preview was worked out for this chute, and the import goes to it: not changed under it. */}
      <ChutePicker
        id="import-chute"
        chutes={chutes}
        value={chuteId}
        onChange={chooseChute}
        disabled={preview !== null}
        invalid={chuteMissing}
        {...(preview
          ? { describedBy: 'import-chute-fixed' }
          : chuteMissing
            ? { describedBy: 'import-chute-problem' }
            : chuteId
              ? {}
              : { describedBy: 'import-chute-hint' })}
      />
      {chuteMissing ? (
        <p className="field-error" id="import-chute-problem" role="alert">
          {waiting
            ? `Choose the chute these secrets are for: ${waiting.name} is read as soon as you do.`
            : 'Choose the chute these secrets are for first.'}
        </p>
      ) : !chuteId && !preview ? (
        <p className="small muted" id="import-chute-hint">
          Reading waits for a chute to be chosen: the preview shows which keys that chute already has.
        </p>
      ) : null}
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
                aria-invalid={pathProblem ? true : undefined}
                aria-describedby={pathProblem ? 'import-path-problem' : undefined}
                onChange={(e) => {
                  setPath(e.target.value);
                  setPathProblem(false);
                }}
              />
            </label>
            <button type="submit" disabled={busy || !chuteId || path.trim() === ''}>
              Read file
            </button>
          </form>
          {pathProblem ? (
            <p className="field-error" id="import-path-problem" role="alert">
              Enter the full path of the file, starting with / or ~ (or a drive letter on Windows): the app cannot tell
              which folder a relative path such as {path.trim()} starts from.
            </p>
          ) : null}
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
              disabled={busy || !chuteId || text.trim() === ''}
              onClick={() => void read({ kind: 'text', text })}
            >
              Read pasted text
            </button>
            <span className="small muted">Or drop a .env file anywhere on this window.</span>
          </div>
        </>
      ) : (
        <>
          <h4 className={styles.previewHeading} ref={previewHeading} tabIndex={-1}>
            {preview.rows.length} key{preview.rows.length === 1 ? '' : 's'} read for {preview.chute.name}
          </h4>
          <p className="small muted">
            Values are held in memory only (never written to disk, never shown here) and are listed by their length.
            They are held for {PENDING_IMPORT_MINUTES} minutes from this read; after that, read the file again to
            import.
          </p>
          {preview.duplicates.length ? (
            <Notice tone="warn">
              <p>
                Set more than once:{' '}
                {preview.duplicates.map((d, i) => (
                  <span key={d.key}>
                    {i ? '; ' : ''}
                    <code>{d.key}</code> on lines {d.lines.join(', ')}
                  </span>
                ))}
                . The last of each is the one imported, as Python’s dotenv reads the file.
              </p>
            </Notice>
          ) : null}
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
            // After a stopped run the keys not created yet stay tickable: the one that failed can be left out.
            editable={!run || run.incomplete}
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
            <div ref={runReport} tabIndex={-1} className={styles.runReport}>
              <Notice tone={run.incomplete ? 'warn' : 'good'} live>
                <p>
                  <strong>
                    {run.incomplete
                      ? `Stopped: ${created.length} of ${run.results.length} created.`
                      : `Done: ${created.length} of ${run.results.length} created.`}
                  </strong>{' '}
                  {created.length ? <>Created: {created.map((r) => keyShown(r.key)).join(', ')}.</> : null}
                  {run.incomplete ? ' Importing again sends only the keys not created yet.' : ''}
                </p>
              </Notice>
            </div>
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
        {/* Not while a read or an import runs: closing would let go of the values being sent. */}
        <button type="button" data-cancel disabled={busy} onClick={close}>
          {created.length > 0 ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
