import type { ReactElement } from 'react';
import { LINK_PROBE_EXPLAINED, type LinkCapability } from '../../../../shared/link';
import { ErrorNotice } from '../../components/error-notice';
import { dateTime } from '../../lib/date-time';
import { Notice } from '../../components/notice';
import { WhatExistsInstead } from './what-exists-instead';
import styles from './link.module.css';

interface Props {
  host: string;
  capability: LinkCapability | undefined;
  error: Error | null;
  checking: boolean;
  onRecheck: () => void;
}

/** Whether the active server offers linking, said before the user does any work, with how it was found out. */
export function CapabilityPanel({ host, capability, error, checking, onRecheck }: Props): ReactElement {
  const recheck = (
    <button type="button" onClick={onRecheck} disabled={checking}>
      {checking ? 'Checking…' : 'Check again'}
    </button>
  );
  // The HTTP details are for whoever wants to verify the verdict, not the first thing to read.
  const probeLine = (
    <details className={`small muted ${styles.probe}`}>
      <summary>How this was checked</summary>
      <p>{LINK_PROBE_EXPLAINED}</p>
    </details>
  );
  const evidence = (text: string) => (
    <details className="small">
      <summary>The server&apos;s answer</summary>
      <p>{text}</p>
    </details>
  );
  if (!capability) {
    return (
      <section className="card" aria-label="Does this server offer linking?">
        {error ? (
          <ErrorNotice error={error} />
        ) : (
          <p role="status">Checking whether Chutes at {host} offers hotkey linking…</p>
        )}
        <div className="actions">{error ? recheck : null}</div>
        {probeLine}
      </section>
    );
  }
  const when = dateTime(capability.checkedAt, { seconds: true });
  return (
    <section className="card" aria-label="Does this server offer linking?">
      {capability.offered ? (
        <Notice tone="good">
          <p>
            <strong>Chutes at {host} offers hotkey linking.</strong>
          </p>
          {evidence(capability.evidence)}
        </Notice>
      ) : (
        <Notice tone="warn">
          <p>
            <strong>Chutes at {host} does not offer hotkey linking.</strong> The link routes were removed from the
            Chutes API on 2025-07-23, and the <code>chutes link</code> command from the CLI on 2025-08-13, so there is
            nothing to fill in here.
          </p>
          {evidence(capability.evidence)}
          <WhatExistsInstead />
        </Notice>
      )}
      <div className="row">
        <span className="small muted">
          Checked {when}
          {capability.cached ? ' (remembered for this server)' : ''}.
        </span>
        {recheck}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {probeLine}
    </section>
  );
}
