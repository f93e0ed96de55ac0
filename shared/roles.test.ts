import { describe, expect, it } from 'vitest';
import { rolesOf } from './roles';

describe('rolesOf', () => {
  it('names role bits, using the server texts when they line up', () => {
    expect(rolesOf(0b10001, ['Dev text', 'Free text'])).toEqual([
      { bit: 0, name: 'developer', description: 'Dev text.' },
      { bit: 4, name: 'free_account', description: 'Free text.' },
    ]);
    expect(rolesOf(1 << 5, null)[0]).toMatchObject({ name: 'unlimited', description: 'No rate limits.' });
    expect(rolesOf(0, [])).toEqual([]);
  });

  it('names unknown bits, and shows texts sent without a bitmask', () => {
    expect(rolesOf(1 << 20, null)).toEqual([{ bit: 20, name: 'role_20', description: 'role 20' }]);
    expect(rolesOf(null, ['Legacy role'])).toEqual([{ bit: -1, name: 'Legacy role', description: 'Legacy role' }]);
  });

  it('shows at most one text per bit, each cut to a line, however many a server sends', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `role ${i} ${'x'.repeat(1000)}`);
    const roles = rolesOf(null, many);
    expect(roles).toHaveLength(31);
    expect(roles[0]!.description.length).toBe(300);
  });

  it('shows the server\'s " -- " as a dash, without repeating the role\'s name, as a sentence', () => {
    expect(rolesOf(1, ['Developer -- create and deploy images and chutes.'])[0]?.description).toBe(
      'Create and deploy images and chutes.',
    );
    expect(rolesOf(1 << 11, ['Allow deploying models publicly'])[0]?.description).toBe(
      'Allow deploying models publicly.',
    );
    expect(rolesOf(1 << 4, ['Free -- x -- y'])[0]?.description).toBe('Free — x — y.');
    expect(rolesOf(1 << 4, ['Free account -- run anything'])[0]?.description).toBe('Run anything.');
    expect(rolesOf(null, ['a -- b'])[0]?.description).toBe('a — b');
  });
});
