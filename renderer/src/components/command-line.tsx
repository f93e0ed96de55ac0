import type { ReactElement } from 'react';
import { CopyButton } from './copy-button';
import styles from './command-line.module.css';

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
      <pre className="command" aria-label={label}>
        {command}
      </pre>
    </div>
  );
}
