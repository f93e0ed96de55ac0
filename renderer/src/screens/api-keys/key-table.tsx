import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactElement } from 'react';
import type { ApiKeyView } from '../../../../shared/api-keys';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { hrefTo } from '../../routes';
import styles from './api-keys.module.css';
import { dateTime, instantMs, utcText } from '../../lib/date-time';
import { chipsSource, fitChips, scopeChips, searchText, shortId } from './scope-text';
import { useWidth } from '../../lib/use-width';
import { visibleText } from '../../../../shared/visible-text';

export type KeyFilter = 'all' | 'admin' | 'scoped' | 'chutes' | 'images' | 'invocations';
export type KeySort = 'created-desc' | 'created-asc' | 'name-asc' | 'name-desc';

const ROW_HEIGHT = 56;
/** About the width of one character of chip text (0.8rem), for how many chips a row has room for. */
const CHIP_CHAR_PX = 7;
const count = (n: number) => n.toLocaleString('en-US');

function matches(key: ApiKeyView, filter: KeyFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'admin') return key.admin;
  if (filter === 'scoped') return !key.admin;
  return !key.admin && key.scopes.some((s) => s.objectType === filter);
}

function compare(sort: KeySort): (a: ApiKeyView, b: ApiKeyView) => number {
  switch (sort) {
    case 'created-desc':
      return (a, b) => instantMs(b.createdAt) - instantMs(a.createdAt) || a.name.localeCompare(b.name);
    case 'created-asc':
      return (a, b) => instantMs(a.createdAt) - instantMs(b.createdAt) || a.name.localeCompare(b.name);
    case 'name-asc':
      return (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true });
    case 'name-desc':
      return (a, b) => b.name.localeCompare(a.name, undefined, { numeric: true });
  }
}

export interface KeyTableProps {
  keys: ApiKeyView[];
  selected: ReadonlySet<string>;
  onSelect: (next: Set<string>) => void;
  /** More pages are coming: the progress line counts the keys, so an unfiltered count would say it twice. */
  paging?: boolean;
  /** Why the selection cannot change now (a delete of it is open), said beside the locked checkboxes. */
  selectionLocked?: string;
}

const LOCKED_NOTE_ID = 'key-selection-locked';

