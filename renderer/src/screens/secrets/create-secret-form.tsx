import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { failureIs } from '../../../../shared/errors';
import { cliCommand, secretKeyProblem } from '../../../../shared/secret-keys';
import type { ChuteRef, SecretItem } from '../../../../shared/secrets';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { FormActions } from '../../components/form-parts';
import { Notice } from '../../components/notice';
import { ChutePicker } from './chute-picker';
import { CommandLine } from '../../components/command-line';
import { useRefreshSecrets } from './use-secrets';
import { tellIfLeft } from '../../frame/outcomes';
import { draftSlot, useDraft } from '../../lib/drafts';
import { useMountedRef } from '../../lib/use-mounted';
import styles from './secrets.module.css';

/** Per profile: the chute and the key name only; the value is a secret and is never kept (it dies with the form). */
const drafts = draftSlot<{ chuteId: string; key: string }>();

interface Done {
  key: string;
  chuteName: string;
  chuteId: string;
  replaced: boolean;
}

/**
 * Add one secret. The value lives only in this form's state until it is sent, once; the form is
 * cleared after success, so nothing of it stays on the page. The call is made directly (not via a
 * cached mutation) so no query cache keeps the value as the mutation's variables.
 */
export function CreateSecretForm({
  profileId,
  chutes,
  secrets,
  onClose,
}: {
  profileId: string;
  chutes: readonly ChuteRef[];
  secrets: readonly SecretItem[];
  onClose: () => void;
}): ReactElement {
  const [draft, setDraft] = useDraft(drafts, profileId, () => ({ chuteId: '', key: '' }));
  const only = chutes.length === 1 ? (chutes[0]?.chuteId ?? '') : '';
  // A chute kept from before that is not among this account's chutes any more is not offered.
  const chuteId = chutes.some((c) => c.chuteId === draft.chuteId) ? draft.chuteId : only;
  const { key } = draft;
  const setChuteId = (id: string) => setDraft({ chuteId: id });
  const setKey = (k: string) => setDraft({ key: k });
  const mounted = useMountedRef();
  const cancel = () => {
    drafts.drop(profileId);
    onClose();
  };
  const [value, setValue] = useState('');
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const refresh = useRefreshSecrets();
  const chute = chutes.find((c) => c.chuteId === chuteId) ?? null;
  const problem = key === '' ? null : secretKeyProblem(key, chute?.name ?? null);
  const existing = secrets.find((s) => s.chuteId === chuteId && s.key === key) ?? null;
  // The notice replaces the form and its Save button: focus goes to it, not to the page's body.
  const doneNotice = useRef<HTMLDivElement>(null);
  useEffect(() => doneNotice.current?.focus(), [done]);

  async function send(replace: boolean) {
    if (!chute) return;
    setBusy(true);
    setError(null);
    const sent = call('createSecret', { chuteId: chute.chuteId, key, value, replace, reviewedFor: profileId });
    tellIfLeft(mounted, sent, {
      done: (r) => `${r.replaced ? 'Replaced' : 'Created'} the secret ${r.secret.key} on ${chute.name}.`,
      failed: `Saving the secret ${key} on ${chute.name} failed`,
    });
    try {
      const created = await sent;
      drafts.drop(profileId, draft);
      setValue('');
      setReveal(false);
      setConflict(false);
      setDone({ key: created.secret.key, chuteName: chute.name, chuteId: chute.chuteId, replaced: created.replaced });
      await refresh();
    } catch (err) {
      if (failureIs(err, 'secret-exists')) setConflict(true);
      else setError(err);
      // The message says to look at the list: it is read again for the user (it may now hold the
      // secret whose answer was lost, or lack the chute that is gone).
      if (failureIs(err, 'answer-lost', 'chute-missing')) void refresh();
    } finally {
      setBusy(false);
    }
  }

  // An empty value is never sent: a "Replace" would swap the real secret for nothing.
  const [valueMissing, setValueMissing] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (value === '') return setValueMissing(true);
    void send(false);
  };

  if (done) {
    return (
      <div className="subform" role="group" aria-label="Secret saved">
        <div ref={doneNotice} tabIndex={-1} className={styles.doneNotice}>
          <Notice tone="good" live>
            <p>
              {done.replaced ? 'Replaced' : 'Created'} <code>{done.key}</code> on <strong>{done.chuteName}</strong>. The
              value was sent once and is not kept anywhere in the app.
            </p>
          </Notice>
        </div>
        <CommandLine command={cliCommand.create(done.chuteId, done.key)} />
        <div className="actions">
          <button type="button" onClick={() => setDone(null)}>
            Add another
          </button>
          <button type="button" data-cancel onClick={cancel}>
            Close
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="subform" onSubmit={onSubmit} aria-label="Add a secret">
      <label className="field" htmlFor="secret-chute">
        Chute
      </label>
      <ChutePicker
        id="secret-chute"
        chutes={chutes}
        value={chuteId}
        onChange={(id) => {
          setChuteId(id);
          setConflict(false);
        }}
        {...(chute ? {} : { describedBy: 'secret-chute-hint' })}
      />
      {chute ? null : (
        <p className="small muted" id="secret-chute-hint">
          Save waits for a chute to be chosen: each secret belongs to one of your chutes.
        </p>
      )}
      <label className="field">
        Key (becomes an environment variable in the chute)
        <input
          type="text"
          value={key}
          placeholder="HF_TOKEN"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'secret-key-problem' : undefined}
          onChange={(e) => {
            setKey(e.target.value.trim());
            setConflict(false);
          }}
        />
      </label>
      {problem ? (
        <p className="field-error" id="secret-key-problem" role="alert">
          {problem.message}
        </p>
      ) : null}
      <label className="field">
        Value (write-only: Chutes never shows it again)
        {/* A textarea, not a password input: that one is single-line, and Chromium turns the line
            breaks of a pasted PEM key into spaces. Masked by CSS instead, so no password manager
            offers to generate or save it either. */}
        <textarea
          rows={3}
          value={value}
          className={reveal ? styles.secretValue : `${styles.secretValue} ${styles.masked}`}
          data-masked={reveal ? undefined : 'true'}
          spellCheck={false}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          data-lpignore="true"
          data-1p-ignore="true"
          data-bwignore="true"
          data-form-type="other"
          aria-invalid={valueMissing ? true : undefined}
          aria-describedby={valueMissing ? 'secret-value-problem secret-value-keys' : 'secret-value-keys'}
          onChange={(e) => {
            setValue(e.target.value);
            setValueMissing(false);
          }}
          // Enter saves, as in the single-line field this was: most values are one-line tokens. A
          // value of several lines is pasted (its breaks are kept) or typed with Shift+Enter.
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }}
        />
      </label>
      {valueMissing ? (
        <p className="field-error" id="secret-value-problem" role="alert">
          Enter the value.
        </p>
      ) : null}
      <p className="small muted" id="secret-value-keys">
        Enter saves; Shift+Enter starts a new line. Line breaks in a pasted value (a PEM key) are kept.
      </p>
      <label className="choice">
        <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
        <span>Show the value while typing</span>
      </label>
      {chute && key && !problem && !conflict ? <CommandLine command={cliCommand.create(chute.chuteId, key)} /> : null}
      {conflict && chute ? (
        <div className="notice notice-warn" role="alert">
          <p>
            <strong>
              {chute.name} already has a secret <code>{key}</code>.
            </strong>{' '}
            Replace it? The current {key} of {chute.name} is deleted first, then the new value is saved under the same
            name. The old value cannot be recovered.
          </p>
          {existing ? (
            <CommandLine
              label="Same with the chutes CLI: delete, then create"
              command={`${cliCommand.delete([existing.secretId])}\n${cliCommand.create(chute.chuteId, key)}`}
            />
          ) : null}
          <div className="actions">
            <button type="button" className="danger" disabled={busy || value === ''} onClick={() => void send(true)}>
              Replace {key}
            </button>
            <button type="button" onClick={() => setConflict(false)}>
              Keep the existing one
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {/* While the question is open, its two answers are the only way on (no dead Save beside them). */}
      {conflict && chute ? null : (
        <FormActions
          submit="Save secret"
          busy={busy}
          disabled={!chute || key === '' || problem !== null}
          onCancel={cancel}
        />
      )}
    </form>
  );
}
