import { describe, expect, it } from 'vitest';
import { linkMessage, linkPath } from './link';

describe('link helpers', () => {
  it('signs `<ss58>:<username>` and picks the route per link type', () => {
    expect(linkMessage('5Abc', 'alice')).toBe('5Abc:alice');
    expect(linkPath('validator')).toBe('/users/link_validator');
    expect(linkPath('subnet_owner')).toBe('/users/link_subnet_owner');
  });
});
