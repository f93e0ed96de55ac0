import { useEffect, useRef, useState, type ReactElement } from 'react';
import {
  isScopeObjectType,
  rotatedName,
  type ApiKeyView,
  type CreateKeyRequest,
  type CreatedApiKey,
  type ScopeRequest,
} from '../../../../shared/api-keys';
import { call } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { failureIs } from '../../../../shared/errors';
import { Notice } from '../../components/notice';
import { hrefTo, navigate } from '../../routes';
import { CreateKeyForm, type NamesCheck } from './create-key-form';
import { AUTH_CACHE_NOTE } from './delete-key-dialog';
import { endRotation, forgetKeys, holdCreatedKey, useCreatedKeys, type PendingReveal } from './created-key-store';
import styles from './api-keys.module.css';
import { KeyLine, ResumedRotation } from './resumed-rotation';

type NewKey = Pick<ApiKeyView, 'id' | 'name'>;
type Step =
  | { kind: 'create' }
  | { kind: 'reveal'; created: CreatedApiKey }
  | { kind: 'deploy'; created: ApiKeyView }
  /** Begun before a reload (main's record): whether its secret was stored is not known here. */
  | { kind: 'resumed'; created: NonNullable<ApiKeyView['replacedBy']> }
  | { kind: 'done'; created: NewKey; alreadyGone: boolean };

function sameScopes(old: ApiKeyView, taken: ReadonlySet<string>): CreateKeyRequest {
  const name = rotatedName(old.name, taken);
  if (old.admin) return { name, admin: true, scopes: [] };
  if (old.local && !old.local.admin) return { name, admin: false, scopes: old.local.requestedScopes };
  return {
    name,
    admin: false,
    // Each as reported, action unknown; a type this app cannot ask for is left out and said (`unknownTypes`).
    scopes: old.scopes.flatMap((s): ScopeRequest[] =>
      isScopeObjectType(s.objectType) ? [{ object_type: s.objectType, object_id: s.objectId, action: null }] : [],
    ),
  };
}

/** Object types of the old key's scopes that this app cannot put in a request (a newer server's). */
const unknownTypes = (old: ApiKeyView): string[] =>
  old.admin || old.local ? [] : [...new Set(old.scopes.map((s) => s.objectType).filter((t) => !isScopeObjectType(t)))];

