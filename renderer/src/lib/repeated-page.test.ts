import { describe, expect, it } from 'vitest';
import { repeatsEarlierPage } from './repeated-page';

describe('repeatsEarlierPage', () => {
  it('finds a page read before, wherever it was', () => {
    expect(
      repeatsEarlierPage(
        ['c', 'd'],
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
      ),
    ).toBe(true);
  });

  it('goes on past a page shifted by one, a shorter page and an empty one', () => {
    const earlier = [['a', 'b', 'c']];
    expect(repeatsEarlierPage(['b', 'c', 'd'], earlier)).toBe(false);
    expect(repeatsEarlierPage(['a', 'b'], earlier)).toBe(false);
    expect(repeatsEarlierPage(['a', 'c', 'b'], earlier)).toBe(false);
    expect(repeatsEarlierPage([], [[]])).toBe(false);
  });
});
