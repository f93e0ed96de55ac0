import { AppFailure } from '../../shared/errors';
import type { HotkeyEntry } from '../../shared/wallets';
import type { SeedVault } from '../keychain/seed-vault';
import type { HotkeySeed } from '../wallets';

/** Where the seed that signs for a wallet hotkey comes from. */
export type SeedSource = 'keychain' | 'file';

/**
 * Where a discovered wallet hotkey's seed is at hand: the keychain first (a profile signs with the
 * keychain's copy, and a public-only file may have its seed there), else its file; null when
 * neither holds one. Registration and linking both choose this way.
 */
export async function seedSourceOf(
  vault: SeedVault,
  entry: Pick<HotkeyEntry, 'ss58' | 'status' | 'hasSeed'>,
): Promise<SeedSource | null> {
  if (entry.ss58 && (await vault.hasSeed(entry.ss58))) return 'keychain';
  return entry.status === 'ok' && entry.hasSeed ? 'file' : null;
}

/**
 * A seed just read from a file, only if it is the hotkey the user reviewed: the file may have been
 * replaced since (a backup restored). Otherwise the copy is wiped and nothing is signed or kept.
 */
export function seedOfReviewed(read: HotkeySeed, reviewed: string, label: string, hint: string): HotkeySeed {
  if (read.ss58 === reviewed) return read;
  read.seed.fill(0);
  throw notReviewed(label, read.ss58, reviewed, hint);
}

/**
 * The source now names another hotkey than the one reviewed: nothing is signed, sent or kept.
 * `fromFile` false: a keychain seed, named by its address, has no file that could have changed.
 */
export function notReviewed(label: string, now: string, reviewed: string, hint: string, fromFile = true): AppFailure {
  return new AppFailure(
    'conflict',
    `${label} is now the hotkey ${now}, not the ${reviewed} you reviewed${fromFile ? ' (its file changed)' : ''}, so nothing was signed, sent or kept.`,
    { hint },
    'hotkey-changed',
  );
}
