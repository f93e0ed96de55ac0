import type { ReactElement } from 'react';
import styles from './api-keys.module.css';

const PROBLEMS_ID = 'key-json-problems';

export interface JsonIssue {
  path: PropertyKey[];
  message: string;
}

/** The create form's JSON tab: the exact body of POST /api_keys/, with each problem where it is. */
export function JsonRequestField({
  text,
  onChange,
  issues,
  takenName,
}: {
  text: string;
  onChange: (text: string) => void;
  issues: readonly JsonIssue[];
  /** The body's name when a key already has it. */
  takenName: string | null;
}): ReactElement {
  return (
    <label className="field">
      <strong>Request body (JSON)</strong>
      <span className="muted small">
        {' '}
        — the exact body of <code>POST /api_keys/</code>, checked by the same rules as the editor; a left-out{' '}
        <code>object_id</code> or <code>action</code> is sent as <code>null</code> (any)
      </span>
      <textarea
        className={styles.jsonArea}
        aria-label="Key request JSON"
        aria-invalid={issues.length > 0}
        // Each problem by its own id: the list's name ("JSON problems") would be read instead of them.
        aria-describedby={
          issues.length > 0
            ? issues.map((_, n) => `${PROBLEMS_ID}-${n}`).join(' ')
            : takenName !== null
              ? PROBLEMS_ID
              : undefined
        }
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
      {issues.length > 0 ? (
        <ul className="field-error" aria-label="JSON problems">
          {issues.map((i, n) => (
            <li key={`${i.path.join('.')}:${i.message}`} id={`${PROBLEMS_ID}-${n}`}>
              {i.path.length > 0 ? <code>{i.path.join('.')}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : takenName !== null ? (
        <p id={PROBLEMS_ID} className="field-error">
          A key named “{takenName}” already exists; names must be unique.
        </p>
      ) : null}
    </label>
  );
}
