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

/** A wallet hotkey the picker leaves out because nothing here can sign with it, and why. */
export interface UnusableHotkey {
  label: string;
  why: string;
}

/**
 * The wallet hotkeys linkChoices leaves out (encrypted, public-only, unreadable, …), with the scan's
 * own reason: without it a hotkey the user knows is there would simply be missing from the picker.
 */
export function unusableHotkeys(view: WalletsView | undefined): UnusableHotkey[] {
  if (!view) return [];
  const held = view.seedsInKeychain ? new Set(view.seedsInKeychain.map((s) => s.ss58)) : null;
  return view.wallets.flatMap((w) =>
    w.hotkeys
      .filter((h) => !h.ss58 || !seedSourceFor(h, held))
      .map((h) => ({
        label: `${w.name}/${h.name}`,
        why:
          h.message ??
          (h.ss58 ? 'its file holds no seed, and the keychain has none for it' : 'no address could be read from it'),
      })),
  );
}

/**
 * The entry the picker stands on. Until the user picks (or previews) it is the first one; once a
 * value is pinned it is that entry or none: a list read again (reordered, or without the entry)
 * must not swap the hotkey under the user's eyes or under a preview.
 */
export type Picked = { choice: LinkChoice; gone: false } | { choice: undefined; gone: boolean };

export function pickChoice(choices: readonly LinkChoice[], walletValue: string, view: WalletsView | undefined): Picked {
  if (walletValue === '') {
    const first = choices[0];
    return first ? { choice: first, gone: false } : { choice: undefined, gone: false };
  }
  const found = choices.find((c) => c.value === walletValue);
  if (found) return { choice: found, gone: false };
  // Not known to be gone while the list is unread, or while the keychain, which may hold its seed, does not answer.
  return { choice: undefined, gone: view !== undefined && view.seedsInKeychain !== null };
}

export const PICKED_GONE =
  'The hotkey you picked is no longer available (its file or its keychain seed is gone): pick another one, or give a hotkey file path.';
