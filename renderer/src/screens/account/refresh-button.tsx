import { useState, type ReactElement } from 'react';
import { timeOnly } from '../../lib/date-time';
import styles from './account.module.css';

/**
 * A section's Refresh. While its answer is read it stays focusable (aria-disabled, clicks ignored):
 * a disabled button drops keyboard focus to the page. Its name says what it refreshes (four sit on
 * one screen), and a polite status says when the answer it asked for came.
 */
export function RefreshButton({
  what,
  fetching,
  canSign,
  onRefresh,
  updatedAt = 0,
}: {
  /** "overview": the button is "Refresh overview". */
  what: string;
  fetching: boolean;
  canSign: boolean;
  onRefresh: () => void;
  /** When the answer on screen was read (the query's dataUpdatedAt), 0 before any. */
  updatedAt?: number;
}): ReactElement {
  const [askedAt, setAskedAt] = useState<number | null>(null);
  const done = askedAt !== null && !fetching && updatedAt >= askedAt;
  return (
    <>
      {/* Always there, so the words are announced when they come; the visible "As of" says the same. */}
      <span role="status" className="sr-only">
        {done
          ? `${what[0]?.toUpperCase()}${what.slice(1)} updated at ${timeOnly(new Date(updatedAt).toISOString())}`
          : ''}
      </span>
      <button
        type="button"
        className={styles.refresh}
        aria-label={`${fetching ? 'Refreshing' : 'Refresh'} ${what}`}
        aria-disabled={fetching || undefined}
        disabled={!canSign}
        onClick={() => {
          if (fetching) return;
          setAskedAt(Date.now());
          onRefresh();
        }}
      >
        {fetching ? 'Refreshing…' : 'Refresh'}
      </button>
    </>
  );
}
