import { describe, expect, it } from 'vitest';
import type { Transport } from '../transport';
import { listOwnChutes } from './owned-objects';

describe('listOwnChutes', () => {
  it('takes a page of 150,000 items (within the body cap) without overflowing the stack', async () => {
    const items = Array.from({ length: 150_000 }, (_, i) => ({ chute_id: `c${i}`, name: '' }));
    const transport = { request: () => Promise.resolve({ total: items.length, items }) } as unknown as Transport;
    const chutes = await listOwnChutes(transport, '5hotkey');
    expect(chutes).toHaveLength(150_000);
    expect(chutes[149_999]).toEqual({ id: 'c149999', name: '' });
  });
});
