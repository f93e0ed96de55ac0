import { describe, expect, it } from 'vitest';
import type { WalletsView } from '../../../../shared/wallets';
import { profileView } from '../../lib/profile-fixture.test-helper';
import { hotkeyNames } from './hotkey-names';

const wallets = (view: Partial<WalletsView>): WalletsView =>
  ({ wallets: [], seedsInKeychain: [], ...view }) as WalletsView;

describe('hotkeyNames', () => {
  it('prefers the wallets folder’s wallet/hotkey, then the keychain’s name, then a profile’s', () => {
    const names = hotkeyNames(
      wallets({
        wallets: [
          {
            name: 'alpha',
            hotkeys: [
              { name: 'hk1', ss58: 'A' },
              { name: 'watch', ss58: null },
            ],
          },
        ],
        seedsInKeychain: [
          { ss58: 'A', label: 'imported-a', addedAt: null },
          { ss58: 'B', label: 'backup', addedAt: null },
          { ss58: 'C', label: null, addedAt: null },
        ],
      } as unknown as Partial<WalletsView>),
      [profileView({ hotkeySs58: 'B', hotkeyName: 'default' }), profileView({ hotkeySs58: 'C', hotkeyName: 'main' })],
    );
    expect([...names]).toEqual([
      ['A', 'alpha/hk1'],
      ['B', 'backup'],
      ['C', 'main'],
    ]);
  });

  it('names the profiles’ hotkeys before the wallets are read', () => {
    expect(hotkeyNames(undefined, [profileView()]).get(profileView().hotkeySs58)).toBe('default');
  });
});
