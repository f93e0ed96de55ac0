import { describe, expect, it } from 'vitest';
import { decodeRoles, linkMessage, linkPath } from './link';

describe('link helpers', () => {
  it('decodes the role bits a link grants, in bit order, and names unknown bits', () => {
    expect(decodeRoles(0b10001).map((r) => r.name)).toEqual(['developer', 'free_account']);
    expect(decodeRoles(0)).toEqual([]);
    expect(decodeRoles(1 << 20).map((r) => r.name)).toEqual(['bit 20']);
  });

  it('signs `<ss58>:<username>` and picks the route per link type', () => {
    expect(linkMessage('5Abc', 'alice')).toBe('5Abc:alice');
    expect(linkPath('validator')).toBe('/users/link_validator');
    expect(linkPath('subnet_owner')).toBe('/users/link_subnet_owner');
  });
});
