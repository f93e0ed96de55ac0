import type { ProfileView } from '../../../../shared/profiles';
import type { WalletsView } from '../../../../shared/wallets';

/**
 * A name for each hotkey address the app knows, for the Activity list: "wallet/hotkey" from the
 * wallets folder, else the name its seed was added to the keychain under, else a profile's hotkey
 * name. Addresses it does not know get none (the address says which key it was).
 */
export function hotkeyNames(
  wallets: WalletsView | undefined,
  profiles: readonly ProfileView[],
): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const name = (ss58: string | null, text: string | null) => {
    if (ss58 && text && !names.has(ss58)) names.set(ss58, text);
  };
  for (const wallet of wallets?.wallets ?? [])
    for (const hotkey of wallet.hotkeys) name(hotkey.ss58, `${wallet.name}/${hotkey.name}`);
  for (const seed of wallets?.seedsInKeychain ?? []) name(seed.ss58, seed.label);
  for (const profile of profiles) name(profile.hotkeySs58, profile.hotkeyName);
  return names;
}
