import type { ColdkeyStatus, HotkeyStatus, WalletEntry } from '../../shared/wallets';
import { isSettled, isSettledAt, sameStamp, STAMP_FIELDS, type FileStamp } from '../fs/file-stamp';

/**
 * A rescan cache for discovery. The Profiles & hotkeys screen rescans after every action, and on a cold scan
 * nearly all the time goes to open() on each key file; a file whose stat still matches what it had
 * when it was read needs one stat instead of open + fstat + read + close.
 *
 * It holds only what the scan result shows (status, message, address, `hasSeed`, the seed check's
 * verdict), never seed bytes or file contents, and only entries the latest scan saw.
 */

/** One hotkey file, before the per-scan parts (verifySeeds, the hotkeypub naming) are applied. */
export interface HotkeyFacts {
  kind: 'hotkey';
  /** As parsed; `seed-mismatch` here comes from a publicKey/accountId field, not from sr25519. */
  status: Exclude<HotkeyStatus, 'unreadable'>;
  message?: string;
  ss58: string | null;
  hasSeed: boolean;
  /** Plain-text secret present: what the permission verdict needs, with the file's current mode. */
  holdsSecret: boolean | null;
  /** Whether the seed derives the file's public key; null when that check has not run. */
  seedMatches: boolean | null;
}

export interface ColdkeyFacts {
  kind: 'coldkey';
  status: Exclude<ColdkeyStatus, 'missing' | 'unreadable'>;
  message?: string;
  ss58: string | null;
}

export type FileFacts = HotkeyFacts | ColdkeyFacts;
type FactsOf<K extends FileFacts['kind']> = Extract<FileFacts, { kind: K }>;

interface Entry {
  stamp: FileStamp;
  facts: FileFacts;
  /** The newest scan that saw this path; older entries are dropped when a scan finishes. */
  seen: number;
}

export interface DiscoveryCacheOptions {
  /** Wall clock in ms, comparable with file timestamps; a seam for tests. */
  now?: () => number;
}

/** A file a wallet memo rests on: its path key, and the stamp it had when its facts were read. */
export interface MemoFile {
  key: string;
  stamp: FileStamp;
}

/**
 * A whole wallet from an earlier scan, reused while nothing it was built from changed: whether a
 * `coldkey` is there, `coldkeypub.txt`'s stamp, the `hotkeys/` listing (names and kinds, in
 * order) and every hotkey file's stamp. A rescan of an unchanged wallet then costs a stat per file
 * and none of the per-hotkey work (names, entries, permissions, sorting).
 */
export interface WalletMemo {
  hasPrivate: boolean;
  /** Null when the wallet had no coldkeypub.txt. */
  coldkeypub: MemoFile | null;
  /** The `hotkeys/` listing as one string (`listingText`). */
  listing: string;
  /** The `hotkeys/` folder's path key and a separator: each hotkey file's key is this and its name. */
  hotkeysKey: string;
  /** The hotkey files read, by name (latin1), in listing order. */
  files: string[];
  /**
   * Their stamps, `STAMP_FIELDS` numbers each, in the same order: one array of numbers, so a memo
   * (and a fresh app's saved ones, 20,000 files' worth) gives the collector little to trace.
   */
  stamps: number[];
  entry: WalletEntry;
}

interface MemoEntry {
  memo: WalletMemo;
  seen: number;
}

/** Key-file path bytes as a Map key; latin1 maps bytes 1:1, so names that are not UTF-8 stay distinct. */
export const cacheKey = (target: Buffer): string => target.toString('latin1');

