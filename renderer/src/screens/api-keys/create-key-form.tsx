import { useEffect, useMemo, useState, type FormEvent, type ReactElement } from 'react';
import {
  cliCommand,
  createKeyRequest,
  requestJson,
  type CreateKeyRequest,
  type CreatedApiKey,
  type RotationOf,
} from '../../../../shared/api-keys';
import { failureIs } from '../../../../shared/errors';
import { errorOf, call } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { CommandLine } from '../../components/command-line';
import { focusFirstInvalid } from '../../components/form-parts';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import styles from './api-keys.module.css';
import { tellOutcome } from '../../frame/outcomes';
import { useMountedRef } from '../../lib/use-mounted';
import { hrefTo } from '../../routes';
import { dropDraft, keepDraft, readDraft } from './create-key-drafts';
import { trackCreate, useCreatedKeys, type PendingReveal } from './created-key-store';
import { profileLabel } from '../../frame/profile-switcher';
import { JsonRequestField } from './json-request-field';
import { ScopeEditor } from './scope-editor';
import { editorRequest, presetRows, PRESETS, scopesToRows, type ScopeRowModel } from './scope-rows';
import { KeyPowersSummary } from './key-powers-summary';

/** Whether the names of every key are known, so a taken name is caught before sending. */
export type NamesCheck = boolean | 'unchecked';

export interface CreateKeyFormProps {
  /** The profile whose key this is: what the create is reviewed for, and named if it goes wrong elsewhere. */
  account: PendingReveal['account'];
  initial?: CreateKeyRequest;
  /** Where what is typed is kept if the form is left (create-key-drafts.ts); per profile and purpose. */
  draftKey?: string;
  /**
   * The key this one replaces, when a rotation creates it: main keeps it with the new key's record,
   * so the rotation outlives a reload (created-key-store.ts keeps its steps within one page).
   */
  rotates?: RotationOf;
  /** Names already in use (the whole list once loaded). */
  takenNames: ReadonlySet<string>;
  /** False while the list is still arriving: uniqueness cannot be checked yet. */
  /** true: every name is known; false: still loading; 'unchecked': the list failed, the server checks. */
  namesComplete: NamesCheck;
  submitLabel: string;
  /** `formOpen`: this form is still on screen (the user may have left while it was sent). */
  onCreated: (created: CreatedApiKey, formOpen: boolean) => void;
  onCancel: () => void;
  /** Told when the server says the key exists but its answer was lost, so the list can reload. */
  onListChanged: () => void;
}

type Tab = 'editor' | 'json';

