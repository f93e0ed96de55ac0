import type { ReactElement } from 'react';
import { CopyButton } from './copy-button';
import { Identicon } from './identicon';

/** An SS58 address shown in full (never shortened: people compare the ends), with a copy button. */
export function Address({ address, name }: { address: string; name: string }): ReactElement {
  return (
    <span className="address">
      <Identicon address={address} />
      <code className="ss58">{address}</code>
      <CopyButton text={address} label={`Copy the address of ${name}`} />
    </span>
  );
}
