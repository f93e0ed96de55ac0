import { Fragment, type ReactElement } from 'react';

/**
 * Text that may wrap only between `parts` (and wherever CSS allows when one part alone is too long
 * for the line). `<wbr>` adds no text, so what is copied or read out is the parts joined exactly.
 */
export function Breakable({ parts }: { parts: readonly string[] }): ReactElement {
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
