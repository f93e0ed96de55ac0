import type {
  CreateKeyRequest,
  ScopeAction,
  ScopeObjectType,
  ScopeRequest,
  ScopeTargets,
} from '../../../../shared/api-keys';

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

export type PresetId = 'invoke-chutes' | 'read-images' | 'manage-chute';
export const PRESETS: { id: PresetId; label: string; explain: string }[] = [
  { id: 'invoke-chutes', label: 'Invoke all chutes', explain: 'Call any of your chutes; nothing else.' },
  { id: 'read-images', label: 'Read-only images', explain: 'Read your images; no changes.' },
  { id: 'manage-chute', label: 'Manage one chute', explain: 'Any action on one chosen chute.' },
];

export function presetRows(id: PresetId, targets: ScopeTargets | undefined): ScopeRowModel[] {
  switch (id) {
    case 'invoke-chutes':
      return [newRow({ objectType: 'chutes', action: 'invoke', ids: null })];
    case 'read-images':
      return [newRow({ objectType: 'images', action: 'read', ids: null })];
    case 'manage-chute': {
      const first = targets?.chutes[0];
      return [newRow({ objectType: 'chutes', action: null, ids: first ? [first.id] : [] })];
    }
  }
}

export function editorRequest(name: string, admin: boolean, rows: ScopeRowModel[]): CreateKeyRequest {
  return { name, admin, scopes: admin ? [] : rowsToScopes(rows) };
}