/** Every key, searched/filtered/sorted here (the server ignores a name filter), only visible rows in the DOM. */
export function KeyTable({ keys, selected, onSelect, paging = false, selectionLocked }: KeyTableProps): ReactElement {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<KeyFilter>('all');
  const [sort, setSort] = useState<KeySort>('created-desc');
  const index = useMemo(() => new Map(keys.map((k) => [k.id, searchText(k)])), [keys]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return keys.filter((k) => matches(k, filter) && (!q || (index.get(k.id) ?? '').includes(q))).sort(compare(sort));
  }, [keys, index, query, filter, sort]);

  const scroller = useRef<HTMLDivElement>(null);
  const scopesHeader = useRef<HTMLSpanElement>(null);
  const scopesWidth = useWidth(scopesHeader);
  const chipBudget = scopesWidth === null ? undefined : Math.floor(scopesWidth / CHIP_CHAR_PX);
  // The virtualiser re-renders this component itself on scroll; the compiler only skips memoising it here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const allShownSelected = shown.length > 0 && shown.every((k) => selected.has(k.id));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    onSelect(next);
  };

  return (
    <div className={styles.tableBlock}>
      <div className={styles.toolbar} role="search">
        <input
          type="search"
          aria-label="Search keys"
          placeholder="Search by name, id or scope"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {/* Named by exactly its visible word (WCAG 2.5.3); set, so the option inside the label is not read into it. */}
        <label>
          Show{' '}
          <select aria-label="Show" value={filter} onChange={(e) => setFilter(e.target.value as KeyFilter)}>
            <option value="all">All keys</option>
            <option value="admin">Admin keys</option>
            <option value="scoped">Scoped keys</option>
            <option value="chutes">Scoped: chutes</option>
            <option value="images">Scoped: images</option>
            <option value="invocations">Scoped: invocations</option>
          </select>
        </label>
        <label>
          Sort{' '}
          <select aria-label="Sort keys" value={sort} onChange={(e) => setSort(e.target.value as KeySort)}>
            <option value="created-desc">Newest first</option>
            <option value="created-asc">Oldest first</option>
            <option value="name-asc">Name A–Z</option>
            <option value="name-desc">Name Z–A</option>
          </select>
        </label>
        <span className="muted small" role="status" aria-label="Shown keys">
          {shown.length !== keys.length
            ? `${count(shown.length)} of ${count(keys.length)} keys`
            : paging
              ? ''
              : `${count(keys.length)} ${keys.length === 1 ? 'key' : 'keys'}`}
        </span>
      </div>
      {selectionLocked ? (
        <p id={LOCKED_NOTE_ID} className="small muted">
          {selectionLocked}
        </p>
      ) : null}
      <div role="table" aria-label="API keys" aria-rowcount={shown.length + 1} className={styles.table}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.headRow}`}>
            <span role="columnheader" className={styles.cellSelect}>
              <input
                type="checkbox"
                aria-label="Select all shown keys"
                checked={allShownSelected}
                disabled={selectionLocked !== undefined}
                aria-describedby={selectionLocked ? LOCKED_NOTE_ID : undefined}
                onChange={() => {
                  const next = new Set(selected);
                  for (const k of shown) {
                    if (allShownSelected) next.delete(k.id);
                    else next.add(k.id);
                  }
                  onSelect(next);
                }}
              />
            </span>
            <span role="columnheader">Name</span>
            <span role="columnheader">ID</span>
            <span role="columnheader">Access</span>
            <span role="columnheader" ref={scopesHeader}>
              Scopes
            </span>
            <span role="columnheader">Created</span>
          </div>
        </div>
        <div ref={scroller} className={styles.scroller} data-testid="key-scroller">
          <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const key = shown[item.index];
              if (!key) return null;
              const chips = scopeChips(key);
              const fitted = fitChips(chips, chipBudget);
              const source = chipsSource(chips, key.local !== null && !key.admin);
              const name = visibleText(key.name);
              return (
                <div
                  key={key.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-label={`Key ${name}`}
                  aria-selected={selected.has(key.id)}
                  className={styles.row}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <span role="cell" className={styles.cellSelect}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      checked={selected.has(key.id)}
                      disabled={selectionLocked !== undefined}
                      aria-describedby={selectionLocked ? LOCKED_NOTE_ID : undefined}
                      onChange={() => toggle(key.id)}
                    />
                  </span>
                  <span role="cell" className={styles.nameCell}>
                    <a href={hrefTo('api-keys', key.id)}>{name}</a>
                  </span>
                  <span role="cell" className={styles.idCell}>
                    <code title={key.id}>{shortId(key.id)}</code>
                    <CopyButton text={key.id} label={`Copy id of ${name}`} />
                  </span>
                  <span role="cell">
                    {key.admin ? <Badge tone="warn">Admin</Badge> : <Badge tone="neutral">Scoped</Badge>}
                    {key.replacedBy ? (
                      <>
                        {' '}
                        <Badge tone="warn">Rotation not finished</Badge>
                      </>
                    ) : null}
                  </span>
                  <span role="cell" className={styles.scopesCell} title={chips.map((c) => c.text).join('\n')}>
                    {source ? <span className="sr-only">{source} </span> : null}
                    <span className={styles.chips}>
                      {fitted.shown.map((c) => (
                        <span
                          key={c.text}
                          className={c.actionKnown ? styles.chip : `${styles.chip} ${styles.chipUnknown}`}
                          title={
                            c.actionKnown
                              ? key.local
                                ? 'Action recorded by this app when it created the key'
                                : undefined
                              : 'Chutes does not report the action (the key was not made by this app here)'
                          }
                        >
                          {c.text}
                        </span>
                      ))}
                    </span>
                    {fitted.more > 0 ? (
                      <span className={`${styles.chip} ${styles.chipMore}`}>
                        +{fitted.more}
                        <span className="sr-only">
                          {' '}
                          more:{' '}
                          {chips
                            .slice(fitted.shown.length)
                            .map((c) => c.text)
                            .join('; ')}
                        </span>
                      </span>
                    ) : null}
                  </span>
                  <span role="cell" className="small nowrap" title={utcText(key.createdAt)}>
                    {dateTime(key.createdAt)}
                  </span>
                </div>
              );
            })}
          </div>
          {shown.length === 0 ? (
            <p className={`empty ${styles.tableEmpty}`}>
              {keys.length === 0 ? 'No API keys yet.' : 'No key matches the search and filter.'}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
