import { randomBytes } from 'node:crypto';
import { base58Encode, encodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { bytesEqual, parseHex32 } from './bytes';
import { base58Decode, decodeSs58, isValidSs58 } from './ss58';

describe('decodeSs58', () => {
  it('agrees with @polkadot/util-crypto for single- and two-byte prefixes', () => {
    for (const prefix of [42, 0, 2, 63, 64, 1284, 16383]) {
      for (let i = 0; i < 20; i++) {
        const publicKey = Uint8Array.from(randomBytes(32));
        const decoded = decodeSs58(encodeAddress(publicKey, prefix));
        expect(decoded?.prefix).toBe(prefix);
        expect(decoded && bytesEqual(decoded.publicKey, publicKey)).toBe(true);
      }
    }
  });

  it('rejects a bad checksum, bad characters and wrong lengths', () => {
    const good = encodeAddress(Uint8Array.from(randomBytes(32)), 42);
    const last = good.at(-1) === 'A' ? 'B' : 'A';
    expect(decodeSs58(good.slice(0, -1) + last)).toBeNull();
    expect(decodeSs58(good.replace(/.$/, '0'))).toBeNull();
    expect(decodeSs58(good.slice(0, 20))).toBeNull();
    expect(decodeSs58('')).toBeNull();
    expect(decodeSs58('5'.repeat(200))).toBeNull();
  });
});

describe('isValidSs58', () => {
  it('accepts only addresses of the asked-for network prefix', () => {
    const publicKey = Uint8Array.from(randomBytes(32));
    expect(isValidSs58(encodeAddress(publicKey, 42))).toBe(true);
    expect(isValidSs58(encodeAddress(publicKey, 0))).toBe(false);
    expect(isValidSs58(encodeAddress(publicKey, 1284))).toBe(false);
    expect(isValidSs58(encodeAddress(publicKey, 1284), 1284)).toBe(true);
  });
});

describe('base58Decode', () => {
  it('agrees with @polkadot/util-crypto, leading zeros included', () => {
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from(randomBytes(1 + (i % 40)));
      if (i % 3 === 0) bytes.fill(0, 0, 1 + (i % 4));
      expect(Array.from(base58Decode(base58Encode(bytes)) ?? [])).toEqual(Array.from(bytes));
    }
    expect(base58Decode('0OIl')).toBeNull();
  });

  it('keeps leading zero bytes', () => {
    expect(Array.from(base58Decode('11') ?? [])).toEqual([0, 0]);
    expect(Array.from(base58Decode('1z') ?? [])).toEqual([0, 57]);
  });
});

describe('parseHex32', () => {
  const hex = 'ab'.repeat(32);
  it('accepts 32 bytes with or without 0x', () => {
    expect(parseHex32(hex)?.[0]).toBe(0xab);
    expect(parseHex32(`0x${hex}`)?.length).toBe(32);
    expect(parseHex32(`0x${hex.toUpperCase()}`)?.[31]).toBe(0xab);
  });
  it('rejects other lengths, non-hex and non-strings', () => {
    expect(parseHex32(`0x${hex}00`)).toBeNull();
    expect(parseHex32(hex.slice(2))).toBeNull();
    expect(parseHex32(`0x${'zz'.repeat(32)}`)).toBeNull();
    expect(parseHex32(42)).toBeNull();
    expect(parseHex32(null)).toBeNull();
  });
});
