import { Fragment, type ReactElement } from 'react';

/**
 * Text that may also wrap between `parts`, where it has no space or hyphen to break at (a JSON
 * argument, an address). `<wbr>` adds no text, so what is copied or read out is the parts joined.
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
