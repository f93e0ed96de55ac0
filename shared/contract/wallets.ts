import { z } from 'zod';
import type { FilePermissions, WalletsFolder, WalletsView } from '../wallets';
import { entryId, localFolder, ss58Address } from '../validation';
import { returns, slice } from './define';

/** Bittensor wallets on disk (read-only, except the 0600 fix on request), and which folder holds them. */
export const walletsContract = slice({
  listWallets: { input: z.object({ verifySeeds: z.boolean().optional() }).strict(), result: returns<WalletsView>() },
  /** null: back to the default folder. Refused while `--wallets-path` or `BT_WALLET_PATH` decides. */
  chooseWalletsFolder: { input: z.object({ path: localFolder.nullable() }).strict(), result: returns<WalletsFolder>() },
  /** `expectedSs58`: the address the row showed (null: none could be read); refused when the file holds another. */
  fixHotkeyPermissions: {
    input: z.object({ walletId: entryId, hotkeyId: entryId, expectedSs58: ss58Address.nullable() }).strict(),
    result: returns<FilePermissions>(),
  },
});
