import { useState, type ReactElement } from 'react';
import type { KeychainSeed } from '../../../../shared/keychain';
import { Address } from '../../components/address';
import { AccountLookupPanel } from './account-lookup-panel';
import { RemoveSeedConfirm } from './remove-seed-confirm';
import styles from './accounts.module.css';

function KeychainOnlyItem({ seed }: { seed: KeychainSeed }): ReactElement {
  const address = seed.ss58;
  const name = seed.label ?? 'unnamed hotkey';
  const [lookup, setLookup] = useState(false);
  const [removing, setRemoving] = useState(false);
  return (
    <li className={styles.hotkey} aria-label={`Hotkey ${address}`}>
      <span className={styles.hotkeyName}>
        {name}
        <span className="small muted"> (no file here)</span>
      </span>
      <div className={styles.hotkeyBody}>
        <Address address={address} name={`hotkey ${address}`} />
        <div className="actions">
          <button
            type="button"
            onClick={() => setLookup(!lookup)}
            aria-expanded={lookup}
            aria-label={`Look up account: ${address}`}
          >
            Look up account
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setRemoving(!removing)}
            aria-expanded={removing}
            aria-label={`Remove from keychain: ${address}`}
          >
            Remove from keychain…
          </button>
        </div>
        {removing ? (
          <RemoveSeedConfirm
            hotkey={address}
            label={`${name} (${address})`}
            walletFile={null}
            onDone={() => setRemoving(false)}
          />
        ) : null}
        {lookup ? <AccountLookupPanel hotkey={address} hotkeyName={seed.label ?? 'default'} /> : null}
      </div>
    </li>
  );
}

/** Seeds the keychain holds for hotkeys with no file in this wallets folder (imported from elsewhere). */
export function KeychainOnlyList({ seeds }: { seeds: KeychainSeed[] }): ReactElement | null {
  if (seeds.length === 0) return null;
  return (
    <article className={styles.wallet} aria-label="Keychain only">
      <div className={styles.walletHead}>
        <h3>In the keychain only</h3>
        <span className="small muted">Seeds imported from a CLI config or a hotkey file outside this folder</span>
      </div>
      <ul className={styles.hotkeys} aria-label="Hotkeys in the keychain only">
        {seeds.map((s) => (
          <KeychainOnlyItem key={s.ss58} seed={s} />
        ))}
      </ul>
    </article>
  );
}
