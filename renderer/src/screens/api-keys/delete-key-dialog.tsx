import { useState, type FormEvent, type ReactElement } from 'react';
import { spacesShown, typedKeyName, type ApiKeyView, type DeleteResult } from '../../../../shared/api-keys';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { tellIfLeft } from '../../frame/outcomes';
import { useMountedRef } from '../../lib/use-mounted';
import { visibleText } from '../../../../shared/visible-text';

const SPACES_HINT_ID = 'delete-key-spaces-hint';

export const AUTH_CACHE_NOTE = 'Chutes may keep accepting a deleted key for up to a minute (its authentication cache).';

/** Delete one key after its name is typed back. */
export function DeleteKeyPanel({
  apiKey,
  profileId,
  onDone,
  onCancel,
}: {
  apiKey: Pick<ApiKeyView, 'id' | 'name' | 'admin'>;
  /** The profile whose key this is: what the delete is reviewed for. */
  profileId: string;
  onDone: (result: DeleteResult) => void;
  onCancel: () => void;
}): ReactElement {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mounted = useMountedRef();
  // A name with invisible characters is shown, and typed, in its visible form.
  const shown = visibleText(apiKey.name);
  // Spaces no one can see (made elsewhere: Chutes takes any) are marked, and need not be typed exactly.
  const spaced = spacesShown(shown);
  const confirmed = typedKeyName(typed, apiKey.name) || typedKeyName(typed, shown);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    const sent = call('deleteApiKey', { id: apiKey.id, reviewedFor: profileId });
    tellIfLeft(mounted, sent, {
      done: (r) =>
        r.outcome === 'already-gone' ? `“${shown}” was already gone.` : `Deleted “${shown}”. ${AUTH_CACHE_NOTE}`,
      failed: `Deleting the key “${shown}” failed`,
    });
    try {
      onDone(await sent);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="subform" aria-label={`Delete key ${shown}`} onSubmit={(e) => void submit(e)}>
      <p>
        Programs using <strong>{shown}</strong>
        {apiKey.admin ? ' (an admin key)' : ''} will stop working. {AUTH_CACHE_NOTE}
      </p>
      <label className="field">
        <span>
          Type the key’s name, <code>{spaced ?? shown}</code>, to confirm
        </span>
        <input
          type="text"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          aria-describedby={spaced ? SPACES_HINT_ID : undefined}
        />
      </label>
      {spaced ? (
        <p id={SPACES_HINT_ID} className="small muted">
          Each ␣ is a space: type the name with single spaces between words, and none at either end.
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <button type="submit" className="danger-fill" disabled={busy || !confirmed}>
          {busy ? 'Deleting…' : 'Delete key'}
        </button>
        {/* Not while deleting: the answer is said here, and the screen moves on from it. */}
        <button type="button" data-cancel onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
