import type { ReactElement } from 'react';
import { PlannedScreen } from '../components/planned-screen';

export function RegisterScreen(): ReactElement {
  return (
    <PlannedScreen
      title="Register"
      intro="Create a Chutes account bound to one of your hotkeys, step by step."
      plans={[
        'Pick a wallet and hotkey, and check that a username is free as you type',
        'Get a registration token in your browser and paste it here',
        'See your account fingerprint once, with a copy button, and keep it safe',
      ]}
    />
  );
}
