import { describe, expect, it } from 'vitest';
import { groupSecrets } from './group-secrets';

const s = (key: string, chuteId: string) => ({
  secretId: `${chuteId}-${key}`,
  key,
  chuteId,
  createdAt: '2026-01-01T00:00:00',
});
const chutes = [
  { chuteId: 'c1', name: 'web-app' },
  { chuteId: 'c2', name: 'affine-miner' },
];

describe('groupSecrets', () => {
  it('groups by chute name, sorted, with a gone chute last and still shown', () => {
    const groups = groupSecrets([s('B', 'c1'), s('A', 'c1'), s('HF_TOKEN', 'c2'), s('X', 'gone')], chutes, '');
    expect(groups.map((g) => [g.chuteName, g.secrets.map((x) => x.key)])).toEqual([
      ['affine-miner', ['HF_TOKEN']],
      ['web-app', ['A', 'B']],
      [null, ['X']],
    ]);
  });

  it('searches keys and chute names, case-insensitively', () => {
    const all = [s('HF_TOKEN', 'c1'), s('DB_URL', 'c1'), s('HF_TOKEN', 'c2')];
    expect(groupSecrets(all, chutes, 'db').flatMap((g) => g.secrets.map((x) => x.secretId))).toEqual(['c1-DB_URL']);
    expect(groupSecrets(all, chutes, 'AFFINE').flatMap((g) => g.secrets.map((x) => x.secretId))).toEqual([
      'c2-HF_TOKEN',
    ]);
    expect(groupSecrets(all, chutes, 'nothing')).toEqual([]);
  });
});
