import type { ReactElement } from 'react';
import { DismissibleAlert } from '../components/dismissible-alert';
import { dismissOutcome, useOutcomes, type Outcome } from './outcomes';

function Told({ outcome }: { outcome: Outcome }): ReactElement {
  return (
    <DismissibleAlert tone={outcome.tone} onDismiss={() => dismissOutcome(outcome.id)}>
      <p>
        {outcome.lead ? <strong>{outcome.lead} </strong> : null}
        {outcome.text}
        {outcome.link ? (
          <>
            {' '}
            <a href={outcome.link.href}>{outcome.link.label}</a>
          </>
        ) : null}
      </p>
    </DismissibleAlert>
  );
}

/**
 * Answers that came after their form was gone (frame/outcomes.ts), until dismissed. Good news goes
 * into a status region that is always there, so a screen reader announces what is added to it;
 * anything left to do is an alert of its own.
 */
export function OutcomeNotices(): ReactElement {
  const outcomes = useOutcomes();
  return (
    <>
      {outcomes
        .filter((o) => o.tone === 'warn')
        .map((o) => (
          <Told key={o.id} outcome={o} />
        ))}
      <div role="status">
        {outcomes
          .filter((o) => o.tone === 'good')
          .map((o) => (
            <Told key={o.id} outcome={o} />
          ))}
      </div>
    </>
  );
}
