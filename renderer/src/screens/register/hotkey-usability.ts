import type { HotkeyEntry, WalletEntry } from '../../../../shared/wallets';
import type { ChosenHotkey } from './wizard-store';

export type Usability = { usable: true; seedSource: 'keychain' | 'file' } | { usable: false; why: string };

/**
 * Where a discovered hotkey's seed is at hand: the keychain first, else its file; null when neither
 * holds one. Main chooses the same way (electron/registration/seed-source.ts), for registering and
 * for linking.
 */
export function seedSourceFor(hotkey: HotkeyEntry, inKeychain: ReadonlySet<string> | null): 'keychain' | 'file' | null {
  if (hotkey.ss58 && inKeychain?.has(hotkey.ss58)) return 'keychain';
  return hotkey.status === 'ok' && hotkey.hasSeed ? 'file' : null;
}

/**
 * Whether a discovered hotkey can register: its wallet must name the coldkey (coldkeypub.txt) and
 * a seed must be at hand, in the keychain or in the file. Otherwise, why not, in words.
 */
export function hotkeyUsability(
  wallet: WalletEntry,
  hotkey: HotkeyEntry,
  inKeychain: ReadonlySet<string> | null,
): Usability {
  if (wallet.status !== 'ok') return { usable: false, why: wallet.message ?? 'This wallet folder could not be read.' };
  if (!hotkey.ss58) return { usable: false, why: hotkey.message ?? 'No address could be read from this file.' };
  if (!wallet.coldkey.ss58)
    return {
      usable: false,
      why: 'This wallet has no readable coldkeypub.txt, and registration needs the coldkey address.',
    };
  const seedSource = seedSourceFor(hotkey, inKeychain);
  if (seedSource) return { usable: true, seedSource };
  // The scan's own words, as the Profiles & hotkeys screen shows them.
  return { usable: false, why: hotkey.message ?? 'This file has no usable seed.' };
}

/** A wallet's hotkeys with those that can register first, each group in its listed order. */
export function usableFirst(wallet: WalletEntry, inKeychain: ReadonlySet<string> | null): HotkeyEntry[] {
  const usable = (h: HotkeyEntry) => hotkeyUsability(wallet, h, inKeychain).usable;
  return [...wallet.hotkeys.filter(usable), ...wallet.hotkeys.filter((h) => !usable(h))];
}

/**
 * Why the hotkey chosen earlier no longer stands, in words, or null when the listing still shows it
 * as chosen. The wallets folder can change under the wizard (a backup restored, another folder
 * chosen): the same names may then hold another hotkey, and a choice kept by name would register
 * with one the user never looked at.
 */
export function choiceOutdated(
  chosen: ChosenHotkey,
  wallets: readonly WalletEntry[],
  inKeychain: ReadonlySet<string> | null,
): string | null {
  const name = `${chosen.walletName}/${chosen.hotkeyName}`;
  const wallet = wallets.find((w) => w.id === chosen.walletId);
  const hotkey = wallet?.hotkeys.find((h) => h.id === chosen.hotkeyId);
  if (!wallet || !hotkey) return `${name} is no longer in the wallets folder.`;
  // A keychain that did not answer this time says nothing about a seed chosen from it.
  const keychainUnknown = inKeychain === null && chosen.seedSource === 'keychain';
  const usability = hotkeyUsability(wallet, hotkey, inKeychain);
  if (!usability.usable && !keychainUnknown) return `${name} can no longer register: ${usability.why}`;
  if (hotkey.ss58 !== chosen.hotkey)
    return `${name} is now the hotkey ${hotkey.ss58 ?? ''}, not the ${chosen.hotkey} you chose.`;
  if (wallet.coldkey.ss58 !== chosen.coldkey)
    return `The coldkey of ${chosen.walletName} is now ${wallet.coldkey.ss58 ?? ''}, not the ${chosen.coldkey} you chose.`;
  return null;
}
