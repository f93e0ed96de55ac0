import { describe, expect, it } from 'vitest';
import { groupsOf } from './groups-of';

describe('groupsOf', () => {
  it('cuts into pieces of the size, the last one shorter', () => {
    expect(groupsOf('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(groupsOf('abcd', 4)).toEqual(['abcd']);
    expect(groupsOf('', 4)).toEqual([]);
  });
});
