import { describe, expect, it } from 'vitest';
import type { HotkeyEntry, WalletsView } from '../../../../shared/wallets';
import { KEYCHAIN_GROUP, linkChoices, pickChoice, unusableHotkeys } from './link-choices';

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

describe('pickChoice', () => {
  const list = (seeds: string[]) =>
    view(
      [hotkey('a', '5A'), hotkey('enc', '5ENC', { status: 'encrypted', hasSeed: false, message: 'Encrypted.' })],
      seeds,
    );

  it('stands on the first entry until one is picked, then on that one even when the list is reordered', () => {
    const before = linkChoices(list(['5HELD']), '5ACCOUNT');
    expect(pickChoice(before, '', list(['5HELD'])).choice?.value).toBe('wallet:val#a');
    // The keychain answers later and a keychain-only seed now sorts first.
    const reordered = [...linkChoices(list(['5HELD']), '5ACCOUNT')].reverse();
    expect(reordered[0]?.value).toBe('keychain:5HELD');
    expect(pickChoice(reordered, 'wallet:val#a', list(['5HELD']))).toMatchObject({
      choice: { value: 'wallet:val#a' },
      gone: false,
    });
  });

  it('says a picked entry that left the list is gone, rather than standing on another one', () => {
    const now = list([]);
    expect(pickChoice(linkChoices(now, '5ACCOUNT'), 'keychain:5HELD', now)).toEqual({ choice: undefined, gone: true });
    // An empty list too: nothing to fall back to, and still not "no hotkey picked".
    expect(pickChoice([], 'keychain:5HELD', now)).toEqual({ choice: undefined, gone: true });
  });

  it('does not call it gone while the list is unread or the keychain does not answer', () => {
    expect(pickChoice([], 'keychain:5HELD', undefined)).toEqual({ choice: undefined, gone: false });
    const unknown = { ...list([]), seedsInKeychain: null } as WalletsView;
    expect(pickChoice(linkChoices(unknown, '5ACCOUNT'), 'keychain:5HELD', unknown)).toEqual({
      choice: undefined,
      gone: false,
    });
  });
});

describe('unusableHotkeys', () => {
  it('names the wallet hotkeys left out of the picker, with the scan’s reason', () => {
    const v = view(
      [
        hotkey('a', '5A'),
        hotkey('enc', '5ENC', { status: 'encrypted', hasSeed: false, message: 'Encrypted with a password.' }),
        hotkey('pub', '5PUB', { status: 'public-only', hasSeed: false }),
        hotkey('held', '5HELD', { status: 'public-only', hasSeed: false }),
      ],
      ['5HELD'],
    );
    expect(unusableHotkeys(v)).toEqual([
      { label: 'val/enc', why: 'Encrypted with a password.' },
      { label: 'val/pub', why: 'its file holds no seed, and the keychain has none for it' },
    ]);
  });
});