export function CreateKeyForm({
  account,
  initial,
  draftKey,
  rotates,
  takenNames,
  namesComplete,
  submitLabel,
  onCreated,
  onCancel,
  onListChanged,
}: CreateKeyFormProps): ReactElement {
  const [draft] = useState(() => readDraft(draftKey));
  const open = useMountedRef();
  const [name, setName] = useState(draft?.name ?? initial?.name ?? '');
  const [admin, setAdmin] = useState(draft?.admin ?? initial?.admin ?? false);
  const [rows, setRows] = useState<ScopeRowModel[]>(() => draft?.rows ?? scopesToRows(initial?.scopes ?? []));
  const [tab, setTab] = useState<Tab>(draft?.tab ?? 'editor');
  const [jsonText, setJsonText] = useState(draft?.jsonText ?? '');
  // JSON left while it did not parse (the editor could not take it): given back on return, not replaced.
  const [leftJson, setLeftJson] = useState<string | null>(null);
  useEffect(
    () => keepDraft(draftKey, { name, admin, rows, tab, jsonText }),
    [draftKey, name, admin, rows, tab, jsonText],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const [lostName, setLostName] = useState<string | null>(null);
  const [deletedLost, setDeletedLost] = useState<string | null>(null);
  const targets = useChannel('listScopeTargets', {}, { staleTime: 60_000 });
  const reviewedFor = account.profileId;

  // A key is being created by this form as the user left it: no second one is offered.
  const { sending } = useCreatedKeys();
  const sentElsewhere = draftKey !== undefined && !busy ? sending.get(draftKey) : undefined;
  // A plain create waited for here goes back to the list when it is answered, as the form that
  // sent it would have: the secret is shown there, a failure by the frame (the draft is kept).
  const [waited, setWaited] = useState<string | undefined>(undefined);
  if (rotates === undefined && sentElsewhere !== undefined && waited !== sentElsewhere) setWaited(sentElsewhere);
  const waiting = sentElsewhere ?? waited;
  useEffect(() => {
    if (waited !== undefined && sentElsewhere === undefined) onCancel();
  }, [waited, sentElsewhere, onCancel]);
  const jsonParsed = useMemo(() => {
    if (tab !== 'json') return null;
    try {
      return createKeyRequest.safeParse(JSON.parse(jsonText) as unknown);
    } catch (e) {
      return {
        success: false as const,
        error: { issues: [{ path: [], message: `Not valid JSON: ${e instanceof Error ? e.message : 'parse error'}` }] },
      };
    }
  }, [tab, jsonText]);

  const request: CreateKeyRequest =
    tab === 'json' && jsonParsed?.success ? jsonParsed.data : editorRequest(name, admin, rows);
  const checked = createKeyRequest.safeParse(request);
  const issues =
    tab === 'json'
      ? jsonParsed && !jsonParsed.success
        ? jsonParsed.error.issues
        : []
      : checked.success
        ? []
        : checked.error.issues;
  // The key the last try made but whose secret was lost: offered for deletion, not blamed on the name.
  const lost =
    error && errorOf(error).reason === 'key-created-secret-lost' ? errorOf(error).detail?.objectId : undefined;
  const nameTaken = takenNames.has(request.name) && !(lost && request.name === lostName);
  const serverFields = error ? (errorOf(error).detail?.fields ?? []) : [];
  const nameIssue = nameTaken
    ? 'A key with this name already exists; names must be unique.'
    : (issues.find((i) => i.path[0] === 'name')?.message ?? serverFields.find((f) => f.path === 'name')?.message);
  const scopesIssue =
    issues.find((i) => i.path[0] === 'scopes')?.message ??
    (serverFields.some((f) => f.path.startsWith('scopes')) ? errorOf(error).message : undefined);
  const valid = issues.length === 0 && checked.success && !nameTaken;
  const jsonBroken = tab === 'json' && !jsonParsed?.success;

  const switchTab = (next: Tab) => {
    if (next === tab) return;
    if (next === 'json') {
      setJsonText(leftJson ?? requestJson(editorRequest(name, admin, rows)));
    } else if (jsonParsed?.success) {
      setName(jsonParsed.data.name);
      setAdmin(jsonParsed.data.admin);
      setRows(scopesToRows(jsonParsed.data.scopes));
      setLeftJson(null);
    } else setLeftJson(jsonText);
    setTab(next);
  };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTried(true);
    if (!valid) focusFirstInvalid(e.currentTarget);
    if (!valid || namesComplete === false || busy) return;
    setBusy(true);
    setError(null);
    try {
      const sent = readDraft(draftKey);
      const created = await trackCreate(
        call('createApiKey', { ...request, reviewedFor, ...(rotates ? { replaces: rotates } : {}) }),
        draftKey === undefined ? undefined : { form: draftKey, name: request.name },
      );
      dropDraft(draftKey, sent);
      onCreated(created, open.current);
    } catch (err) {
      const reason = errorOf(err).reason;
      // The user left this form while it was out: the frame says what happened instead.
      // A key whose secret was lost still has to be deleted: the notice links to it.
      if (!open.current && !failureIs(err, 'profile-changed')) {
        const keyId = reason === 'key-created-secret-lost' ? errorOf(err).detail?.objectId : undefined;
        tellOutcome({
          tone: 'warn',
          lead: `Creating the API key “${request.name}” on ${profileLabel(account)} did not finish as asked.`,
          text: errorOf(err).message,
          link: keyId
            ? { href: hrefTo('api-keys', keyId), label: `Open “${request.name}” to delete it` }
            : { href: hrefTo('api-keys', 'new'), label: 'Create it again' },
        });
      }
      setError(err);
      setLostName(request.name);
      setDeletedLost(null);
      if (reason === 'key-created-secret-lost' || reason === 'key-name-taken') onListChanged();
    } finally {
      setBusy(false);
    }
  }

  async function deleteLost(id: string) {
    setBusy(true);
    try {
      await call('deleteApiKey', { id, reviewedFor });
      setError(null);
      setDeletedLost(lostName);
      onListChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const showIssues = tried || tab === 'json';
  if (sentElsewhere !== undefined && rotates !== undefined)
    return (
      <p role="status">
        The replacement is being created… Its secret is shown as soon as it arrives; nothing is deleted.
      </p>
    );
  if (waiting !== undefined)
    return (
      <div className="card">
        <p role="status">
          The key “{waiting}” is being created… Its secret is shown as soon as it arrives, here or on whichever screen
          you are on then, so you can go back to the keys meanwhile.
        </p>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Back to the keys
          </button>
        </div>
      </div>
    );
  return (
    <form
      className={`card ${styles.formGrid}`}
      aria-label="Create API key"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        // Escape steps out but keeps the draft: the frame's Escape would click Cancel, which drops
        // it, and a stray key should not throw away what was typed. Not while creating (Cancel is off too).
        if (e.key !== 'Escape' || e.defaultPrevented || busy) return;
        e.preventDefault();
        onCancel();
      }}
      noValidate
    >
      <div className={styles.tabs} role="tablist" aria-label="How to define the key">
        <button type="button" role="tab" aria-selected={tab === 'editor'} onClick={() => switchTab('editor')}>
          Editor
        </button>
        <button type="button" role="tab" aria-selected={tab === 'json'} onClick={() => switchTab('json')}>
          JSON
        </button>
      </div>
      {tab === 'editor' ? (
        <>
          <label className="field">
            <strong>Name</strong> <span className="muted small">(1–24 characters, unique)</span>
            <input
              type="text"
              value={name}
              maxLength={40}
              aria-invalid={Boolean(nameIssue) && (tried || name.length > 0)}
              aria-describedby="key-name-issue"
              onChange={(e) => setName(e.target.value)}
              style={{ display: 'block', width: '100%', marginTop: '0.25rem' }}
            />
          </label>
          {nameIssue && (tried || name.length > 0) ? (
            <p id="key-name-issue" className="field-error">
              {nameIssue}
            </p>
          ) : null}
          <label className="choice">
            <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />
            <span>Admin key</span>
            <span className="explain">Full access, scopes ignored.</span>
          </label>
          {admin ? null : (
            <>
              <div className="actions" role="group" aria-label="Presets">
                <span className="muted small">Presets:</span>
                {PRESETS.map((p) => (
                  <button
                    key={p.id}
                    type="button"
                    title={p.explain}
                    onClick={() => setRows(presetRows(p.id, targets.data))}
                  >
                    {p.label}
                  </button>
                ))}
              </div>
              <ScopeEditor
                rows={rows}
                onChange={setRows}
                targets={targets.data}
                targetsError={Boolean(targets.error)}
                invalid={showIssues && Boolean(scopesIssue)}
                describedBy="key-scopes-issue"
              />
              {showIssues && scopesIssue ? (
                <p id="key-scopes-issue" className="field-error">
                  {scopesIssue}
                </p>
              ) : null}
            </>
          )}
        </>
      ) : (
        <JsonRequestField
          text={jsonText}
          onChange={(text) => {
            setJsonText(text);
            setLeftJson(null);
          }}
          issues={issues}
          takenName={nameTaken ? request.name : null}
        />
      )}
      {jsonBroken ? (
        <p className="muted small" role="status">
          Nothing can be sent until the JSON above is fixed.
          {leftJson !== null && tab === 'json'
            ? ' It is as you left it: the editor could not read it, so changes made there are not in it.'
            : ''}
        </p>
      ) : (
        <div className={styles.preview}>
          <KeyPowersSummary request={request} targets={targets.data} />
          <h2 className="small">Exactly what will be sent</h2>
          <pre className="command" aria-label="JSON that will be sent">
            {requestJson(request)}
          </pre>
          <CommandLine label="Equivalent CLI command" command={cliCommand(request)} />
        </div>
      )}
      {/* The way out of a lost secret is said with it, in the same box. */}
      {error ? (
        <ErrorNotice error={error}>
          {lost ? (
            <div className="actions">
              <button type="button" className="danger" disabled={busy} onClick={() => void deleteLost(lost)}>
                Delete “{lostName}” now
              </button>
            </div>
          ) : null}
        </ErrorNotice>
      ) : null}
      {deletedLost !== null ? (
        <Notice tone="good" live>
          <p>Deleted “{deletedLost}”. Create it again to get a secret you can see.</p>
        </Notice>
      ) : null}
      {namesComplete === false ? (
        <p className="muted small" role="status">
          Waiting for the full key list, to check the name is unique…
        </p>
      ) : namesComplete === 'unchecked' ? (
        <p className="muted small" role="status">
          The key list could not be read, so the name is not checked here: Chutes refuses a name already in use.
        </p>
      ) : null}
      <div className="actions">
        {/* Not while the key whose secret was lost still holds the name: deleting it comes first. */}
        <button
          type="submit"
          className="primary"
          disabled={busy || lost !== undefined || namesComplete === false || jsonBroken || (tried && !valid)}
        >
          {busy ? 'Creating…' : submitLabel}
        </button>
        {/* Not while creating: the answer carries the secret, shown once, and must find its dialog. */}
        <button
          type="button"
          data-cancel
          onClick={() => {
            dropDraft(draftKey);
            onCancel();
          }}
          disabled={busy}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
