import type { ReactElement } from 'react';
import type { PagingStop } from '../lib/repeated-page';
import { Notice } from './notice';

const count = (n: number) => n.toLocaleString('en-US');

function reason(stoppedBy: PagingStop, noun: string, pageCap: number, askedAgain: boolean): string {
  switch (stoppedBy) {
    case 'short-page':
      return `: the server answered a page with fewer ${noun} than it counts, so its count is off. Refresh to try again.`;
    case 'repeated-page':
      return `: the server answered a later page with the same ${noun} as an earlier one (it seems to ignore the page asked for), so no more can be listed. Refresh to try again.`;
    case 'page-cap':
      return `: listing stops after ${count(pageCap)} pages, far more than an account holds, in case the server's count never ends.`;
    case null:
      return `${askedAgain ? ', even after asking again' : ''}: the server keeps no order between pages, so ${noun} moved while they were listed. Refresh to try again.`;
  }
}

/** Items the server counted that no page returned: said, with why, rather than hidden. */
export function ListShortfall(props: {
  missing: number;
  total: number;
  /** Plural, lower case: "keys", "secrets". */
  noun: string;
  stoppedBy: PagingStop;
  pageCap: number;
  /** Whether the pages were read again to find what was missing. */
  askedAgain: boolean;
  /** What the missing ones may hide, said last. */
  risk?: string;
}): ReactElement {
  return (
    <Notice tone="warn">
      <p>
        <strong>This list is incomplete.</strong> {count(props.missing)} of the {count(props.total)} {props.noun} Chutes
        counts are missing from it{reason(props.stoppedBy, props.noun, props.pageCap, props.askedAgain)}
        {props.risk ? ` ${props.risk}` : ''}
      </p>
    </Notice>
  );
}