/** What a scan needs of a cache: a `CacheScan` (below) of the main thread's cache or of the helper thread's own (scan-job.ts). */
export interface ScanCache {
  has(key: string): boolean;
  get<K extends FileFacts['kind']>(key: string, kind: K, stamp: FileStamp): FactsOf<K> | undefined;
  put(key: string, stamp: FileStamp, facts: FileFacts): void;
  /** The memo of the wallet folder at `key` (a `cacheKey`), to be checked against the disk before use. */
  wallet(key: string): WalletMemo | undefined;
  /** Whether there is such a memo (without counting it as seen). */
  hasWallet(key: string): boolean;
  /** Kept only when every file it rests on was settled when read; otherwise any older memo goes. */
  putWallet(key: string, memo: WalletMemo): void;
  /** The memo was found still true: it and its files' facts count as seen by this scan. */
  reuse(key: string, memo: WalletMemo): void;
}

/** What the scans of one cache tell it (`DiscoveryCache.memosChanged`, `lastHelped`). */
interface SharedState {
  memosChanged: boolean;
  helped: number;
}

/** One scan's use of the cache: lookups mark entries seen, `finish` drops the rest. */
export class CacheScan implements ScanCache {
  readonly #entries: Map<string, Entry>;
  readonly #wallets: Map<string, MemoEntry>;
  readonly #generation: number;
  readonly #now: number;
  readonly #shared: SharedState;

  constructor(
    entries: Map<string, Entry>,
    wallets: Map<string, MemoEntry>,
    generation: number,
    now: number,
    shared: SharedState,
  ) {
    this.#entries = entries;
    this.#wallets = wallets;
    this.#generation = generation;
    this.#now = now;
    this.#shared = shared;
  }

