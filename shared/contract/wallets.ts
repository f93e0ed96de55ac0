import { z } from 'zod';
import type { FilePermissions, WalletsView } from '../wallets';
import { entryId } from '../validation';
import { returns, slice } from './define';

/** Bittensor wallets on disk (read-only, except the 0600 fix on request). */
export const walletsContract = slice({
  listWallets: { input: z.object({ verifySeeds: z.boolean().optional() }).strict(), result: returns<WalletsView>() },
  fixHotkeyPermissions: {
    input: z.object({ walletId: entryId, hotkeyId: entryId }).strict(),
    result: returns<FilePermissions>(),
  },
});
