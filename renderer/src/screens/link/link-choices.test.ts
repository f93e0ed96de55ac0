import { describe, expect, it } from 'vitest';
import type { HotkeyEntry, WalletsView } from '../../../../shared/wallets';
import { KEYCHAIN_GROUP, linkChoices } from './link-choices';

const hotkey = (name: string, ss58: string, over: Partial<HotkeyEntry> = {}): HotkeyEntry => ({
  id: name,
  name,
  fileName: name,
  status: 'ok',
  ss58,
  hasSeed: true,
  permissions: { status: 'private', mode: 0o600 },
  ...over,
});

const view = (hotkeys: HotkeyEntry[], seeds: string[]): WalletsView =>
  ({
    walletsPath: '/w',
    status: 'ok',
    seedsVerified: false,
    wallets: [
      {
        id: 'val',
        name: 'val',
        status: 'ok',
        coldkey: { status: 'missing', ss58: null, hasPrivateColdkey: false },
        hotkeysFolder: 'ok',
        hotkeys,
      },
    ],
    seedsInKeychain: seeds.map((ss58) => ({ ss58, label: `kept-${ss58}`, addedAt: null })),
  }) as unknown as WalletsView;

describe('linkChoices', () => {
  it('offers a wallet hotkey whose seed only the keychain holds, and keychain seeds no wallet lists', () => {
    const choices = linkChoices(
      view(
        [
          hotkey('file', '5FILE'),
          hotkey('held', '5HELD', { status: 'public-only', hasSeed: false }),
          hotkey('none', '5NONE', { status: 'public-only', hasSeed: false }),
        ],
        ['5HELD', '5LOOSE', '5ACCOUNT'],
      ),
      '5ACCOUNT',
    );
    expect(choices.map((c) => [c.group, c.seedFrom, c.source])).toEqual([
      ['Wallet val', 'file', { kind: 'wallet', walletId: 'val', hotkeyId: 'file' }],
      ['Wallet val', 'keychain', { kind: 'wallet', walletId: 'val', hotkeyId: 'held' }],
      [KEYCHAIN_GROUP, 'keychain', { kind: 'keychain', ss58: '5LOOSE' }],
    ]);
    expect(choices[2]?.label).toBe('kept-5LOOSE — 5LOOSE');
  });
});
