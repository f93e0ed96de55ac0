import type {
  CreateKeyRequest,
  ScopeAction,
  ScopeObjectType,
  ScopeRequest,
  ScopeTargets,
} from '../../../../shared/api-keys';
import { PUBLIC_MODELS } from './key-powers';

/** One line of the scope editor: a type, an action (null = any), and all objects or chosen ones. */
export interface ScopeRowModel {
  id: number;
  objectType: ScopeObjectType;
  action: ScopeAction | null;
  /** null = every object of the type; otherwise the chosen UUIDs (sent one scope each). */
  ids: string[] | null;
}

let nextId = 1;
export const newRow = (r: Omit<ScopeRowModel, 'id'>): ScopeRowModel => ({ ...r, id: nextId++ });

export function rowsToScopes(rows: ScopeRowModel[]): ScopeRequest[] {
  return rows.flatMap((r): ScopeRequest[] =>
    r.ids === null
      ? [{ object_type: r.objectType, object_id: null, action: r.action }]
      : r.ids.map((id) => ({ object_type: r.objectType, object_id: id, action: r.action })),
  );
}

/** Scopes back into editor rows: type-wide scopes stay one row; named ones of the same type and action share a row. */
export function scopesToRows(scopes: ScopeRequest[]): ScopeRowModel[] {
  const rows: ScopeRowModel[] = [];
  for (const s of scopes) {
    if (s.object_id === null) {
      rows.push(newRow({ objectType: s.object_type, action: s.action, ids: null }));
      continue;
    }
    const same = rows.find((r) => r.ids !== null && r.objectType === s.object_type && r.action === s.action);
    if (same?.ids) same.ids.push(s.object_id);
    else rows.push(newRow({ objectType: s.object_type, action: s.action, ids: [s.object_id] }));
  }
  return rows;
}

/**
 * Only invoking is usable with a scoped key (key-powers.ts), so every preset invokes; none reads or
 * manages, which Chutes' API would refuse with 401.
 */
export type PresetId = 'invoke-chutes' | 'invoke-chute';
export const PRESETS: { id: PresetId; label: string; explain: string }[] = [
  {
    id: 'invoke-chutes',
    label: 'Invoke any chute',
    explain: `Call any chute on Chutes, public ones included, and ${PUBLIC_MODELS}; nothing else.`,
  },
  {
    id: 'invoke-chute',
    label: 'Invoke one of your chutes',
    // Chutes lets any invoking chutes scope through to the public-model hosts (key-powers.ts).
    explain: `Call one chosen chute of yours, and also ${PUBLIC_MODELS}.`,
  },
];

export function presetRows(id: PresetId, targets: ScopeTargets | undefined): ScopeRowModel[] {
  switch (id) {
    case 'invoke-chutes':
      return [newRow({ objectType: 'chutes', action: 'invoke', ids: null })];
    case 'invoke-chute': {
      const first = targets?.chutes[0];
      return [newRow({ objectType: 'chutes', action: 'invoke', ids: first ? [first.id] : [] })];
    }
  }
}

export function editorRequest(name: string, admin: boolean, rows: ScopeRowModel[]): CreateKeyRequest {
  return { name, admin, scopes: admin ? [] : rowsToScopes(rows) };
}
