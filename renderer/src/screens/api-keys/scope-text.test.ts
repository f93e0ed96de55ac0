import { describe, expect, it } from 'vitest';
import type { ApiKeyView } from '../../../../shared/api-keys';
import { chipsSource, fitChips, scopeChips } from './scope-text';
import { rowsToScopes, scopesToRows } from './scope-rows';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const key = (over: Partial<ApiKeyView>): ApiKeyView => ({
  id: A,
  userId: B,
  name: 'k',
  admin: false,
  createdAt: '2026-01-02T03:04:05',
  scopes: [],
  local: null,
  replacedBy: null,
  ...over,
});

describe('scope chips', () => {
  it('say the action only when this app recorded it', () => {
    const scopes = [
      { scopeId: '1', objectType: 'images', objectId: A },
      { scopeId: '2', objectType: 'images', objectId: B },
      { scopeId: '3', objectType: 'chutes', objectId: null },
    ];
    expect(scopeChips(key({ scopes }))).toEqual([
      { text: 'images: 2 chosen', actionKnown: false },
      { text: 'chutes: all', actionKnown: false },
    ]);
    const local = {
      keyId: A,
      name: 'k',
      admin: false,
      createdLocallyAt: '',
      replaces: null,
      requestedScopes: [
        { object_type: 'images' as const, object_id: A, action: 'read' as const },
        { object_type: 'images' as const, object_id: B, action: 'read' as const },
        { object_type: 'chutes' as const, object_id: null, action: 'invoke' as const },
      ],
    };
    expect(scopeChips(key({ scopes, local })).map((c) => c.text)).toEqual([
      'read · images: 2 chosen',
      'invoke · chutes: all',
    ]);
    // Solid or dashed is said in words too.
    expect(chipsSource(scopeChips(key({ scopes })), false)).toBe('Actions not reported by Chutes:');
    expect(chipsSource(scopeChips(key({ scopes, local })), true)).toBe('Actions as recorded by this app:');
    expect(chipsSource(scopeChips(key({ admin: true })), false)).toBeNull();
    expect(scopeChips(key({ admin: true })).map((c) => c.text)).toEqual(['everything the account can do']);
    expect(scopeChips(key({})).map((c) => c.text)).toEqual(['no scopes (can do nothing)']);
  });

  it('editor rows and scopes convert both ways', () => {
    const scopes = [
      { object_type: 'chutes' as const, object_id: null, action: 'invoke' as const },
      { object_type: 'images' as const, object_id: A, action: 'read' as const },
      { object_type: 'images' as const, object_id: B, action: 'read' as const },
    ];
    const rows = scopesToRows(scopes);
    expect(rows.map((r) => [r.objectType, r.action, r.ids])).toEqual([
      ['chutes', 'invoke', null],
      ['images', 'read', [A, B]],
    ]);
    expect(rowsToScopes(rows)).toEqual(scopes);
  });
});

describe('fitting chips into a row', () => {
  const chip = (text: string) => ({ text, actionKnown: true });

  it('shows every chip that fits and counts the rest', () => {
    const chips = ['invoke · chutes: all', 'read · images: 2 chosen', 'any · secrets: all'].map(chip);
    expect(fitChips(chips, 60)).toEqual({ shown: chips.slice(0, 2), more: 1 });
    expect(fitChips(chips, 200)).toEqual({ shown: chips, more: 0 });
  });

  it('always shows the first chip, however long, and keeps room for the count', () => {
    const chips = ['a very long chip text that alone overflows', 'x'].map(chip);
    expect(fitChips(chips, 10)).toEqual({ shown: chips.slice(0, 1), more: 1 });
    // 'ab' fits beside 'cd' only when no "+N" is needed after them.
    expect(fitChips(['ab', 'cd'].map(chip), 10).more).toBe(0);
    expect(fitChips(['ab', 'cd', 'ef'].map(chip), 10)).toEqual({ shown: [chip('ab')], more: 2 });
    expect(fitChips([], 10)).toEqual({ shown: [], more: 0 });
  });
});
