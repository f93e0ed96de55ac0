import { describe, expect, it } from 'vitest';
import { keyPowers } from './key-powers';

const CHUTE = '11111111-1111-4111-8111-111111111111';
const IMAGE = '22222222-2222-4222-8222-222222222222';
const targets = { chutes: [{ id: CHUTE, name: 'llama-chat' }], images: [{ id: IMAGE, name: 'vllm-img' }] };

describe('keyPowers', () => {
  it('says an admin key can do everything through the API but what needs the fingerprint', () => {
    const powers = keyPowers({ name: 'a', admin: true, scopes: [] }, targets);
    expect(powers.can[0]).toContain('manage its API keys and secrets, and transfer its balance');
    expect(powers.cannot).toMatch(
      /^It cannot delete the account or change its fingerprint or hotkey: those need the fingerprint\. Anyone holding it acts as you/,
    );
  });

  it('says "any action" includes delete, names chosen objects, and what no scoped key can do', () => {
    const powers = keyPowers(
      {
        name: 'k',
        admin: false,
        scopes: [
          { object_type: 'chutes', object_id: CHUTE, action: null },
          { object_type: 'images', object_id: null, action: 'read' },
          { object_type: 'chutes', object_id: null, action: 'invoke' },
        ],
      },
      targets,
    );
    expect(powers.can).toEqual([
      'Do anything with the chute llama-chat: read, create and change, delete, invoke',
      'Read every image',
      'Invoke every chute',
    ]);
    expect(powers.cannot).toContain('cannot manage API keys or secrets');
  });

  it('groups objects of one action and names unknown ones by id; a key without scopes can do nothing', () => {
    const other = '33333333-3333-4333-8333-333333333333';
    const powers = keyPowers(
      {
        name: 'k',
        admin: false,
        scopes: [
          { object_type: 'images', object_id: IMAGE, action: 'write' },
          { object_type: 'images', object_id: other, action: 'write' },
        ],
      },
      targets,
    );
    expect(powers.can).toEqual([`Create and change 2 chosen images (vllm-img, ${other})`]);
    expect(keyPowers({ name: 'k', admin: false, scopes: [] }).can).toEqual(['Nothing: it has no scopes']);
  });
});
