import type { ReactElement } from 'react';
import { groupsOf } from '../lib/groups-of';
import { Breakable } from './breakable';
import { CopyButton } from './copy-button';
import { Identicon } from './identicon';

/**
 * An SS58 address shown in full (never shortened: people compare the ends), with a copy button.
 * Too long for its line, it wraps between groups of 12, as in Settings → Activity, not mid-group.
 */
export function Address({ address, name }: { address: string; name: string }): ReactElement {
  return (
    <span className="address">
      <Identicon address={address} />
      <code className="ss58">
        <Breakable parts={groupsOf(address, 12)} />
      </code>
      <CopyButton text={address} label={`Copy the address of ${name}`} />
    </span>
  );
}
