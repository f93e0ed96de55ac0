import { useState, type ReactElement } from 'react';
import { useCall } from '../../api/use-call';
import { Address } from '../../components/address';
import { ErrorNotice } from '../../components/error-notice';
import { AccountLookupPanel } from './account-lookup-panel';

function KeychainOnlyItem({ address }: { address: string }): ReactElement {
  const [lookup, setLookup] = useState(false);
  const remove = useCall('removeHotkeySeed', ['wallets', 'profiles']);
  return (
    <li className="hotkey" aria-label={`Hotkey ${address}`}>
      <span className="hotkey-name muted">(no file here)</span>
      <div className="hotkey-body">
        <Address address={address} name={`hotkey ${address}`} />
        <div className="actions">
          <button type="button" onClick={() => setLookup(!lookup)} aria-expanded={lookup} aria-label={`Look up account: ${address}`}>
            Look up account
          </button>
          <button type="button" className="danger" onClick={() => remove.mutate({ hotkey: address })} aria-label={`Remove from keychain: ${address}`}>
            Remove from keychain
          </button>
        </div>
        {remove.error ? <ErrorNotice error={remove.error} /> : null}
        {lookup ? <AccountLookupPanel hotkey={address} hotkeyName="imported" /> : null}
      </div>
    </li>
  );
}

/** Seeds the keychain holds for hotkeys with no file in this wallets folder (imported from elsewhere). */
export function KeychainOnlyList({ addresses }: { addresses: string[] }): ReactElement | null {
  if (addresses.length === 0) return null;
  return (
    <article className="wallet" aria-label="Keychain only">
      <div className="wallet-head">
        <h3>In the keychain only</h3>
        <span className="small muted">Seeds imported from a CLI config or a hotkey file outside this folder</span>
      </div>
      <ul className="hotkeys" aria-label="Hotkeys in the keychain only">
        {addresses.map((a) => (
          <KeychainOnlyItem key={a} address={a} />
        ))}
      </ul>
    </article>
  );
}
