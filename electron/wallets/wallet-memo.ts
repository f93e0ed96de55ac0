import { sameStamp, type FileStamp } from '../fs/file-stamp';
import type { MemoFile, WalletMemo } from './discovery-cache';
import { WALLET_NAMES } from './list-entries';
import type { ScanContext } from './scan-wallet';
import { joinPath, type ListedEntry } from './wallet-fs';

/** What a wallet's full scan gathers for its memo; `usable` goes false at anything a memo cannot vouch for. */
export interface MemoDraft {
  usable: boolean;
  coldkeypub: MemoFile | null;
  keys: string[];
  stamps: FileStamp[];
}

const KIND_LETTER = { file: 'f', dir: 'd', symlink: 'l', other: 'o' } as const;

/** A listing as one string: each entry's kind letter and name bytes (latin1, 1:1), split by `/`, which no name holds. */
export const listingText = (listing: ListedEntry[]): string =>
  listing.map((e) => KIND_LETTER[e.kind] + e.bytes.toString('latin1')).join('/');

/** A cache key is the path's bytes as latin1 (discovery-cache.ts), so it turns back into them. */
const stampHolds = (ctx: ScanContext, key: string, stamp: FileStamp | undefined): boolean =>
  stamp !== undefined && sameStamp(ctx.fs.stat(Buffer.from(key, 'latin1')).stamp, stamp);

/**
 * Whether the wallet at `walletDir` is still exactly what `memo` was built from: the same
 * `coldkey` presence, `coldkeypub.txt` stamp, `hotkeys/` listing and hotkey stamps. Any change or
 * failure answers false, and the wallet's full scan then reports it as it always did.
 */
export async function memoHolds(ctx: ScanContext, walletDir: Buffer, memo: WalletMemo): Promise<boolean> {
  try {
    if (ctx.fs.exists(joinPath(walletDir, WALLET_NAMES.COLDKEY)) !== memo.hasPrivate) return false;
    const pub = memo.coldkeypub;
    const pubHolds = pub
      ? stampHolds(ctx, pub.key, pub.stamp)
      : !ctx.fs.exists(joinPath(walletDir, WALLET_NAMES.COLDKEYPUB));
    if (!pubHolds) return false;
    if (listingText(ctx.fs.list(joinPath(walletDir, WALLET_NAMES.HOTKEYS))) !== memo.listing) return false;
    for (let i = 0; i < memo.keys.length; i++) {
      // A wallet with thousands of hotkeys must not hold the event loop, here either.
      if (ctx.slicer.due()) await ctx.slicer.pause();
      if (!stampHolds(ctx, memo.keys[i] ?? '', memo.stamps[i])) return false;
    }
    return true;
  } catch {
    return false;
  }
}
