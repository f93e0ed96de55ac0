import { Keyring } from '@polkadot/keyring';
import { checkAddress, encodeAddress } from '@polkadot/util-crypto';
import { cryptoWaitReady, sr25519Verify } from '@polkadot/util-crypto';
import { getPublicKey, secretFromSeed, verify } from '@scure/sr25519';
import { describe, expect, it } from 'vitest';
import {
  buildSigningMessage,
  decodeSs58,
  isValidSs58,
  loadPublicKeyDeriver,
  nonceFrom,
  sha256Hex,
  signedHeaders,
  signMessage,
  ss58FromSeed,
} from './index';

// Worked example from the Chutes API `../shared/reference/chutes-account-api.md` §1.2.
const SEED = Buffer.from('fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e', 'hex');
const PUBLIC_KEY = '46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a';
const HOTKEY = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const BODY = '{"name":"desk","admin":true}';
const BODY_SHA = '52f6d381031e36f43f966b7be298f6e08ad77faf8a1d368995dff2b42b84cafe';

const scureVerify = (message: string, hex: string, publicKey: Uint8Array) =>
  verify(new TextEncoder().encode(message), Buffer.from(hex, 'hex'), publicKey);

describe('signing message', () => {
  it('hashes the exact body bytes', () => {
    expect(sha256Hex(BODY)).toBe(BODY_SHA);
    expect(sha256Hex(new TextEncoder().encode(BODY))).toBe(BODY_SHA);
    expect(buildSigningMessage({ hotkey: HOTKEY, nonce: '1700000000', body: BODY })).toBe(
      `${HOTKEY}:1700000000:${BODY_SHA}`,
    );
    // Same JSON, different bytes: a different message.
    expect(
      buildSigningMessage({ hotkey: HOTKEY, nonce: '1700000000', body: '{"name": "desk", "admin": true}' }),
    ).not.toContain(BODY_SHA);
  });

  it('uses the purpose for body-less requests, and the purpose wins like on the server', () => {
    expect(buildSigningMessage({ hotkey: HOTKEY, nonce: '1700000000', purpose: 'me' })).toBe(`${HOTKEY}:1700000000:me`);
    expect(buildSigningMessage({ hotkey: HOTKEY, nonce: '1', purpose: 'api_keys', body: BODY })).toBe(
      `${HOTKEY}:1:api_keys`,
    );
    expect(buildSigningMessage({ hotkey: HOTKEY, nonce: '1', body: '' })).toBe(
      `${HOTKEY}:1:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
    );
  });

  it('refuses a message with neither purpose nor body, or a non-digit nonce', () => {
    expect(() => buildSigningMessage({ hotkey: HOTKEY, nonce: '1' })).toThrow(/purpose or a body/);
    expect(() => buildSigningMessage({ hotkey: HOTKEY, nonce: '1.5', purpose: 'me' })).toThrow(/decimal digits/);
  });

  it('derives the nonce from whole seconds', () => {
    expect(nonceFrom(1_700_000_000_999)).toBe('1700000000');
  });
});

describe('sr25519', () => {
  it('derives the reference hotkey, as Keyring.addFromSeed does', async () => {
    expect(await ss58FromSeed(SEED)).toBe(HOTKEY);
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromSeed(SEED);
    expect(pair.address).toBe(HOTKEY);
    expect(Buffer.from(pair.publicKey).toString('hex')).toBe(PUBLIC_KEY);
  });

  it('derives the same public key synchronously for bulk checks, leaving the seed intact', async () => {
    const derive = await loadPublicKeyDeriver();
    const seed = Uint8Array.from(SEED);
    expect(Buffer.from(derive(seed)).toString('hex')).toBe(PUBLIC_KEY);
    expect(Buffer.from(seed).equals(SEED)).toBe(true);
    expect(() => derive(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('signs so that @scure/sr25519 and the independent polkadot wasm code both verify it, hex without 0x', async () => {
    const message = `${HOTKEY}:1700000000:${BODY_SHA}`;
    const sig = await signMessage(SEED, message);
    expect(sig).toMatch(/^[0-9a-f]{128}$/);
    const publicKey = Buffer.from(PUBLIC_KEY, 'hex');
    expect(scureVerify(message, sig, publicKey)).toBe(true);
    expect(scureVerify(`${message}x`, sig, publicKey)).toBe(false);
    await cryptoWaitReady();
    expect(sr25519Verify(message, `0x${sig}`, publicKey)).toBe(true);
    expect(sr25519Verify(`${message}x`, `0x${sig}`, publicKey)).toBe(false);
    // The key scure derives from the same seed is the one we sign for.
    expect(Buffer.from(getPublicKey(secretFromSeed(SEED))).toString('hex')).toBe(PUBLIC_KEY);
  });

  it('leaves the caller seed intact and rejects wrong seed lengths', async () => {
    const seed = Uint8Array.from(SEED);
    await signMessage(seed, 'x');
    expect(Buffer.from(seed).equals(SEED)).toBe(true);
    await expect(signMessage(new Uint8Array(31), 'x')).rejects.toThrow(/32 bytes/);
  });
});

describe('signedHeaders', () => {
  it('builds the v1 headers for a body request, verifiable by scure', async () => {
    const headers = await signedHeaders({ hotkey: HOTKEY, seed: SEED, nonce: '1700000000', body: BODY, userId: 'u-1' });
    expect(Object.keys(headers).sort()).toEqual([
      'X-Chutes-Hotkey',
      'X-Chutes-Nonce',
      'X-Chutes-Signature',
      'X-Chutes-UserID',
    ]);
    expect(headers['X-Chutes-Nonce']).toBe('1700000000');
    expect(headers['X-Chutes-UserID']).toBe('u-1');
    expect(
      scureVerify(`${HOTKEY}:1700000000:${BODY_SHA}`, headers['X-Chutes-Signature'], Buffer.from(PUBLIC_KEY, 'hex')),
    ).toBe(true);
  });

  it('omits the user id when not given', async () => {
    const headers = await signedHeaders({ hotkey: HOTKEY, seed: SEED, nonce: '5', purpose: 'me' });
    expect('X-Chutes-UserID' in headers).toBe(false);
    expect(scureVerify(`${HOTKEY}:5:me`, headers['X-Chutes-Signature'], Buffer.from(PUBLIC_KEY, 'hex'))).toBe(true);
  });
});

describe('SS58 validation', () => {
  it('accepts real addresses and returns their public key', () => {
    expect(Buffer.from(decodeSs58(HOTKEY)?.publicKey ?? []).toString('hex')).toBe(PUBLIC_KEY);
    expect(isValidSs58('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')).toBe(true);
  });

  it('agrees with polkadot on random keys and rejects corruptions', () => {
    for (let i = 0; i < 20; i++) {
      const key = Uint8Array.from({ length: 32 }, (_, j) => (i * 37 + j * 11) & 0xff);
      const address = encodeAddress(key, 42);
      expect(isValidSs58(address)).toBe(true);
      const last = address.at(-1) === 'a' ? 'b' : 'a';
      const broken = `${address.slice(0, -1)}${last}`;
      expect(isValidSs58(broken)).toBe(checkAddress(broken, 42)[0]);
      expect(isValidSs58(broken)).toBe(false);
    }
  });

  it('rejects other prefixes, bad characters and wrong lengths', () => {
    expect(isValidSs58(encodeAddress(Buffer.from(PUBLIC_KEY, 'hex'), 0))).toBe(false);
    expect(isValidSs58(HOTKEY.replace('G', '0'))).toBe(false);
    expect(isValidSs58(HOTKEY.slice(1))).toBe(false);
    expect(isValidSs58('')).toBe(false);
  });
});
