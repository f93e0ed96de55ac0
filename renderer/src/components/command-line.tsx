import { Fragment, type ReactElement } from 'react';
import { CopyButton } from './copy-button';
import styles from './command-line.module.css';

/**
 * A line break may fall after each comma, colon or slash: a long JSON argument then wraps between
 * its fields ("action":"invoke") rather than inside a word ("actio|n").
 */
const breakPoints = (text: string): string[] => text.split(/(?<=[,:/])/);

/** An id (UUID) in a command: browsers would break it after a hyphen; it moves whole to the next line instead. */
const ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** One part between break points, its ids kept whole (`<wbr>` and the span add no text to what is copied). */
function KeepIds({ text }: { text: string }): ReactElement {
  return (
    <>
      {text.split(ID).map((piece, i) =>
        i % 2 === 1 ? (
          <span key={i} className={styles.id}>
            {piece}
          </span>
        ) : (
          piece
        ),
      )}
    </>
  );
}

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
        {breakPoints(command).map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? <wbr /> : null}
            <KeepIds text={part} />
          </Fragment>
        ))}
      </pre>
    </div>
  );
}
