import type { ReactElement } from 'react';
import { groupsOf } from '../lib/groups-of';
import styles from './grouped-secret.module.css';

const GROUP = 4;

/**
 * Something shown once that people may copy by hand (a fingerprint, typed into the web login): in
 * groups of four with space between them, so a character is not skipped or doubled. (An API key's
 * secret is longer, has dots, and is always pasted: it is shown whole.) The space is margin,
 * not text, so selecting and copying the value gives it exactly.
 */
export function GroupedSecret({
  text,
  label,
  className,
}: {
  text: string;
  label: string;
  className?: string;
}): ReactElement {
  const groups = groupsOf(text, GROUP);
  return (
    <code className={`${styles.grouped} ${className ?? ''}`} aria-label={label}>
      {groups.map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </code>
  );
}
