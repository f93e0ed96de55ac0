import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import type { HotkeyEntry } from '../../../../shared/wallets';
import { Address } from '../../components/address';
import { Badge } from '../../components/badge';
import { ErrorNotice } from '../../components/error-notice';
import { HotkeyStatusBadge } from '../../components/hotkey-status-badge';
import { AccountLookupPanel } from './account-lookup-panel';
import { RemoveSeedConfirm } from './remove-seed-confirm';
import { hotkeyRowId } from './missing-seed-help';
import { channelKey, useMutationChannel } from '../../api/hooks';
import { announce } from '../../lib/announce';
import { failureIs } from '../../../../shared/errors';
import styles from './accounts.module.css';

export function HotkeyItem({
  walletId,
  walletName,
  hotkey,
  inKeychain,
  keychainWaiting = false,
}: {
  walletId: string;
  walletName: string;
  hotkey: HotkeyEntry;
  /** null when the keychain did not answer. */
  inKeychain: boolean | null;
  /** The keychain has not answered yet (not failed): asked again by itself. */
  keychainWaiting?: boolean;
}): ReactElement {
  const label = `${walletName}/${hotkey.name}`;
  const [lookup, setLookup] = useState(false);
  // A look-up stands for the seed in the keychain: once the seed is gone (removed here or in
  // another window, or the keychain went away) the panel closes, offering nothing to save, and it
  // stays closed when the seed comes back.
  // While the keychain does not answer (null) it stays open: whatever was found is kept.
  if (lookup && inKeychain === false) setLookup(false);
  // The address the removal question was opened for: the file may hold another key by the next scan.
  const [removingFor, setRemovingFor] = useState<string | null>(null);
  const removing = removingFor !== null;
  const add = useMutationChannel('importHotkey', ['listWallets', 'listProfiles']);
  const fix = useMutationChannel('fixHotkeyPermissions', ['listWallets']);
  const shownSs58 = hotkey.ss58;
  const canAdd = hotkey.status === 'ok' && hotkey.hasSeed && inKeychain === false;
  const queries = useQueryClient();
  // Refused because the file holds another key than this row shows: the row is read again.
  const rereadIfChanged = (error: unknown) => {
    if (failureIs(error, 'file-changed-meanwhile'))
      void queries.invalidateQueries({ queryKey: channelKey('listWallets') });
  };
  const error = add.error ?? fix.error;
  return (
    // Focusable by script only: a profile card whose seed is missing sends the user here.
    <li className={styles.hotkey} aria-label={`Hotkey ${label}`} id={hotkeyRowId(walletId, hotkey.id)} tabIndex={-1}>
      <span className={styles.hotkeyName}>{hotkey.name}</span>
      <div className={styles.hotkeyBody}>
        {hotkey.ss58 ? (
          <Address address={hotkey.ss58} name={`hotkey ${label}`} />
        ) : (
          <span className="muted small">No address could be read</span>
        )}
        <div className="badges">
          {inKeychain ? <Badge tone="good">In keychain</Badge> : null}
          {inKeychain === null && hotkey.hasSeed && hotkey.status === 'ok' ? (
            <Badge tone="neutral" title="See the notice at the top of the screen">
              {keychainWaiting ? 'Waiting for keychain' : 'Keychain unavailable'}
            </Badge>
          ) : null}
          <HotkeyStatusBadge status={hotkey.status} />
          {hotkey.permissions.status === 'too-open' ? (
            <>
              <Badge tone="warn">Readable by others</Badge>
              <span className="small muted">Other users of this computer can read this file, seed included.</span>
            </>
          ) : null}
          {hotkey.message ? <span className="small muted">{hotkey.message}</span> : null}
        </div>
        <div className="actions">
          {canAdd && shownSs58 ? (
            <button
              type="button"
              onClick={() =>
                // The button goes with its success (the badge says "In keychain"): said, not silent.
                void add
                  .mutateAsync({ walletId, hotkeyId: hotkey.id, expectedSs58: shownSs58 })
                  .then(() => announce(`${label} is in the keychain now.`), rereadIfChanged)
              }
              disabled={add.isPending}
              aria-label={`Add to keychain: ${label}`}
            >
              Add to keychain
            </button>
          ) : null}
          {hotkey.permissions.status === 'too-open' ? (
            <button
              type="button"
              onClick={() =>
                void fix
                  .mutateAsync({ walletId, hotkeyId: hotkey.id, expectedSs58: hotkey.ss58 })
                  .then(() => announce(`${label} is private now: only you can read it (0600).`), rereadIfChanged)
              }
              disabled={fix.isPending}
              aria-label={`Make private: ${label}`}
            >
              Make private (0600)
            </button>
          ) : null}
          {/* Kept while the keychain does not answer with a panel open, which they close. */}
          {(inKeychain || (inKeychain === null && (lookup || removing))) && hotkey.ss58 ? (
            <>
              <button
                type="button"
                onClick={() => setLookup(!lookup)}
                aria-expanded={lookup}
                aria-label={`Look up account: ${label}`}
              >
                Look up account
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => setRemovingFor(removing ? null : (hotkey.ss58 ?? null))}
                aria-expanded={removing}
                aria-label={`Remove from keychain: ${label}`}
              >
                Remove from keychain…
              </button>
            </>
          ) : null}
        </div>
        {error ? <ErrorNotice error={error} /> : null}
        {removingFor !== null ? (
          <RemoveSeedConfirm
            hotkey={removingFor}
            label={hotkey.ss58 === removingFor ? label : `${label} (${removingFor})`}
            walletFile={
              hotkey.ss58 === removingFor && hotkey.hasSeed && hotkey.status === 'ok'
                ? { label, walletId, hotkeyId: hotkey.id }
                : null
            }
            onDone={() => setRemovingFor(null)}
          />
        ) : null}
        {lookup && inKeychain !== false && hotkey.ss58 ? (
          <AccountLookupPanel hotkey={hotkey.ss58} hotkeyName={hotkey.name} shownAs={label} />
        ) : null}
      </div>
    </li>
  );
}
