import { useState, type ReactElement } from 'react';
import type { KeychainSeed } from '../../../../shared/keychain';
import { useChannel } from '../../api/hooks';
import { Address } from '../../components/address';
import { Badge } from '../../components/badge';
import { dateTime, utcText } from '../../lib/date-time';
import { profileLabel } from '../../frame/profile-switcher';
import { AccountLookupPanel } from './account-lookup-panel';
import { RemoveSeedConfirm } from './remove-seed-confirm';
import styles from './accounts.module.css';
import { shortAddress } from '../../lib/short-address';

function KeychainOnlyItem({
  seed,
  usedBy,
  confirmed,
}: {
  seed: KeychainSeed;
  usedBy: string[];
  confirmed: boolean;
}): ReactElement {
  const address = seed.ss58;
  const name = seed.label ?? 'unnamed hotkey';
  // Named as people tell rows apart (a name and both ends of the address), not by 48 characters.
  const named = `${name} (${shortAddress(address)})`;
  // One panel at a time: an old look-up result must not sit under a removal question.
  const [open, setOpen] = useState<'lookup' | 'remove' | null>(null);
  const lookup = open === 'lookup';
  const removing = open === 'remove';
  return (
    <li className={styles.hotkey} aria-label={`Hotkey ${named}`}>
      <span className={styles.hotkeyName}>
        {name}
        <span className="small muted"> (no file here)</span>
        {/* Seeds imported from different places often share a name ("default"): when each was added tells them apart. */}
        {seed.addedAt ? (
          <span className={`small muted ${styles.usedBy}`} title={utcText(seed.addedAt)}>
            added {dateTime(seed.addedAt)}
          </span>
        ) : null}
        {usedBy.length > 0 ? <span className={`small muted ${styles.usedBy}`}>used by {usedBy.join(', ')}</span> : null}
      </span>
      <div className={styles.hotkeyBody}>
        <Address address={address} name={`hotkey ${address}`} />
        {confirmed ? null : (
          <div className="badges">
            <Badge tone="neutral" title="See the notice at the top of the screen">
              Not confirmed
            </Badge>
            <span className="small muted">Last seen in the keychain; it has not answered since.</span>
          </div>
        )}
        <div className="actions">
          <button
            type="button"
            onClick={() => setOpen(lookup ? null : 'lookup')}
            aria-expanded={lookup}
            aria-label={`Look up account: ${named}`}
          >
            Look up account
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setOpen(removing ? null : 'remove')}
            aria-expanded={removing}
            aria-label={`Remove from keychain: ${named}`}
          >
            Remove from keychain…
          </button>
        </div>
        {removing ? (
          <RemoveSeedConfirm
            hotkey={address}
            label={`${name} (${address})`}
            // Both ends, which people compare; the full address is on the row just above.
            shownLabel={named}
            walletFile={null}
            onDone={() => setOpen(null)}
          />
        ) : null}
        {lookup ? <AccountLookupPanel hotkey={address} hotkeyName={seed.label ?? 'default'} shownAs={named} /> : null}
      </div>
    </li>
  );
}

/** Seeds the keychain holds for hotkeys with no file in this wallets folder (imported from elsewhere). */
export function KeychainOnlyList({
  seeds,
  confirmed,
}: {
  seeds: KeychainSeed[];
  /** false: the rows last seen, while the keychain does not answer. */
  confirmed: boolean;
}): ReactElement | null {
  const profiles = useChannel('listProfiles', {}).data?.profiles ?? [];
  if (seeds.length === 0) return null;
  return (
    <article className={styles.wallet} aria-label="Keychain only">
      <div className={styles.walletHead}>
        <h3>In the keychain only</h3>
        <span className="small muted">Seeds imported from a CLI config or a hotkey file outside this folder</span>
      </div>
      <ul className={styles.hotkeys} aria-label="Hotkeys in the keychain only">
        {seeds.map((s) => (
          <KeychainOnlyItem
            key={s.ss58}
            seed={s}
            confirmed={confirmed}
            usedBy={profiles.filter((p) => p.hotkeySs58 === s.ss58).map((p) => `profile ${profileLabel(p)}`)}
          />
        ))}
      </ul>
    </article>
  );
}
