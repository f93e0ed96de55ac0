import type { ReactElement } from 'react';
import { Breakable } from './breakable';
import { CopyButton } from './copy-button';
import styles from './command-line.module.css';

/**
 * A line break may fall after each comma, colon or slash: a long JSON argument then wraps between
 * its fields ("action":"invoke") rather than inside a word ("actio|n").
 */
const breakPoints = (text: string): string[] => text.split(/(?<=[,:/])/);

/** The `chutes` CLI command doing what this screen does (never with a value). */
export function CommandLine({
  command,
  label = 'Same with the chutes CLI',
}: {
  command: string;
  label?: string;
}): ReactElement {
  return (
    <div className={styles.command}>
      <div className={styles.head}>
        <span className="small muted">{label}</span>
        <CopyButton text={command} label={`Copy the command: ${label}`} />
      </div>
      <pre className={`command ${styles.line}`} aria-label={label}>
        <Breakable parts={breakPoints(command)} />
      </pre>
    </div>
  );
}
