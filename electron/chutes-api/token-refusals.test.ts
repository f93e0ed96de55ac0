import { describe, expect, it } from 'vitest';
import { createTokenRefusals, REFUSAL_MS } from './token-refusals';
import type { Auth } from './types';

describe('token refusals', () => {
  it('sends v1 instead of a token for a while after a refusal, only where the endpoint takes v1', () => {
    let t = 1_000;
    const refusals = createTokenRefusals(() => t);
    const keys: Auth = { kind: 'jwt', hotkey: 'hk', v1: { purpose: 'api_keys' } };
    const create: Auth = { kind: 'jwt', hotkey: 'hk', v1: {} };
    const quotas: Auth = { kind: 'jwt', hotkey: 'hk' };
    expect(refusals.effective(keys)).toBe(keys);
    refusals.refuse('hk');
    expect(refusals.effective(keys)).toEqual({ kind: 'hotkey', hotkey: 'hk', purpose: 'api_keys' });
    expect(refusals.effective(create)).toEqual({ kind: 'hotkey', hotkey: 'hk' });
    expect(refusals.effective(quotas)).toBe(quotas);
    expect(refusals.effective({ ...keys, hotkey: 'other' })).toEqual({ ...keys, hotkey: 'other' });
    t += REFUSAL_MS;
    expect(refusals.effective(keys)).toBe(keys);
  });
});
