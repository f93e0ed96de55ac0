import { errnoCode } from '../fs/errno';
import { sameStamp, sameStampAt, STAMP_FIELDS, type FileStamp } from '../fs/file-stamp';
import type { MemoFile, WalletMemo } from './discovery-cache';
import { WALLET_NAMES } from './list-entries';
import type { ScanContext } from './scan-wallet';
import { joinPath, KIND_LETTER, type ListedEntry } from './wallet-fs';

/** What a wallet's full scan gathers for its memo; `usable` goes false at anything a memo cannot vouch for. */
export interface MemoDraft {
  usable: boolean;
  coldkeypub: MemoFile | null;
  /** The memo's `hotkeysKey`, `files` and `stamps` as they are gathered. */
  hotkeysKey: string;
  files: string[];
  stamps: number[];
}

/** A listing as one string: each entry's kind letter and name bytes (latin1, 1:1), split by `/`, which no name holds. */
export const listingText = (listing: ListedEntry[]): string =>
  listing.map((e) => KIND_LETTER[e.kind] + e.bytes.toString('latin1')).join('/');

/** Printable ASCII only: such a name is the same bytes in latin1 and in UTF-8. */
const PLAIN = /^[ -~]*$/;

/**
 * A cache key is the path's bytes as latin1 (discovery-cache.ts), so it turns back into them; a
 * plain ASCII key is those bytes already as a string path, with no Buffer to make (a rescan has 20,000).
 */
const keyPath = (key: string): string | Buffer => (PLAIN.test(key) ? key : Buffer.from(key, 'latin1'));

const stampHolds = (ctx: ScanContext, key: string, stamp: FileStamp): boolean =>
  sameStamp(ctx.fs.stat(keyPath(key)).stamp, stamp);

/**
 * No coldkeypub.txt as the scan saw it: its read follows links, so a dangling one was "missing"
 * too. (An lstat would find the link and fail the memo at every rescan, which then saved it again.)
 */
function absentAsScanned(ctx: ScanContext, target: Buffer): boolean {
  try {
    ctx.fs.stat(target);
    return false;
  } catch (error) {
    return errnoCode(error) === 'ENOENT';
  }
}

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
      : absentAsScanned(ctx, joinPath(walletDir, WALLET_NAMES.COLDKEYPUB));
    if (!pubHolds) return false;
    if (ctx.fs.listText(joinPath(walletDir, WALLET_NAMES.HOTKEYS)) !== memo.listing) return false;
    if (memo.stamps.length !== memo.files.length * STAMP_FIELDS) return false;
    for (let i = 0; i < memo.files.length; i++) {
      // A wallet with thousands of hotkeys must not hold the event loop, here either.
      if (ctx.slicer.due()) await ctx.slicer.pause();
      const stat = ctx.fs.stat(keyPath(memo.hotkeysKey + (memo.files[i] ?? '')));
      if (!sameStampAt(stat.stamp, memo.stamps, i * STAMP_FIELDS)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
