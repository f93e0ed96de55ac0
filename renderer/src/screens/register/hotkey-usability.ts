import type { HotkeyEntry, WalletEntry } from '../../../../shared/wallets';

export type Usability = { usable: true; seedSource: 'keychain' | 'file' } | { usable: false; why: string };

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
  if (inKeychain?.has(hotkey.ss58)) return { usable: true, seedSource: 'keychain' };
  if (hotkey.status === 'ok' && hotkey.hasSeed) return { usable: true, seedSource: 'file' };
  // The scan's own words, as the Profiles & hotkeys screen shows them.
  return { usable: false, why: hotkey.message ?? 'This file has no usable seed.' };
}

/** A wallet's hotkeys with those that can register first, each group in its listed order. */
export function usableFirst(wallet: WalletEntry, inKeychain: ReadonlySet<string> | null): HotkeyEntry[] {
  const usable = (h: HotkeyEntry) => hotkeyUsability(wallet, h, inKeychain).usable;
  return [...wallet.hotkeys.filter(usable), ...wallet.hotkeys.filter((h) => !usable(h))];
}
