import type { ApiKeyView, ScopeRequest } from '../../../../shared/api-keys';

/** One readable chip: "invoke · chutes: all", "read · images: 2 chosen". */
export interface ScopeChip {
  text: string;
  /** True when the action came from this app's local record, false when the server did not say. */
  actionKnown: boolean;
}

export interface ScopeGroup {
  action: string | null;
  type: string;
  all: boolean;
  named: number;
  /** The named objects' ids, in order. */
  ids: string[];
}

/** Scopes by action and object type, in order of first appearance: what the chips and the key's summary say. */
export function groupScopes(
  scopes: readonly { objectType: string; objectId: string | null; action: string | null }[],
): ScopeGroup[] {
  const groups = new Map<string, ScopeGroup>();
  for (const s of scopes) {
    const key = `${s.action ?? '*'}|${s.objectType}`;
    const g = groups.get(key) ?? { action: s.action, type: s.objectType, all: false, named: 0, ids: [] };
    if (s.objectId === null) g.all = true;
    else {
      g.named++;
      g.ids.push(s.objectId);
    }
    groups.set(key, g);
  }
  return [...groups.values()];
}

const target = (g: ScopeGroup) => (g.all ? 'all' : `${g.named} chosen`);

/** Chips for a key: from the local record when this app created it, else from what the server reports (no actions). */
export function scopeChips(key: Pick<ApiKeyView, 'admin' | 'scopes' | 'local'>): ScopeChip[] {
  if (key.admin) return [{ text: 'everything the account can do', actionKnown: true }];
  if (key.local && !key.local.admin) {
    return groupScopes(key.local.requestedScopes.map(fromRequest)).map((g) => ({
      text: `${g.action ?? 'any'} · ${g.type}: ${target(g)}`,
      actionKnown: true,
    }));
  }
  if (key.scopes.length === 0) return [{ text: 'no scopes (can do nothing)', actionKnown: true }];
  return groupScopes(key.scopes.map((s) => ({ ...s, action: null }))).map((g) => ({
    text: `${g.type}: ${target(g)}`,
    actionKnown: false,
  }));
}

/**
 * What the chips' look (solid or dashed) says, in words for screen readers: where their actions came
 * from. Null when there is nothing to tell (an admin key, a key with no scopes).
 */
export function chipsSource(chips: readonly ScopeChip[], recordedHere: boolean): string | null {
  if (chips.some((c) => !c.actionKnown)) return 'Actions not reported by Chutes:';
  return recordedHere ? 'Actions as recorded by this app:' : null;
}

/** A key's access in one phrase, for where its chips do not fit: "invoke · chutes: all, read · images: all". */
export function accessText(key: Pick<ApiKeyView, 'admin' | 'scopes' | 'local'>): string {
  const chips = scopeChips(key)
    .map((c) => c.text)
    .join(', ');
  return key.admin ? `${chips} (an admin key)` : chips;
}

export const fromRequest = (s: ScopeRequest) => ({
  objectType: s.object_type,
  objectId: s.object_id,
  action: s.action,
});

/** Text the search box matches: name, id, and the chips. */
export function searchText(key: ApiKeyView): string {
  return `${key.name} ${key.id} ${scopeChips(key)
    .map((c) => c.text)
    .join(' ')}`.toLowerCase();
}

export const shortId = (id: string): string => id.slice(0, 8);

/** Characters a chip's padding and gap take, in the same units as its text. */
const CHIP_CHROME = 3;

/**
 * The chips a table row has room for (about `budget` characters of text: the Scopes column at the
 * narrow window width) and how many are left out, which the row says as "+N". The first chip is
 * always shown; one too long for the column ends in an ellipsis. The key's own page lists them all.
 */
export function fitChips(chips: ScopeChip[], budget = 34): { shown: ScopeChip[]; more: number } {
  let used = 0;
  let count = 0;
  for (const chip of chips) {
    const width = chip.text.length + CHIP_CHROME;
    // Room is kept for the "+N" chip whenever some would be left out.
    const reserve = count + 1 < chips.length ? CHIP_CHROME + 2 : 0;
    if (count > 0 && used + width + reserve > budget) break;
    used += width;
    count++;
  }
  return { shown: chips.slice(0, count), more: chips.length - count };
}
