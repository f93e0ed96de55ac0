import { encodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { linkContract } from '../../shared/contract/link';
import '../ipc-router';
import { makeKey } from '../wallets/test-fixtures';

// The link's `reviewedHotkey` as main's boundary judges it (the router installs the full SS58 check).
describe('link input: reviewedHotkey', () => {
  const input = (reviewedHotkey: string) => ({
    kind: 'validator',
    source: { kind: 'keychain', ss58: reviewedHotkey },
    keepInKeychain: false,
    reviewedHotkey,
    reviewedUsername: 'alice',
    reviewedFor: 'p1',
  });
  const messages = (value: string) =>
    linkContract.link.input.safeParse(input(value)).error?.issues.map((i) => i.message) ?? [];

  it('says a well-formed address of another network is the wrong network prefix, not a bad checksum', async () => {
    const key = await makeKey();
    expect(messages(key.ss58)).toEqual([]);
    const polkadot = encodeAddress(key.ss58, 0);
    expect(messages(polkadot)).toContain(
      'That address is for another network (wrong network prefix): it uses SS58 prefix 0, not Bittensor’s 42.',
    );
    // A typo still breaks the checksum.
    const typo = `${key.ss58.slice(0, -1)}${key.ss58.endsWith('a') ? 'b' : 'a'}`;
    expect(messages(typo)).toContain('That is not a valid SS58 address (the checksum does not match).');
  });
});
