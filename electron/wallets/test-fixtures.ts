import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createWalletFs, type WalletFs } from './wallet-fs';

/** Test-only: real btwallet-shaped key files generated with @polkadot/keyring. */
export interface TestKey {
  seed: Uint8Array;
  ss58: string;
  /** The file body exactly as btwallet lays it out. */
  json: Record<string, string>;
}

// Dynamic imports like the app's own (sr25519.ts): under tsx a static import would load the CJS
// build next to the ESM one and polkadot warns about duplicate packages.
export async function makeKey(): Promise<TestKey> {
  const [{ Keyring }, { u8aToHex }, { cryptoWaitReady, mnemonicGenerate, mnemonicToMiniSecret, sr25519PairFromSeed }] =
    await Promise.all([import('@polkadot/keyring'), import('@polkadot/util'), import('@polkadot/util-crypto')]);
  await cryptoWaitReady();
  const mnemonic = mnemonicGenerate(12);
  const seed = mnemonicToMiniSecret(mnemonic);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const pair = keyring.addFromSeed(seed);
  const { secretKey } = sr25519PairFromSeed(seed);
  const publicKey = u8aToHex(pair.publicKey);
  return {
    seed,
    ss58: pair.address,
    json: {
      accountId: publicKey,
      publicKey,
      privateKey: u8aToHex(secretKey),
      secretPhrase: mnemonic,
      secretSeed: u8aToHex(seed),
      ss58Address: pair.address,
    },
  };
}

/** What `hotkeypub.txt` / `coldkeypub.txt` hold: public fields, private ones null. */
export function publicJson(key: TestKey): string {
  return JSON.stringify({
    accountId: key.json.accountId,
    publicKey: key.json.publicKey,
    privateKey: null,
    secretPhrase: null,
    secretSeed: null,
    ss58Address: key.ss58,
  });
}

export async function tempDir(prefix = 'chutes-wallets-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** `files` maps paths relative to `root` (string or raw bytes for non-UTF-8 names) to contents. */
export async function writeTree(
  root: string,
  files: Array<[string | Buffer, string | Buffer]>,
  mode = 0o600,
): Promise<void> {
  for (const [rel, content] of files) {
    const target =
      typeof rel === 'string' ? Buffer.from(path.join(root, rel)) : Buffer.concat([Buffer.from(root + path.sep), rel]);
    await fs.mkdir(target.subarray(0, target.lastIndexOf(path.sep)), { recursive: true });
    await fs.writeFile(target, content, { mode });
    await fs.chmod(target, mode);
  }
}

/** The real wallet fs, telling `opened` the path (latin1) of each key file it read. */
export function openingFs(opened: (target: string) => void): WalletFs {
  const real = createWalletFs();
  return {
    ...real,
    readCapped: (target, cap) => {
      const read = real.readCapped(target, cap);
      opened(target.toString('latin1'));
      return read;
    },
  };
}
