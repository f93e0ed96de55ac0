import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { SeedCopy } from '../../shared/keychain';
import { lockPathFor, withFileLock } from '../concurrency/file-lock';
import { writeFileAtomic } from '../fs/atomic-write';
import { readTextFileCapped } from '../fs/read-capped';
import { describeError, log } from '../log';
import { isValidSs58 } from '../signer/ss58';
import { decodeIniStrict } from './cli-config';
import { iniGet } from './ini-values';
import type { ProfileStore } from './profile-store';
import { seedFromHex, ss58FromSeed } from './seed';

/**
 * Config files the app wrote a hotkey seed into (a seeded export), so that removing the seed from
 * the keychain can say where another copy still is. The record holds addresses, paths and dates
 * only; whether a file still holds the seed is checked when asked, never taken from the record.
 * Stored as `{ "version": 1, "copies": { "<ss58>": [{ "path": "...", "at": "<ISO date>" }] } }`.
 */
export const SEED_COPIES_FILE = 'seed-copies.json';
const VERSION = 1;
/** Enough for every place a person would export one hotkey to; the oldest go first. */
const MAX_PER_HOTKEY = 20;
/** The export is already written: waiting long for the note's lock would only delay its answer. */
const RECORD_LOCK_TIMEOUT_MS = 2_000;

/** Notes of files that are gone make room for real ones (whether a file holds the seed is checked when asked). */
const stillThere = (filePath: string): Promise<boolean> =>
  lstat(filePath).then(
    () => true,
    () => false,
  );

type Copies = Record<string, Array<{ path: string; at: string }>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the record says; a missing, unreadable or foreign file is an empty record (it is only a hint). */
async function readCopies(file: string): Promise<Copies> {
  let text: string;
  try {
    text = (await readTextFileCapped(file)).text;
  } catch {
    return Object.create(null) as Copies;
  }
  const copies = Object.create(null) as Copies;
  let root: unknown;
  try {
    root = JSON.parse(text) as unknown;
  } catch {
    return copies;
  }
  if (!isRecord(root) || root.version !== VERSION || !isRecord(root.copies)) return copies;
  for (const [ss58, list] of Object.entries(root.copies)) {
    if (!isValidSs58(ss58) || !Array.isArray(list)) continue;
    copies[ss58] = list.filter(
      (c): c is { path: string; at: string } =>
        isRecord(c) && typeof c.path === 'string' && path.isAbsolute(c.path) && typeof c.at === 'string',
    );
  }
  return copies;
}

export interface SeedCopies {
  /** Note that `filePath` now holds the seed of `ss58`. Never throws: a lost note costs only a hint. */
  record(ss58: string, filePath: string): Promise<void>;
  /** Files known to the app that hold the seed of `ss58` right now: exports, the CLI's own config, and files profiles were imported from. */
  find(ss58: string): Promise<SeedCopy[]>;
}

/**
 * True only when the file parses as the CLI would read it, names `ss58` in `[auth]`, and its
 * `hotkey_seed` derives that very address. The seed's bytes are wiped after the check; the hex
 * text read from the file is an immutable string (README, "What stays in memory").
 */
async function holdsSeedOf(filePath: string, ss58: string): Promise<boolean> {
  try {
    const data = decodeIniStrict((await readTextFileCapped(filePath)).text, filePath);
    const address = iniGet(data, 'auth', 'hotkey_ss58address');
    const hex = iniGet(data, 'auth', 'hotkey_seed');
    if (address.kind !== 'value' || address.value !== ss58 || hex.kind !== 'value') return false;
    const seed = seedFromHex(hex.value, filePath);
    try {
      return (await ss58FromSeed(seed)) === ss58;
    } finally {
      seed.fill(0);
    }
  } catch {
    // Missing, unreadable, not a config the CLI could use, or not a seed: not a copy to count on.
    return false;
  }
}

/** The files cli-import profiles of `ss58` came from: an import may have left the seed in them. */
async function importedFrom(profiles: Pick<ProfileStore, 'list'> | undefined, ss58: string): Promise<string[]> {
  if (profiles === undefined) return [];
  try {
    const list = await profiles.list();
    return list.flatMap((p) => (p.hotkeySs58 === ss58 && p.source.kind === 'cli-import' ? [p.source.path] : []));
  } catch (error) {
    // Only a hint: without it, the exports and the CLI config are still looked at.
    log.warn(`seed copies: could not read the profiles (${describeError(error)})`);
    return [];
  }
}

export function createSeedCopies(options: {
  dataDir: string;
  cliConfigPath: string;
  /** Profiles imported from a CLI config name files that may still hold the seed. */
  profiles?: Pick<ProfileStore, 'list'>;
  now?: () => Date;
}): SeedCopies {
  const file = path.join(options.dataDir, SEED_COPIES_FILE);
  const lock = lockPathFor(options.dataDir, SEED_COPIES_FILE);
  const now = options.now ?? (() => new Date());
  return {
    record: async (ss58, filePath) => {
      try {
        await withFileLock(
          lock,
          async () => {
            const copies = await readCopies(file);
            const others: Copies[string] = [];
            for (const c of copies[ss58] ?? []) if (c.path !== filePath && (await stillThere(c.path))) others.push(c);
            copies[ss58] = [...others, { path: filePath, at: now().toISOString() }].slice(-MAX_PER_HOTKEY);
            await writeFileAtomic(file, `${JSON.stringify({ version: VERSION, copies })}\n`);
          },
          { timeoutMs: RECORD_LOCK_TIMEOUT_MS, what: 'the notes of exported seeds' },
        );
      } catch (error) {
        log.warn(`seed copies: could not note an export (${describeError(error)})`);
      }
    },
    find: async (ss58) => {
      const recorded = (await readCopies(file))[ss58] ?? [];
      const candidates = new Map<string, string | null>(recorded.map((c) => [c.path, c.at]));
      for (const filePath of [options.cliConfigPath, ...(await importedFrom(options.profiles, ss58))])
        if (!candidates.has(filePath)) candidates.set(filePath, null);
      const found: SeedCopy[] = [];
      for (const [filePath, at] of candidates)
        if (await holdsSeedOf(filePath, ss58)) found.push({ path: filePath, exportedAt: at });
      return found;
    },
  };
}