/** Rotation: create the replacement (same scopes), reveal it once, and delete the old key only once the user says the new one is deployed. */
export function RotateFlow(props: {
  oldId: string;
  takenNames: ReadonlySet<string>;
  namesComplete: NamesCheck;
  onListChanged: () => void;
  account: PendingReveal['account'];
  onCreated: (k: ApiKeyView) => void;
  onRemoved: (id: string) => void;
}): ReactElement {
  const keys = useCreatedKeys();
  const old = useChannel('getApiKey', { id: props.oldId });
  // The old key as it was when rotation began: once it is deleted, a refetch would only say 404.
  const [snapshot, setSnapshot] = useState<ApiKeyView | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'create' });
  // Where this rotation is, by the store (created-key-store.ts): a flow left half-way and opened
  // again continues at its step instead of offering to create another replacement.
  const waiting = keys.pending.find((r) => r.replaces?.id === props.oldId);
  const replacement = keys.replaced.get(props.oldId);
  if (step.kind === 'create' && waiting) setStep({ kind: 'reveal', created: waiting.created });
  if (step.kind === 'create' && !waiting && replacement) setStep({ kind: 'deploy', created: replacement });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!snapshot && old.data) setSnapshot(old.data);
  // Begun before this page was loaded: the replacement main recorded, if it still exists (asking
  // for it is what finds one deleted elsewhere, and main then forgets the rotation).
  const earlier = step.kind === 'create' && !waiting && !replacement ? (snapshot ?? old.data)?.replacedBy : null;
  const earlierKey = useChannel('getApiKey', { id: earlier?.id ?? '' }, { enabled: Boolean(earlier) });
  if (earlier && earlierKey.data?.id === earlier.id) setStep({ kind: 'resumed', created: earlier });
  // The screen shows the secret; once it is closed, deploying is next.
  if (step.kind === 'reveal' && !keys.pending.some((r) => r.created.key.id === step.created.key.id))
    setStep({ kind: 'deploy', created: step.created.key });
  // The secret's dialog closed, or the pressed button left with its step: the keyboard goes on at
  // the step now shown (its heading, or the link once done), not at a "Create key…" this page lacks.
  const stepFocus = useRef<HTMLElement | null>(null);
  const focusHere = (el: HTMLElement | null) => {
    stepFocus.current = el;
  };
  const shownStep =
    step.kind === 'deploy' && keys.unstored.has(step.created.id)
      ? 'unstored'
      : step.kind === 'resumed'
        ? 'deploy'
        : step.kind;
  // The step shown at the last commit: the focus moves only when the step changes.
  const lastStep = useRef(shownStep);
  useEffect(() => {
    if (shownStep === lastStep.current) return;
    lastStep.current = shownStep;
    stepFocus.current?.focus();
  }, [shownStep]);
  const oldKey = snapshot ?? old.data;
  if (!oldKey) return old.error ? <ErrorNotice error={old.error} /> : <p role="status">Loading the key to rotate…</p>;
  if (earlier && earlierKey.isPending) return <p role="status">Loading the rotation begun earlier…</p>;
  // Not known whether a replacement exists: offering to create one could make a second.
  if (earlier && earlierKey.error && !failureIs(earlierKey.error, 'key-gone'))
    return (
      <ErrorNotice
        error={earlierKey.error}
        lead={`Reading “${earlier.name}”, made earlier to replace this key, failed:`}
      />
    );
  const leftOut = unknownTypes(oldKey);

  const oldId = oldKey.id;
  /** The replacement's secret was closed unstored: it is deleted, and the rotation starts over. */
  async function deleteNew(created: NewKey) {
    setBusy(true);
    setError(null);
    try {
      await call('deleteApiKey', { id: created.id, reviewedFor: props.account.profileId });
      forgetKeys([created.id]);
      // The old key as loaded still names it: the rotation must not resume to a deleted key.
      setSnapshot((s) => (s?.replacedBy?.id === created.id ? { ...s, replacedBy: null } : s));
      props.onRemoved(created.id);
      setStep({ kind: 'create' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function deleteOld(created: NewKey) {
    setBusy(true);
    setError(null);
    try {
      const r = await call('deleteApiKey', { id: oldId, reviewedFor: props.account.profileId });
      endRotation(oldId);
      props.onRemoved(oldId);
      setStep({ kind: 'done', created, alreadyGone: r.outcome === 'already-gone' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label={`Rotate ${oldKey.name}`}>
      <p>
        <a href={hrefTo('api-keys', oldKey.id)}>← Back to the key “{oldKey.name}”</a>
      </p>
      {/* A secret closed unstored is a step-2 problem: that step stays the current one, and says so. */}
      <ol className={`small muted ${styles.rotateSteps}`}>
        <li aria-current={step.kind === 'create' ? 'step' : undefined}>Create the replacement with the same access</li>
        <li aria-current={step.kind === 'reveal' || shownStep === 'unstored' ? 'step' : undefined}>
          {shownStep === 'unstored' ? 'Store its secret (not stored)' : 'Store its secret (shown once)'}
        </li>
        <li aria-current={shownStep === 'deploy' ? 'step' : undefined}>Deploy it, then delete the old key</li>
      </ol>
      {step.kind === 'create' ? (
        <>
          {!oldKey.admin && !oldKey.local ? (
            <Notice tone="warn">
              <p>
                The server does not report which actions “{oldKey.name}” allows, so each scope below is set to any
                action. Narrow them if the old key had fewer.
              </p>
              {leftOut.length > 0 ? (
                <p>
                  Its scopes of type {leftOut.map((t) => `“${t}”`).join(', ')} are left out: this app cannot ask for
                  that type, so the replacement would not have them. Create it with the chutes CLI if a program needs
                  them.
                </p>
              ) : null}
            </Notice>
          ) : null}
          <CreateKeyForm
            initial={sameScopes(oldKey, props.takenNames)}
            account={props.account}
            draftKey={`rotate:${props.account.profileId}:${oldKey.id}`}
            rotates={{ id: oldKey.id, name: oldKey.name }}
            takenNames={props.takenNames}
            namesComplete={props.namesComplete}
            submitLabel="Create replacement"
            onCancel={() => window.history.back()}
            onListChanged={props.onListChanged}
            onCreated={(created) => {
              props.onCreated(created.key);
              holdCreatedKey({ created, account: props.account, replaces: { id: oldKey.id, name: oldKey.name } });
              setStep({ kind: 'reveal', created });
            }}
          />
          <p className="small muted">If creating fails, nothing changes: only “{oldKey.name}” exists.</p>
        </>
      ) : null}
      {step.kind === 'deploy' && keys.unstored.has(step.created.id) ? (
        <div className="card">
          <h2 ref={focusHere} tabIndex={-1}>
            The new key’s secret was closed without being stored
          </h2>
          <p>
            Nobody may hold the secret of “{step.created.name}”, and Chutes never shows it again, so “{oldKey.name}” is
            not offered for deletion: it still works. Delete the new key and create another replacement.
          </p>
          {error ? <ErrorNotice error={error} lead={`Deleting the new key “${step.created.name}” failed:`} /> : null}
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void deleteNew(step.created)}>
              {busy ? 'Deleting the new key…' : `Delete “${step.created.name}” and start again`}
            </button>
            <button type="button" disabled={busy} onClick={() => navigate('api-keys', oldKey.id)}>
              Keep both for now
            </button>
          </div>
        </div>
      ) : null}
      {step.kind === 'deploy' && !keys.unstored.has(step.created.id) ? (
        <div className="card">
          <h2 ref={focusHere} tabIndex={-1}>
            Deploy the new key, then delete the old one
          </h2>
          <p>
            Put “{step.created.name}” wherever “{oldKey.name}” was used, check it works, then delete the old key. Both
            keys work until then:
          </p>
          <ul aria-label="Both keys">
            <KeyLine k={oldKey} label="Old (still works)" />
            <KeyLine k={step.created} label="New" />
          </ul>
          {error ? <ErrorNotice error={error} lead={`Deleting the old key “${oldKey.name}” failed:`} /> : null}
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void deleteOld(step.created)}>
              {busy
                ? 'Deleting the old key…'
                : error
                  ? 'Retry deleting the old key'
                  : `The new key is deployed — delete “${oldKey.name}”`}
            </button>
            <button type="button" disabled={busy} onClick={() => navigate('api-keys', step.created.id)}>
              Keep both for now
            </button>
          </div>
        </div>
      ) : null}
      {step.kind === 'resumed' ? (
        <ResumedRotation
          oldKey={oldKey}
          created={step.created}
          busy={busy}
          error={error}
          focusHere={focusHere}
          onDeleteOld={() => void deleteOld(step.created)}
          onDeleteNew={() => void deleteNew(step.created)}
        />
      ) : null}
      {step.kind === 'done' ? (
        <Notice tone="good" live>
          <p>
            <strong>Rotation complete.</strong> “{oldKey.name}”{' '}
            {step.alreadyGone ? 'was already gone (counted as done)' : 'is deleted'}; “{step.created.name}” replaces it.{' '}
            {AUTH_CACHE_NOTE}
          </p>
          <p>
            <a ref={focusHere} href={hrefTo('api-keys', step.created.id)}>
              Open {step.created.name}
            </a>
          </p>
        </Notice>
      ) : null}
    </section>
  );
}
