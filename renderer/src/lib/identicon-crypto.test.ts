// eslint-disable-next-line no-restricted-imports -- the reference implementation the shim must match, in a test only
import { blake2AsU8a as realBlake2, decodeAddress as realDecode } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { blake2AsU8a, decodeAddress } from './identicon-crypto';

const ADDRESSES = [
  '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
  '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5', // polkadot prefix 0
];

describe('identicon crypto shim', () => {
  it('decodes the same public key as @polkadot/util-crypto', () => {
    for (const address of ADDRESSES) expect(decodeAddress(address)).toEqual(realDecode(address));
  });

  it('hashes like blake2AsU8a at 256 and 512 bits', () => {
    for (const address of ADDRESSES) {
      const key = realDecode(address);
      expect(blake2AsU8a(key, 512)).toEqual(realBlake2(key, 512));
      expect(blake2AsU8a(key)).toEqual(realBlake2(key));
    }
  });

  it('refuses what is not an address of a 32-byte account', () => {
    expect(() => decodeAddress('5Grwva')).toThrow();
  });
});
