import type { ReactElement } from 'react';
import { PlannedScreen } from '../components/planned-screen';

export function LinkHotkeyScreen(): ReactElement {
  return (
    <PlannedScreen
      title="Link hotkey"
      intro="For validators and subnet owners: prove control of a validator or subnet-owner hotkey and link it to your Chutes account."
      plans={[
        'Choose the validator or subnet-owner hotkey and sign the link message with it',
        'See whether the server you use accepts links (the public Chutes API has retired this route)',
      ]}
    />
  );
}
