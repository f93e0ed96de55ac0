import { isValidSs58 } from '../signer/ss58';

/**
 * The public index of which hotkeys have a seed in the keychain, so listing never has to read a
 * secret. Stored as one JSON entry next to the session tokens:
 * `{ "version": 1, "seeds": { "<ss58>": { "label": "<hotkey name>" | null, "addedAt": "<ISO 8601>" | null } } }`
 * (`addedAt` is absent in entries an earlier version wrote, and null for seeds found unlisted).
 * It holds addresses and names only — never anything derived from a seed.
 */
export const SEED_INDEX_ACCOUNT = 'seed-index';
/** Where an index the app could not read is kept before a new one is written (the user's data). */
export const DAMAGED_SEED_INDEX_ACCOUNT = 'seed-index.damaged';
export const SEED_INDEX_VERSION = 1;
/** Labels are hotkey names (wallet file names); a cap keeps a hostile name from bloating the entry. */
export const MAX_LABEL_LENGTH = 200;

export interface SeedMeta {
  /** The hotkey's name (null when it was stored without one). */
  label: string | null;
  /** When its seed was stored, as far as the app knows (null: before the index noted it). */
  addedAt: string | null;
}

/** ss58 → what the app noted about its seed. */
export type SeedIndex = Map<string, SeedMeta>;

/** A stored ISO 8601 time as written by `new Date().toISOString()`; anything else is unknown. */
function cleanTime(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 30 && !Number.isNaN(Date.parse(value)) ? value : null;
}

export interface ParsedSeedIndex {
  index: SeedIndex;
  /** The entry exists but is not an index we understand; callers treat it as empty. */
  corrupt: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decodeUtf8(bytes: ArrayLike<number>): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Parse the stored bytes (null: no entry yet). Malformed entries for single hotkeys are skipped. */
export function parseSeedIndex(stored: ArrayLike<number> | null): ParsedSeedIndex {
  const index: SeedIndex = new Map();
  if (stored === null) return { index, corrupt: false };
  const text = decodeUtf8(stored);
  const root = text === null ? undefined : parseJson(text);
  if (!isRecord(root) || root.version !== SEED_INDEX_VERSION || !isRecord(root.seeds)) return { index, corrupt: true };
  for (const [ss58, meta] of Object.entries(root.seeds)) {
    if (!isValidSs58(ss58) || !isRecord(meta)) continue;
    index.set(ss58, {
      label: typeof meta.label === 'string' ? (cleanLabel(meta.label) ?? null) : null,
      addedAt: cleanTime(meta.addedAt),
    });
  }
  return { index, corrupt: false };
}

/** Keys sorted so the stored text is stable whatever order hotkeys were added in. */
export function serializeSeedIndex(index: SeedIndex): string {
  const seeds: Record<string, SeedMeta> = {};
  for (const ss58 of [...index.keys()].sort()) {
    const meta = index.get(ss58);
    seeds[ss58] = { label: meta?.label ?? null, addedAt: meta?.addedAt ?? null };
  }
  return JSON.stringify({ version: SEED_INDEX_VERSION, seeds });
}

/** Trimmed and capped; undefined when there is no usable name (so an existing one is kept). */
export function cleanLabel(label: string | undefined): string | undefined {
  const trimmed = label?.trim().slice(0, MAX_LABEL_LENGTH);
  return trimmed ? trimmed : undefined;
}
