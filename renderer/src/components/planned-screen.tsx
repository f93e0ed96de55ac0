import type { ReactElement, ReactNode } from 'react';
import { ScreenHeader } from './screen-header';

/** An honest empty screen: what will be here, and nothing pretending to work. */
export function PlannedScreen({
  title,
  intro,
  plans,
}: {
  title: string;
  intro: ReactNode;
  plans: string[];
}): ReactElement {
  return (
    <section aria-labelledby="screen-title">
      <ScreenHeader title={title}>{intro}</ScreenHeader>
      <div className="card planned" role="note">
        <h2 id="screen-title">Not built yet</h2>
        <p>This screen is planned. When it is ready, you will be able to:</p>
        <ul>
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
