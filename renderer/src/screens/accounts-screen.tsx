import type { ReactElement } from 'react';
import { PlannedScreen } from '../components/planned-screen';

export function AccountsScreen(): ReactElement {
  return (
    <PlannedScreen
      title="Accounts"
      intro="Your Bittensor wallets and hotkeys, and the Chutes profiles that use them."
      plans={[
        'See the wallets and hotkeys found in your Bittensor wallets folder',
        'Move a hotkey seed into the operating system keychain, so it is no longer in a plain file',
        'Import the profile the chutes CLI saved in config.ini, or export one for the CLI',
        'Switch between profiles (for example production and a local sandbox)',
      ]}
    />
  );
}