  #memosChanged(): void {
    this.#shared.memosChanged = true;
  }

  /** Whether a stat could make `get` hit; when not, the caller reads without stat'ing first. */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** The facts read from this very file (same stamp) by an earlier scan. */
  get<K extends FileFacts['kind']>(key: string, kind: K, stamp: FileStamp): FactsOf<K> | undefined {
    const entry = this.#entries.get(key);
    if (!entry || !sameStamp(entry.stamp, stamp) || !isKind(entry.facts, kind)) return undefined;
    entry.seen = Math.max(entry.seen, this.#generation);
    return entry.facts;
  }

  /** `stamp` must come from the handle the facts were read through, not from an earlier stat. */
  put(key: string, stamp: FileStamp, facts: FileFacts): void {
    // A file changed just now may change again within one timestamp tick (file-stamp.ts).
    if (!isSettled(stamp, this.#now)) {
      this.#entries.delete(key);
      return;
    }
    const seen = Math.max(this.#entries.get(key)?.seen ?? 0, this.#generation);
    this.#entries.set(key, { stamp, facts, seen });
  }

  wallet(key: string): WalletMemo | undefined {
    return this.#wallets.get(key)?.memo;
  }

  hasWallet(key: string): boolean {
    return this.#wallets.has(key);
  }

  putWallet(key: string, memo: WalletMemo): void {
    const settled = (stamp: FileStamp) => isSettled(stamp, this.#now);
    let filesSettled = true;
    for (let at = 0; filesSettled && at < memo.stamps.length; at += STAMP_FIELDS)
      filesSettled = isSettledAt(memo.stamps, at, this.#now);
    if ((memo.coldkeypub && !settled(memo.coldkeypub.stamp)) || !filesSettled) {
      if (this.#wallets.delete(key)) this.#memosChanged();
      return;
    }
    this.#wallets.set(key, { memo, seen: this.#generation });
    this.#memosChanged();
  }

  reuse(key: string, memo: WalletMemo): void {
    const held = this.#wallets.get(key);
    if (held?.memo === memo) held.seen = Math.max(held.seen, this.#generation);
    const see = (key: string) => {
      const entry = this.#entries.get(key);
      if (entry) entry.seen = Math.max(entry.seen, this.#generation);
    };
    // A memo a fresh app adopted (saved-scan.ts) has no file facts to mark.
    if (this.#entries.size === 0) return;
    if (memo.coldkeypub) see(memo.coldkeypub.key);
    for (const file of memo.files) see(memo.hotkeysKey + file);
  }

  /**
   * Bound the cache to what this scan saw (a newer, overlapping scan's entries are kept), and to
   * the files of `kept` wallets: those the helper thread scanned this time, whose unchanged files
   * the main thread never looked at.
   */
  finish(kept?: KeptWallets): void {
    this.#shared.helped = kept?.wallets.size ?? 0;
    for (const [key, entry] of this.#entries) {
      if (entry.seen >= this.#generation || (kept && isKept(key, kept))) continue;
      this.#entries.delete(key);
    }
    for (const [key, held] of this.#wallets) {
      if (held.seen >= this.#generation || (kept && isKeptWallet(key, kept))) continue;
      this.#wallets.delete(key);
      this.#memosChanged();
    }
  }
}

/** Wallet folder names (cache-key text) directly under `rootKey`. */
export interface KeptWallets {
  rootKey: string;
  separator: string;
  wallets: ReadonlySet<string>;
}

function isKept(key: string, { rootKey, separator, wallets }: KeptWallets): boolean {
  if (!key.startsWith(rootKey + separator)) return false;
  const start = rootKey.length + separator.length;
  const end = key.indexOf(separator, start);
  return end > start && wallets.has(key.slice(start, end));
}

/** A wallet folder's own key (no file under it), for its memo. */
function isKeptWallet(key: string, { rootKey, separator, wallets }: KeptWallets): boolean {
  const prefix = rootKey + separator;
  return key.startsWith(prefix) && wallets.has(key.slice(prefix.length));
}

function isKind<K extends FileFacts['kind']>(facts: FileFacts, kind: K): facts is FactsOf<K> {
  return facts.kind === kind;
}

export class DiscoveryCache {
  readonly #entries = new Map<string, Entry>();
  readonly #wallets = new Map<string, MemoEntry>();
  readonly #now: () => number;
  #generation = 0;
  readonly #shared: SharedState = { memosChanged: false, helped: 0 };

  constructor(options: DiscoveryCacheOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Files remembered (all from the latest scan); for tests and diagnostics. */
  get size(): number {
    return this.#entries.size;
  }

  /** What is remembered, for tests that check no seed material is ever held. */
  facts(): FileFacts[] {
    return [...this.#entries.values()].map((e) => e.facts);
  }

  /** Wallets remembered whole (see `WalletMemo`); for tests. */
  get wallets(): number {
    return this.#wallets.size;
  }

  /** Whether the memos changed (a wallet memo kept or dropped) since `savedMemos` last took them. */
  get memosChanged(): boolean {
    return this.#shared.memosChanged;
  }

  /** How many wallets the helper thread scanned in the latest scan that finished (0: none, or no helper). */
  get lastHelped(): number {
    return this.#shared.helped;
  }

  /** Every wallet memo held, for saving between runs (saved-scan.ts). */
  savedMemos(): Array<[string, WalletMemo]> {
    this.#shared.memosChanged = false;
    return [...this.#wallets].map(([key, held]) => [key, held.memo]);
  }

  /**
   * Memos saved by an earlier run, for wallets this cache has none of: each is checked against
   * the disk before use, as any memo is, and goes at the end of the next scan that does not see it.
   */
  adoptMemos(memos: Iterable<[string, WalletMemo]>): void {
    for (const [key, memo] of memos) if (!this.#wallets.has(key)) this.#wallets.set(key, { memo, seen: 0 });
  }

  clear(): void {
    this.#entries.clear();
    this.#wallets.clear();
  }

  beginScan(): CacheScan {
    return new CacheScan(this.#entries, this.#wallets, ++this.#generation, this.#now(), this.#shared);
  }
}

/** One per process (the Accounts handlers keep one), passed as `discoverWallets(path, { cache })`. */
export function createDiscoveryCache(options?: DiscoveryCacheOptions): DiscoveryCache {
  return new DiscoveryCache(options);
}
