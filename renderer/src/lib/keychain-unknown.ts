import type { WalletsView } from '../../../shared/wallets';

/**
 * Why the keychain's hotkeys are missing from a list, when it did not answer (null when it did):
 * a picker must not read "none in the keychain" when the keychain was never heard from.
 */
export function keychainUnknownNote(view: WalletsView | undefined): string | null {
  if (!view || view.seedsInKeychain !== null) return null;
  return view.keychain.waiting
    ? 'Waiting for the keychain to answer (an unlock prompt may be open): the hotkeys it holds show here when it does.'
    : 'The keychain is not available, so the hotkeys it holds cannot be listed here (see Profiles & hotkeys).';
}
