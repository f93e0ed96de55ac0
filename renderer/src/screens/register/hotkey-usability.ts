import type { HotkeyEntry, WalletEntry } from '../../../../shared/wallets';

export type Usability = { usable: true; seedSource: 'keychain' | 'file' } | { usable: false; why: string };

const STATUS_WHY: Partial<Record<HotkeyEntry['status'], string>> = {
  'public-only': 'Public key only: this file holds no seed, so it cannot sign the registration.',
  encrypted:
    'Encrypted: the app cannot read encrypted hotkey files. Regenerate it unencrypted with btcli, or add its seed on Accounts.',
  'seed-mismatch': 'The seed in this file does not belong to its address; regenerate the file with btcli.',
};

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
  return { usable: false, why: STATUS_WHY[hotkey.status] ?? hotkey.message ?? 'This file has no usable seed.' };
}

/** A wallet's hotkeys with those that can register first, each group in its listed order. */
export function usableFirst(wallet: WalletEntry, inKeychain: ReadonlySet<string> | null): HotkeyEntry[] {
  const usable = (h: HotkeyEntry) => hotkeyUsability(wallet, h, inKeychain).usable;
  return [...wallet.hotkeys.filter(usable), ...wallet.hotkeys.filter((h) => !usable(h))];
}
