import { describe, expect, it } from 'vitest';
import { cliCommand, createKeyRequest, keyName, requestJson, rotatedName, spacesShown, typedKeyName } from './api-keys';

const CHUTE = '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b';

describe('API key request schema (editor, JSON tab and main share it)', () => {
  it('accepts names the server accepts, and refuses the ones it refuses', () => {
    for (const ok of ['a', 'ci deploy', 'x'.repeat(24), 'prod-key_1.$', 'clé-été'])
      expect(keyName.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'x'.repeat(25), 'a/b', 'semi;colon', '   '])
      expect(keyName.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('refuses spaces that cannot be seen, saying which, first problem first', () => {
    const first = (name: string) => keyName.safeParse(name).error?.issues[0]?.message;
    expect(first(' ci')).toBe('The name cannot start or end with a space.');
    expect(first('ci ')).toBe('The name cannot start or end with a space.');
    expect(first('ci  deploy')).toBe('Use single spaces between words: two or more in a row look like one.');
    expect(first('ci\tdeploy')).toBe('Use plain spaces only: no tabs or line breaks.');
    expect(first('   ')).toBe('The name cannot be only spaces.');
    expect(keyName.safeParse('ci deploy now').success).toBe(true);
  });

  it('shows the spaces of a server-given name that cannot be seen, and takes the name typed with them evened out', () => {
    expect(spacesShown('ci deploy')).toBeNull();
    expect(spacesShown(' ci  deploy ')).toBe('␣ci␣␣deploy␣');
    expect(spacesShown('ci\tdeploy')).toBe('ci␣deploy');
    expect(typedKeyName('ci deploy', ' ci  deploy ')).toBe(true);
    expect(typedKeyName(' ci  deploy ', ' ci  deploy ')).toBe(true);
    expect(typedKeyName('ci deploy', 'ci\tdeploy')).toBe(true);
    expect(typedKeyName('cideploy', ' ci  deploy ')).toBe(false);
    expect(typedKeyName('ci deploy x', ' ci  deploy ')).toBe(false);
    expect(typedKeyName('', ' ')).toBe(false);
  });

  it('checks object types, actions and object ids, with the failing field named', () => {
    const base = { name: 'k', admin: false };
    expect(
      createKeyRequest.safeParse({ ...base, scopes: [{ object_type: 'chutes', object_id: CHUTE, action: 'invoke' }] })
        .success,
    ).toBe(true);
    const issues = (v: unknown) => {
      const r = createKeyRequest.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues({ ...base, scopes: [{ object_type: 'bogus', object_id: null, action: null }] })).toEqual([
      'scopes.0.object_type',
    ]);
    // The newest server's fourth type (§5.1): asked for as any other.
    expect(issues({ ...base, scopes: [{ object_type: 'storage', object_id: null, action: null }] })).toEqual([]);
    expect(issues({ ...base, scopes: [{ object_type: 'images', object_id: null, action: 'nuke' }] })).toEqual([
      'scopes.0.action',
    ]);
    expect(issues({ ...base, scopes: [{ object_type: 'chutes', object_id: 'my-chute', action: null }] })).toEqual([
      'scopes.0.object_id',
    ]);
    expect(issues({ ...base, scopes: [] })).toEqual(['scopes']);
    expect(
      issues({ name: 'k', admin: true, scopes: [{ object_type: 'chutes', object_id: null, action: null }] }),
    ).toEqual(['scopes']);
    expect(issues({ name: 'k', scopes: [] })).toContain('admin');
    expect(issues({ ...base, scopes: [{ object_type: 'chutes', object_id: null, action: null, extra: 1 }] })).toEqual([
      'scopes.0',
    ]);
  });

  it('takes a left-out object_id or action as null and left-out scopes as none, as the server does', () => {
    expect(createKeyRequest.parse({ name: 'k', admin: false, scopes: [{ object_type: 'images' }] })).toEqual({
      name: 'k',
      admin: false,
      scopes: [{ object_type: 'images', object_id: null, action: null }],
    });
    expect(
      createKeyRequest.parse({ name: 'k', admin: false, scopes: [{ object_type: 'chutes', action: 'invoke' }] }).scopes,
    ).toEqual([{ object_type: 'chutes', object_id: null, action: 'invoke' }]);
    expect(createKeyRequest.parse({ name: 'ops', admin: true })).toEqual({ name: 'ops', admin: true, scopes: [] });
    // A scoped key still needs a scope: left out is the same as none.
    const none = createKeyRequest.safeParse({ name: 'k', admin: false });
    expect(none.success ? [] : none.error.issues.map((i) => i.path.join('.'))).toEqual(['scopes']);
  });

  it('shows the exact body and the CLI equivalent, quoted for a shell', () => {
    const req = {
      name: "bob's key",
      admin: false,
      scopes: [{ object_type: 'chutes' as const, object_id: null, action: 'invoke' as const }],
    };
    expect(JSON.parse(requestJson(req))).toEqual(req);
    expect(cliCommand(req)).toBe(
      `chutes keys create --name 'bob'\\''s key' --json-input '{"scopes":[{"object_type":"chutes","object_id":null,"action":"invoke"}]}'`,
    );
    expect(cliCommand({ name: 'ops', admin: true, scopes: [] })).toBe(`chutes keys create --name 'ops' --admin`);
  });

  it('suffixes rotated names within 24 characters and past taken ones', () => {
    expect(rotatedName('worker', new Set())).toBe('worker-r2');
    expect(rotatedName('worker-r2', new Set(['worker-r2']))).toBe('worker-r3');
    const long = 'x'.repeat(24);
    expect(rotatedName(long, new Set())).toBe(`${'x'.repeat(21)}-r2`);
    expect(keyName.safeParse(rotatedName(long, new Set())).success).toBe(true);
  });
});
