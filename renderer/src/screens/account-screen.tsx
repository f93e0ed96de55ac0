import type { ReactElement } from 'react';
import { PlannedScreen } from '../components/planned-screen';

export function AccountScreen(): ReactElement {
  return (
    <PlannedScreen
      title="Account"
      intro="Your balance, quotas and usage."
      plans={['See your balance and the address to top it up', 'See your daily quotas and subscription', 'Browse usage by hour and by chute']}
    />
  );
}
