import { Fragment, type ReactElement } from 'react';
import { hrefTo } from '../routes';

const SCREEN = 'Profiles & hotkeys';

/**
 * Messages from main mark commands and names with backticks; they are shown as code, not as
 * backticks. The screen most of them send you to (where seeds and profiles are fixed) is a link to it.
 */
export function WithCode({ text }: { text: string }): ReactElement {
  const parts = text.split(/`([^`\n]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i}>{part}</code>
        ) : (
          <Fragment key={i}>
            {part.split(SCREEN).map((piece, j) => (
              <Fragment key={j}>
                {j > 0 ? <a href={hrefTo('accounts')}>{SCREEN}</a> : null}
                {piece}
              </Fragment>
            ))}
          </Fragment>
        ),
      )}
    </>
  );
}
