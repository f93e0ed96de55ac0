import { describe, expect, it } from 'vitest';
import { keyPowers } from './key-powers';
import { presetRows, PRESETS, editorRequest } from './scope-rows';

const CHUTE = '11111111-1111-4111-8111-111111111111';
const IMAGE = '22222222-2222-4222-8222-222222222222';
const targets = { chutes: [{ id: CHUTE, name: 'llama-chat' }], images: [{ id: IMAGE, name: 'vllm-img' }] };

describe('keyPowers', () => {
  it('says an admin key can do everything through the API but what needs the fingerprint', () => {
    const powers = keyPowers({ name: 'a', admin: true, scopes: [] }, targets);
    expect(powers.can[0]).toContain('manage its API keys and secrets, and transfer its balance');
    expect(powers.unusable).toEqual([]);
    expect(powers.cannot).toMatch(
      /^It cannot delete the account or change its fingerprint or hotkey: those need the fingerprint\. Anyone holding it acts as you/,
    );
  });

  // Reference §1.4: a REST route is checked against its path's last segment ("" for /chutes/), which
  // no scope names, so a scoped key can only invoke; invoking "every chute" means any chute at all.
  it('promises a scoped key only invoking, any chute including public ones, and says the rest is of no use', () => {
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
      'Invoke the chute llama-chat',
      'Invoke any chute on Chutes — public ones included, not only yours — billed to this account',
      'Also invoke every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account, even when its scopes name one chute',
    ]);
    expect(powers.unusable).toEqual(['read, create and change, delete the chute llama-chat', 'read every image']);
    expect(powers.cannot).toBe(
      'It cannot read or change anything through Chutes’ API — chutes, images, API keys, secrets, the account or its balance: that takes an admin key.',
    );
  });

  // chutes-api: llm./embed./image. hosts are checked as chutes __megallm__ etc., and has_access lets any
  // chutes scope with action invoke or none through for them without comparing its object_id.
  it('says a key scoped to one chute can also invoke every public model through the mega hosts', () => {
    for (const action of ['invoke', null] as const) {
      const powers = keyPowers(
        { name: 'k', admin: false, scopes: [{ object_type: 'chutes', object_id: CHUTE, action }] },
        targets,
      );
      expect(powers.can, String(action)).toEqual([
        'Invoke the chute llama-chat',
        'Also invoke every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account, even when its scopes name one chute',
      ]);
    }
    const oneChute = PRESETS.find((p) => p.id === 'invoke-chute');
    expect(oneChute?.explain).toBe(
      'Call one chosen chute of yours, and also every public LLM, embedding and image model through llm.chutes.ai, embed.chutes.ai and image.chutes.ai, billed to this account.',
    );
  });

  it('groups objects of one action and names unknown ones by id; a key that cannot invoke can do nothing', () => {
    const other = '33333333-3333-4333-8333-333333333333';
    const powers = keyPowers(
      {
        name: 'k',
        admin: false,
        scopes: [
          { object_type: 'images', object_id: IMAGE, action: 'write' },
          { object_type: 'images', object_id: other, action: 'write' },
          { object_type: 'storage', object_id: null, action: null },
        ],
      },
      targets,
    );
    expect(powers.can).toEqual(['Nothing: none of its scopes lets it invoke a chute']);
    expect(powers.unusable).toEqual([
      `create and change 2 chosen images (vllm-img, ${other})`,
      'do anything with every storage object',
    ]);
    expect(keyPowers({ name: 'k', admin: false, scopes: [] }).can).toEqual(['Nothing: it has no scopes']);
  });

  it('every preset makes a key that can do what its button says', () => {
    expect(PRESETS.map((p) => p.label)).toEqual(['Invoke any chute', 'Invoke one of your chutes']);
    for (const preset of PRESETS) {
      const powers = keyPowers(editorRequest('k', false, presetRows(preset.id, targets)), targets);
      expect(powers.unusable, preset.id).toEqual([]);
      expect(
        powers.can.every((line) => /^(Also )?[Ii]nvoke /.test(line)),
        preset.id,
      ).toBe(true);
    }
  });
});
