import type { ReactElement } from 'react';
import type { ApiKeyView } from '../../../../shared/api-keys';
import { visibleText } from '../../../../shared/visible-text';
import { useChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { dateTime } from '../../lib/date-time';
import { navigate } from '../../routes';

export const KeyLine = ({ k, label }: { k: Pick<ApiKeyView, 'id' | 'name'>; label: string }) => (
  <li>
    {label}: <strong>{visibleText(k.name)}</strong> <code className="small">{k.id}</code>
  </li>
);

/**
 * A rotation begun before this page was loaded (a reload, a restart, the other window): main's
 * record names the replacement, but whether its secret — shown once, then — was stored is not
 * known, so both ways on are offered, and the old key is deleted only on the user's word.
 */
export function ResumedRotation(props: {
  oldKey: ApiKeyView;
  created: NonNullable<ApiKeyView['replacedBy']>;
  busy: boolean;
  error: unknown;
  focusHere: (el: HTMLElement | null) => void;
  onDeleteOld: () => void;
  onDeleteNew: () => void;
}): ReactElement {
  const { oldKey, created, busy, error, focusHere, onDeleteOld, onDeleteNew } = props;
  const oldName = visibleText(oldKey.name);
  const newName = visibleText(created.name);
  return (
    <div className="card">
      <h2 ref={focusHere} tabIndex={-1}>
        Finish the rotation begun on {dateTime(created.createdLocallyAt)}
      </h2>
      <p>
        This app made “{newName}” then, with the same access, to replace “{oldName}”. Its secret was shown once at that
        time; whether it was stored cannot be known here. Both keys work until one is deleted:
      </p>
      <ul aria-label="Both keys">
        <KeyLine k={oldKey} label="Old (still works)" />
        <KeyLine k={created} label="New" />
      </ul>
      <ul className="small">
        <li>
          If the new key’s secret was stored and “{newName}” now runs wherever “{oldName}” was used, delete the old key.
        </li>
        <li>If it was not stored, nobody can use “{newName}”: delete it and create another replacement.</li>
      </ul>
      {error ? <ErrorNotice error={error} lead="Deleting the key failed:" /> : null}
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={onDeleteOld}>
          {busy ? 'Deleting…' : `The new key is deployed — delete “${oldName}”`}
        </button>
        <button type="button" disabled={busy} onClick={onDeleteNew}>
          {`Delete “${newName}” and start again`}
        </button>
        <button type="button" disabled={busy} onClick={() => navigate('api-keys', oldKey.id)}>
          Keep both for now
        </button>
      </div>
    </div>
  );
}

/**
 * On the old key's page: a rotation begun here is not finished. Said only once its replacement is
 * read back (one deleted elsewhere is then forgotten by main, and nothing is said).
 */
export function UnfinishedRotation({ apiKey, canSign }: { apiKey: ApiKeyView; canSign: boolean }): ReactElement | null {
  const by = apiKey.replacedBy;
  const replacement = useChannel('getApiKey', { id: by?.id ?? '' }, { enabled: Boolean(by) });
  if (!by || replacement.data?.id !== by.id) return null;
  return (
    <Notice tone="warn">
      <p>
        <strong>Rotation not finished.</strong> This app made “{visibleText(by.name)}” on{' '}
        {dateTime(by.createdLocallyAt)} to replace this key, which still works until it is deleted.
      </p>
      <div className="actions">
        <button type="button" disabled={!canSign} onClick={() => navigate('api-keys', apiKey.id, 'rotate')}>
          Continue the rotation…
        </button>
      </div>
    </Notice>
  );
}
