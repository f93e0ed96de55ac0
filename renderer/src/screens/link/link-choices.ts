import type { LinkHotkeySource, LinkSeedFrom } from '../../../../shared/link';
import type { WalletsView } from '../../../../shared/wallets';
import { seedSourceFor } from '../register/hotkey-usability';

/** One hotkey the link form offers, with where its seed is. */
export interface LinkChoice {
  /** What the form's draft keeps: stays the same when the list is read again. */
  value: string;
  label: string;
  /** The group it is listed under. */
  group: string;
  source: LinkHotkeySource;
  seedFrom: LinkSeedFrom;
}

export const KEYCHAIN_GROUP = 'Keychain only (no wallet file)';

/**
 * The hotkeys that can sign a link: wallet hotkeys whose seed is in the keychain or in their file
 * (chosen as registration chooses), then seeds the keychain holds for no wallet hotkey. The account's
 * own hotkey, which the keychain holds to sign for the profile, is not offered from there.
 */
export function linkChoices(view: WalletsView | undefined, accountHotkey: string): LinkChoice[] {
  if (!view) return [];
  const held = view.seedsInKeychain ? new Set(view.seedsInKeychain.map((s) => s.ss58)) : null;
  const inWallets = new Set<string>();
  const fromWallets = view.wallets.flatMap((w) =>
    w.hotkeys.flatMap((h): LinkChoice[] => {
      const seedFrom = seedSourceFor(h, held);
      if (!seedFrom || !h.ss58) return [];
      inWallets.add(h.ss58);
      return [
        {
          value: `wallet:${w.id}#${h.id}`,
          label: `${w.name}/${h.name} — ${h.ss58}${seedFrom === 'keychain' ? ' (seed in keychain)' : ''}`,
          group: `Wallet ${w.name}`,
          source: { kind: 'wallet', walletId: w.id, hotkeyId: h.id },
          seedFrom,
        },
      ];
    }),
  );
  const keychainOnly = (view.seedsInKeychain ?? [])
    .filter((s) => !inWallets.has(s.ss58) && s.ss58 !== accountHotkey)
    .map((s): LinkChoice => ({
      value: `keychain:${s.ss58}`,
      label: `${s.label ?? 'Unnamed hotkey'} — ${s.ss58}`,
      group: KEYCHAIN_GROUP,
      source: { kind: 'keychain', ss58: s.ss58 },
      seedFrom: 'keychain',
    }));
  return [...fromWallets, ...keychainOnly];
}
