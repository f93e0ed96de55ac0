import type { ReactElement } from 'react';
import type { ImportKeyResult, ImportRow } from '../../../../shared/secrets';
import { Badge, type Tone } from '../../components/badge';
import styles from './secrets.module.css';

const STATUS: Record<ImportRow['status'], { tone: Tone; text: string }> = {
  new: { tone: 'good', text: 'New' },
  exists: { tone: 'warn', text: 'Exists' },
  banned: { tone: 'bad', text: 'Banned' },
  invalid: { tone: 'bad', text: 'Invalid' },
};

const RESULT: Record<ImportKeyResult['outcome'], { tone: Tone; text: string }> = {
  created: { tone: 'good', text: 'Created' },
  replaced: { tone: 'good', text: 'Replaced' },
  'skipped-exists': { tone: 'neutral', text: 'Kept existing' },
  failed: { tone: 'bad', text: 'Failed' },
  'not-attempted': { tone: 'warn', text: 'Not sent' },
};

/** A key as the page shows it: one that looks like a bare secret is not put on screen. */
export function shownKey(row: Pick<ImportRow, 'key' | 'bareSecret'>): string {
  return row.bareSecret ? `a key that looks like a secret (${row.key.length} characters)` : row.key;
}

/** A value shown only as its length: the value itself never reaches the page. */
export function maskedLength(length: number): string {
  return length === 0 ? '(empty)' : `•••••••• ${length} character${length === 1 ? '' : 's'}`;
}

export function ImportPreviewTable({
  rows,
  chosen,
  onChoose,
  results,
  editable,
}: {
  rows: ImportRow[];
  chosen: ReadonlySet<string>;
  onChoose: (key: string, on: boolean) => void;
  results: ImportKeyResult[] | null;
  /** False once a run is complete; a created row is locked either way. */
  editable: boolean;
}): ReactElement {
  const resultOf = new Map((results ?? []).map((r) => [r.key, r]));
  return (
    <div className="table-wrap">
      <table className={styles.preview}>
        <thead>
          <tr>
            <th scope="col">Import</th>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Status</th>
            {results ? <th scope="col">Result</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const selectable = row.status === 'new' || row.status === 'exists';
            const result = resultOf.get(row.key);
            return (
              // A bare secret's text stays out of the page altogether, attributes included.
              <tr key={row.key} data-key={row.bareSecret ? undefined : row.key}>
                <td>
                  {selectable ? (
                    <input
                      type="checkbox"
                      aria-label={row.status === 'exists' ? `Replace ${shownKey(row)}` : `Import ${shownKey(row)}`}
                      checked={chosen.has(row.key)}
                      disabled={!editable || result?.outcome === 'created' || result?.outcome === 'replaced'}
                      onChange={(e) => onChoose(row.key, e.target.checked)}
                    />
                  ) : null}
                </td>
                <td>
                  {row.bareSecret ? (
                    <span className="muted">
                      <span aria-hidden="true">•••••••• </span>
                      {shownKey(row)}
                    </span>
                  ) : (
                    <code>{row.key}</code>
                  )}
                </td>
                {/* The dots are a picture of a hidden value: read out, they would be eight "bullet"s. The
                    cell may wrap after them, so in a narrow window the Status words keep their width;
                    the length stays with its unit. */}
                <td className={`muted ${styles.valueCell}`}>
                  {row.valueLength === 0 ? (
                    maskedLength(0)
                  ) : (
                    <>
                      <span aria-hidden="true">•••••••• </span>
                      <span className="nowrap">{maskedLength(row.valueLength).replace(/^•+ /, '')}</span>
                    </>
                  )}
                </td>
                <td className={styles.statusCell}>
                  <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].text}</Badge>
                  {row.status === 'exists' ? (
                    <span className="small muted">
                      {chosen.has(row.key) ? ' — the current value will be replaced' : ' — tick to replace it'}
                    </span>
                  ) : null}
                  {row.why ? <div className="small">{row.why}</div> : null}
                  {row.notes?.map((note) => (
                    <div key={note} className={`small ${styles.rowNote}`}>
                      {note}
                    </div>
                  ))}
                </td>
                {results ? (
                  <td>
                    {result ? (
                      <Badge tone={RESULT[result.outcome].tone}>{RESULT[result.outcome].text}</Badge>
                    ) : (
                      <span className="small muted">
                        {selectable ? 'Not chosen' : `Skipped (${STATUS[row.status].text.toLowerCase()})`}
                      </span>
                    )}
                    {result?.message ? <div className="small">{result.message}</div> : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
