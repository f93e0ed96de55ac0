import type { ReactElement } from 'react';
import {
  SCOPE_ACTIONS,
  SCOPE_OBJECT_TYPES,
  type ScopeAction,
  type ScopeObjectType,
  type ScopeTargets,
} from '../../../../shared/api-keys';
import styles from './api-keys.module.css';
import { newRow, type ScopeRowModel } from './scope-rows';

interface Props {
  rows: ScopeRowModel[];
  onChange: (rows: ScopeRowModel[]) => void;
  targets: ScopeTargets | undefined;
  targetsError: boolean;
  invalid: boolean;
}

const targetsOf = (type: ScopeObjectType, targets: ScopeTargets | undefined) =>
  type === 'chutes' ? targets?.chutes : type === 'images' ? targets?.images : undefined;

/** Object type × action, each limited to chosen objects (by name; sent as UUIDs) or all of them. */
export function ScopeEditor({ rows, onChange, targets, targetsError, invalid }: Props): ReactElement {
  const update = (id: number, patch: Partial<ScopeRowModel>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className={invalid ? styles.invalid : undefined} aria-invalid={invalid}>
      <legend>Scopes</legend>
      {rows.length === 0 ? <p className="muted small">No scopes yet: add one, or start from a preset.</p> : null}
      {rows.map((row, i) => {
        const list = targetsOf(row.objectType, targets);
        return (
          <div key={row.id} className={styles.scopeRow} role="group" aria-label={`Scope ${i + 1}`}>
            <label>
              Object type
              <select
                value={row.objectType}
                onChange={(e) => {
                  const objectType = e.target.value as ScopeObjectType;
                  // A row narrowed to chosen objects stays narrowed (to none yet), never widened to all;
                  // invocations are not chosen one by one.
                  update(row.id, { objectType, ids: row.ids === null || objectType === 'invocations' ? null : [] });
                }}
              >
                {SCOPE_OBJECT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Action
              <select
                value={row.action ?? 'any'}
                onChange={(e) =>
                  update(row.id, { action: e.target.value === 'any' ? null : (e.target.value as ScopeAction) })
                }
              >
                <option value="any">any action</option>
                {SCOPE_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
            {/* Captioned like the selects beside it, so its choices sit level with them. */}
            <div className={styles.scopeTargets}>
              <span id={`scope-${row.id}-which`}>Which {row.objectType}</span>
              {row.objectType === 'invocations' ? (
                <p className={`small muted ${styles.whichLine}`}>All invocations (they are not chosen one by one).</p>
              ) : (
                <>
                  <div role="radiogroup" aria-labelledby={`scope-${row.id}-which`} className={styles.whichLine}>
                    <label className={`small ${styles.which}`}>
                      <input
                        type="radio"
                        name={`which-${row.id}`}
                        checked={row.ids === null}
                        onChange={() => update(row.id, { ids: null })}
                      />
                      All {row.objectType}
                    </label>
                    <label className={`small ${styles.which}`}>
                      <input
                        type="radio"
                        name={`which-${row.id}`}
                        checked={row.ids !== null}
                        onChange={() => update(row.id, { ids: [] })}
                      />
                      Only chosen {row.objectType}
                    </label>
                  </div>
                  {row.ids !== null ? (
                    <div
                      className={styles.targets}
                      role="group"
                      aria-label={`Chosen ${row.objectType} for scope ${i + 1}`}
                    >
                      {targetsError ? (
                        <p className="small bad-text">Could not load your {row.objectType}; try again later.</p>
                      ) : null}
                      {list === undefined && !targetsError ? (
                        <p className="small muted">Loading your {row.objectType}…</p>
                      ) : null}
                      {list?.length === 0 ? (
                        <p className="small muted">This account has no {row.objectType} yet.</p>
                      ) : null}
                      {list?.map((t) => (
                        <label key={t.id}>
                          <input
                            type="checkbox"
                            checked={row.ids?.includes(t.id) ?? false}
                            onChange={(e) =>
                              update(row.id, {
                                ids: e.target.checked
                                  ? [...(row.ids ?? []), t.id]
                                  : (row.ids ?? []).filter((x) => x !== t.id),
                              })
                            }
                          />
                          {t.name} <code className="muted small">{t.id.slice(0, 8)}</code>
                        </label>
                      ))}
                      {row.ids.length === 0 && list && list.length > 0 ? (
                        <p className="small bad-text">Choose at least one.</p>
                      ) : null}
                    </div>
                  ) : null}
                </>
              )}
            </div>
            <button
              type="button"
              className={`danger ${styles.removeScope}`}
              aria-label={`Remove scope ${i + 1}`}
              onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <div className="actions" style={{ marginTop: '0.5rem' }}>
        <button
          type="button"
          onClick={() => onChange([...rows, newRow({ objectType: 'chutes', action: 'invoke', ids: null })])}
        >
          Add scope
        </button>
      </div>
    </fieldset>
  );
}
