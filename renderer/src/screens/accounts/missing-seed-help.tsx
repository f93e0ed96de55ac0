import type { ReactElement } from 'react';
import type { ProfileView } from '../../../../shared/profiles';
import { useWallets } from '../../api/use-wallets';
import { shortAddress } from '../../lib/short-address';

/** The id of a hotkey row under Wallets, for a profile card to send the user to it. */
export const hotkeyRowId = (walletId: string, hotkeyId: string): string =>
  `hotkey-row-${encodeURIComponent(walletId)}/${encodeURIComponent(hotkeyId)}`;

/** Brings a hotkey row into view and onto its "Add to keychain" button (the row itself when it has none). */
function goToRow(id: string): void {
  const row = document.getElementById(id);
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  (row.querySelector<HTMLElement>('button[aria-label^="Add to keychain"]') ?? row).focus();
}

/**
 * Under "Seed missing from keychain": what that means and the way back. Other screens send the
 * user here, so the card says what to do, and points at the wallet file when this folder has one.
 */
export function MissingSeedHelp({ profile }: { profile: ProfileView }): ReactElement {
  const wallets = useWallets().data?.wallets ?? [];
  const file = wallets
    .flatMap((w) => (w.status === 'ok' ? w.hotkeys.map((h) => ({ wallet: w, hotkey: h })) : []))
    .find(({ hotkey }) => hotkey.ss58 === profile.hotkeySs58 && hotkey.hasSeed && hotkey.status === 'ok');
  const named = `${profile.hotkeyName} (${shortAddress(profile.hotkeySs58)})`;
  return (
    <p className="small">
      Signing is off for this profile: nothing can be done as {profile.username} until its seed is back. Add hotkey{' '}
      {named} to the keychain from its wallet file under Wallets
      {file ? (
        <>
          {' '}
          (
          <button
            type="button"
            className="link-button"
            onClick={() => goToRow(hotkeyRowId(file.wallet.id, file.hotkey.id))}
          >
            go to {file.wallet.name}/{file.hotkey.name}
          </button>
          )
        </>
      ) : (
        ' (none in this wallets folder holds it: “Add a hotkey file…” takes one from elsewhere)'
      )}
      , or import a CLI config that still holds its <code>hotkey_seed</code> (Import CLI config…).
    </p>
  );
}
