import { useState, type ReactElement } from 'react';
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
  /** The id of the message saying what is wrong, read with the fieldset while it is invalid. */
  describedBy?: string;
}

/** The types whose objects are offered by name (the account's own); the others are all or, from JSON, ids. */
const hasPicker = (type: ScopeObjectType) => type === 'chutes' || type === 'images';
const targetsOf = (type: ScopeObjectType, targets: ScopeTargets | undefined) =>
  type === 'chutes' ? targets?.chutes : type === 'images' ? targets?.images : undefined;

/** Object type × action, each limited to chosen objects (by name; sent as UUIDs) or all of them. */
export function ScopeEditor({ rows, onChange, targets, targetsError, invalid, describedBy }: Props): ReactElement {
  const update = (id: number, patch: Partial<ScopeRowModel>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  // Chosen ids that are not the account's own (typed in the JSON tab, or kept from a rotated key):
  // they are sent, so they are shown, by id. Kept once seen, per row and type, so unticking one
  // leaves it on screen to tick again rather than pulling the list from under the pointer.
  const [seen, setSeen] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const seenKey = (row: ScopeRowModel) => `${row.id}:${row.objectType}`;
  const seenOf = (row: ScopeRowModel) => [...new Set([...(seen.get(seenKey(row)) ?? []), ...(row.ids ?? [])])];
  if (rows.some((r) => seenOf(r).length !== (seen.get(seenKey(r)) ?? []).length))
    setSeen(new Map([...seen, ...rows.map((r) => [seenKey(r), seenOf(r)] as const)]));
  const others = new Map(
    rows.map((row) => {
      const known = new Set(targetsOf(row.objectType, targets)?.map((t) => t.id));
      return [row.id, seenOf(row).filter((id) => !known.has(id))] as const;
    }),
  );
  const toggle = (row: ScopeRowModel, id: string, on: boolean) =>
    update(row.id, { ids: on ? [...(row.ids ?? []), id] : (row.ids ?? []).filter((x) => x !== id) });
  return (
    <fieldset
      className={invalid ? styles.invalid : undefined}
      aria-invalid={invalid}
      aria-describedby={invalid ? describedBy : undefined}
    >
      <legend>Scopes</legend>
      {rows.length === 0 ? <p className="muted small">No scopes yet: add one, or start from a preset.</p> : null}
      {rows.map((row, i) => {
        const list = targetsOf(row.objectType, targets);
        const other = others.get(row.id) ?? [];
        // Ids this row holds besides the account's own, each ticked while it is sent.
        const otherItems = other.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={row.ids?.includes(id) ?? false}
              onChange={(e) => toggle(row, id, e.target.checked)}
            />
            {/* One flowing line: the id, then what it is. */}
            <span>
              <code className="small">{id}</code>{' '}
              <span className="muted small">
                {list ? `not one of your ${row.objectType}` : hasPicker(row.objectType) ? 'chosen by id' : 'set by id'}
              </span>
            </span>
          </label>
        ));
        return (
          <div key={row.id} className={styles.scopeRow} role="group" aria-label={`Scope ${i + 1}`}>
            <label>
              Object type
              <select
                value={row.objectType}
                onChange={(e) => {
                  const objectType = e.target.value as ScopeObjectType;
                  // A row narrowed to chosen objects stays narrowed (to none yet), never widened to all;
                  // invocations and storage are not chosen one by one here.
                  update(row.id, { objectType, ids: row.ids === null || !hasPicker(objectType) ? null : [] });
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
              {!hasPicker(row.objectType) ? (
                row.ids === null ? (
                  <p className={`small muted ${styles.whichLine}`}>
                    All {row.objectType} (they are not chosen one by one here).
                  </p>
                ) : (
                  <div
                    className={styles.targets}
                    role="group"
                    aria-label={`Chosen ${row.objectType} for scope ${i + 1}`}
                  >
                    <p className="small muted">Only these, set by id in the JSON:</p>
                    {otherItems}
                    {row.ids.length === 0 ? <p className="small bad-text">Choose at least one.</p> : null}
                  </div>
                )
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
                            onChange={(e) => toggle(row, t.id, e.target.checked)}
                          />
                          {t.name} <code className="muted small">{t.id.slice(0, 8)}</code>
                        </label>
                      ))}
                      {otherItems}
                      {row.ids.length === 0 && ((list && list.length > 0) || other.length > 0) ? (
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
