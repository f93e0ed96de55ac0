import type { ReactElement } from 'react';
import { DismissibleAlert } from '../components/dismissible-alert';
import { dismissOutcome, useOutcomes } from './outcomes';

/** Answers that came after their form was gone (frame/outcomes.ts), until dismissed. */
export function OutcomeNotices(): ReactElement {
  const outcomes = useOutcomes();
  return (
    <>
      {outcomes.map((o) => (
        <DismissibleAlert key={o.id} tone={o.tone} onDismiss={() => dismissOutcome(o.id)}>
          <p>{o.text}</p>
        </DismissibleAlert>
      ))}
    </>
  );
}
