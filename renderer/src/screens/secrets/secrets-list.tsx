import { useState, type ReactElement } from 'react';
import type { ChuteRef, SecretItem } from '../../../../shared/secrets';
import { dateTime, utcText } from '../../lib/date-time';
import { groupSecrets } from './group-secrets';
import styles from './secrets.module.css';

export interface SecretSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  /** The selected secrets in the order the list shows them (by chute, then key), whatever the search hides now. */
  chosen: SecretItem[];
}

/**
 * The secrets ticked for "Delete selected", which sits in the screen's top row of buttons (as on
 * API keys), away from the list that ticks them. The selection stays until the secrets are gone: a
 * cancelled confirmation or a failed delete leaves it as it was.
 */
export function useSecretSelection(secrets: readonly SecretItem[], chutes: readonly ChuteRef[]): SecretSelection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Secret ids are derived from user, chute and key: one deleted and made again comes back with the
  // same id, so ids that left the list leave the selection too (adjusted during render, as React advises).
  const [listed, setListed] = useState(secrets);
  if (listed !== secrets) {
    setListed(secrets);
    const ids = new Set(secrets.map((s) => s.secretId));
    if ([...selected].some((id) => !ids.has(id))) setSelected(new Set([...selected].filter((id) => ids.has(id))));
  }
  const chosen = groupSecrets(secrets, chutes, '')
    .flatMap((group) => group.secrets)
    .filter((s) => selected.has(s.secretId));
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return { selected, toggle, chosen };
}

/** Secrets grouped by chute, searchable, with a tick per secret for deleting several at once. */
export function SecretsList({
  secrets,
  chutes,
  canSign,
  selection: { selected, toggle },
  onDelete,
  namesUnknown = false,
}: {
  secrets: readonly SecretItem[];
  chutes: readonly ChuteRef[];
  canSign: boolean;
  selection: SecretSelection;
  onDelete: (targets: SecretItem[]) => void;
  /** The chutes could not be read: every group is named by its chute id, none is called gone. */
  namesUnknown?: boolean;
}): ReactElement {
  const [query, setQuery] = useState('');
  const groups = groupSecrets(secrets, chutes, query);

  return (
    <>
      <div className={styles.toolbar}>
        <input
          type="search"
          className={styles.search}
          value={query}
          placeholder="Search by key or chute"
          aria-label="Search secrets by key or chute"
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {groups.length === 0 ? <p className="empty">No secret matches “{query}”.</p> : null}
      {groups.map((group) => {
        const title = group.chuteName ?? (namesUnknown ? `Chute ${group.chuteId}` : 'Chute no longer exists');
        const gone = group.chuteName === null && !namesUnknown;
        return (
          <section key={group.chuteId} className={styles.group} aria-label={`Secrets of ${title}`}>
            <h3 className={styles.groupHead}>
              {title}
              <span className={styles.count}>
                <span aria-hidden="true">{group.secrets.length}</span>
                <span className="sr-only">
                  {' '}
                  ({group.secrets.length} secret{group.secrets.length === 1 ? '' : 's'})
                </span>
              </span>
              {gone ? <code className={`small ${styles.goneId}`}>{group.chuteId}</code> : null}
            </h3>
            {gone ? (
              <p className="small muted">
                These secrets name a chute id that is not among your chutes any more. Delete them if the chute is gone
                for good.
              </p>
            ) : null}
            <div className="table-wrap">
              <table className={styles.secrets}>
                <thead>
                  <tr>
                    {canSign ? (
                      <th scope="col" className={styles.pick}>
                        <span className="sr-only">Select</span>
                      </th>
                    ) : null}
                    <th scope="col" className={styles.keyCol}>
                      Key
                    </th>
                    <th scope="col" className={styles.createdCol}>
                      Created
                    </th>
                    {canSign ? (
                      <th scope="col" className={styles.actionCol}>
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {group.secrets.map((s) => (
                    <tr key={s.secretId} data-secret={s.key}>
                      {canSign ? (
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Select ${s.key} on ${title}`}
                            checked={selected.has(s.secretId)}
                            onChange={(e) => toggle(s.secretId, e.target.checked)}
                          />
                        </td>
                      ) : null}
                      <td>
                        <code>{s.key}</code>
                      </td>
                      <td className="nowrap">
                        <time dateTime={s.createdAt} title={utcText(s.createdAt)}>
                          {dateTime(s.createdAt)}
                        </time>
                      </td>
                      {canSign ? (
                        <td className={styles.actionCol}>
                          {/* Plain: it only opens the question; the red is kept for the button that deletes. */}
                          <button
                            type="button"
                            className={styles.small}
                            aria-label={`Delete ${s.key} on ${title}`}
                            onClick={() => onDelete([s])}
                          >
                            Delete
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
