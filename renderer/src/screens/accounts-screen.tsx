import type { ReactElement } from 'react';
import { Notice } from '../components/notice';
import { WithCode } from '../components/with-code';
import { ScreenHeader } from '../components/screen-header';
import { CliConfigWarning } from './accounts/cli-config-warning';
import { ProfilesSection } from './accounts/profiles-section';
import { WalletsSection } from './accounts/wallets-section';
import { useChannel } from '../api/hooks';
import { useWallets } from '../api/use-wallets';

export function AccountsScreen(): ReactElement {
  const wallets = useWallets();
  const profiles = useChannel('listProfiles', {});
  const keychain = wallets.data?.keychain;
  return (
    <section>
      <ScreenHeader title="Profiles & hotkeys">
        Your Chutes profiles, and the Bittensor hotkeys that sign for them.
      </ScreenHeader>
      {keychain?.waiting ? (
        <Notice tone="info">
          <p>
            <strong>Waiting for the system keychain.</strong> <WithCode text={keychain.message ?? ''} />
          </p>
          {keychain.hint ? <p className="small">{keychain.hint}</p> : null}
        </Notice>
      ) : keychain && !keychain.available ? (
        <Notice tone="warn">
          <p>
            <strong>The system keychain is not available.</strong> <WithCode text={keychain.message ?? ''} />
          </p>
          {keychain.hint ? (
            <p className="small">
              <WithCode text={keychain.hint} />
            </p>
          ) : null}
          <p>
            {/* Both lists say what the keychain holds: the profiles' badges and signing follow it too. */}
            <button
              type="button"
              onClick={() => {
                void wallets.refetch();
                void profiles.refetch();
              }}
              disabled={wallets.isFetching}
            >
              {wallets.isFetching ? 'Checking…' : 'Check the keychain again'}
            </button>
          </p>
        </Notice>
      ) : null}
      <CliConfigWarning />
      <ProfilesSection view={profiles.data} error={profiles.error} />
      <WalletsSection view={wallets.data} error={wallets.error} onRescan={() => void wallets.refetch()} />
    </section>
  );
}
