import { describe, expect, it } from 'vitest';
import { draftSlot } from './drafts';

describe('draftSlot', () => {
  it('keeps a draft per key until it is dropped', () => {
    const slot = draftSlot<{ path: string }>();
    slot.keep('a', { path: '/one' });
    slot.keep('b', { path: '/two' });
    expect(slot.read('a')).toEqual({ path: '/one' });
    slot.drop('a');
    expect(slot.read('a')).toBeUndefined();
    expect(slot.read('b')).toEqual({ path: '/two' });
  });

  it('drops after a submit only while the draft is still what was sent', () => {
    const slot = draftSlot<{ path: string }>();
    const sent = { path: '/sent' };
    slot.keep('a', sent);
    slot.keep('a', { path: '/typed after sending' });
    slot.drop('a', sent);
    expect(slot.read('a')).toEqual({ path: '/typed after sending' });
    slot.drop('a', { path: '/typed after sending' });
    expect(slot.read('a')).toBeUndefined();
  });
});
