import type { ReactElement, ReactNode } from 'react';
import type { DeleteOutcome } from '../../../shared/delete-outcome';
import styles from './delete-results.module.css';

/** One wording for every batch delete (API keys, secrets). */
const OUTCOME_TEXT: Record<DeleteOutcome, string> = {
  deleted: 'deleted',
  'already-gone': 'already gone (nothing left to delete)',
  failed: 'not deleted',
};

/** "Done: 3 deleted, 1 already gone." or "2 deleted; 1 not deleted." */
export function deleteSummary(outcomes: readonly DeleteOutcome[]): string {
  const count = (outcome: DeleteOutcome) => outcomes.filter((o) => o === outcome).length;
  // Grouped ("10,001"): a batch of API keys can be 100,000.
  const n = (value: number) => value.toLocaleString('en-US');
  const gone = count('already-gone');
  const done = `${n(count('deleted'))} deleted${gone > 0 ? `, ${n(gone)} already gone` : ''}`;
  const failed = count('failed');
  return failed > 0 ? `${done}; ${n(failed)} not deleted.` : `Done: ${done}.`;
}

export interface DeleteResultItem {
  id: string;
  /** What was deleted, as the user knows it (a key's name, a secret and its chute). */
  label: ReactNode;
  outcome: DeleteOutcome;
  message?: string;
}

/**
 * A line per item: what it is, what happened, and why when it was not deleted. Failures come first
 * (in their order, then the rest in theirs): in a list of thousands they are what needs acting on.
 */
export function DeleteResultList({
  items,
  label,
}: {
  items: readonly DeleteResultItem[];
  label: string;
}): ReactElement {
  return (
    // Focusable: past a dozen or so it scrolls, and a keyboard must be able to scroll it.
    <ul className={styles.results} aria-label={label} tabIndex={0}>
      {[...items.filter((i) => i.outcome === 'failed'), ...items.filter((i) => i.outcome !== 'failed')].map((item) => (
        <li key={item.id}>
          <strong>{item.label}</strong> —{' '}
          <span className={item.outcome === 'failed' ? 'bad-text' : 'ok-text'}>{OUTCOME_TEXT[item.outcome]}</span>
          {item.message ? `: ${item.message}` : ''}
        </li>
      ))}
    </ul>
  );
}
