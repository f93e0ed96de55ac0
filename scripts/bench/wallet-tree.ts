import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ss58Address } from '../../e2e/sandbox/test-client';
import { makeKey, publicJson } from '../../electron/wallets/test-fixtures';

export interface Tree {
  root: string;
  /** Hotkey files written (every one is JSON, so the baseline parses each). */
  hotkeys: number;
}

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;

/**
 * A distinct address per file, so nothing can profit from every file being the same: random
 * public keys with a random seed (discovery checks a seed against its address only with
 * verifySeeds). Every 20th hotkey is public-only, as a `…pub.txt` copy alone would be.
 */
function fakeHotkeyJson(publicOnly: boolean): string {
  const publicKey = randomBytes(32);
  const ss58 = ss58Address(publicKey);
  return JSON.stringify({
    accountId: hex(publicKey),
    publicKey: hex(publicKey),
    privateKey: publicOnly ? null : hex(randomBytes(64)),
    secretPhrase: null,
    secretSeed: publicOnly ? null : hex(randomBytes(32)),
    ss58Address: ss58,
  });
}

/** `realKeys`: one real sr25519 keypair's JSON reused under every name (for verifySeeds). */
export async function makeTree(wallets: number, hotkeysPerWallet: number, realKeys = false): Promise<Tree> {
  const key = realKeys ? await makeKey() : null;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-bench-wallets-'));
  for (let w = 0; w < wallets; w++) {
    const wallet = path.join(root, `wallet${w}`);
    fs.mkdirSync(path.join(wallet, 'hotkeys'), { recursive: true });
    fs.writeFileSync(path.join(wallet, 'coldkeypub.txt'), key ? publicJson(key) : fakeHotkeyJson(true), {
      mode: 0o644,
    });
    for (let h = 0; h < hotkeysPerWallet; h++) {
      const body = key ? JSON.stringify(key.json) : fakeHotkeyJson(h % 20 === 19);
      fs.writeFileSync(path.join(wallet, 'hotkeys', `hotkey${h}`), body, { mode: 0o600 });
    }
  }
  // Old enough that the rescan cache trusts every file (it skips files changed in the last 2 s).
  const past = new Date(Date.now() - 60_000);
  for (const wallet of fs.readdirSync(root)) {
    for (const name of fs.readdirSync(path.join(root, wallet, 'hotkeys')))
      fs.utimesSync(path.join(root, wallet, 'hotkeys', name), past, past);
    fs.utimesSync(path.join(root, wallet, 'coldkeypub.txt'), past, past);
  }
  return { root, hotkeys: wallets * hotkeysPerWallet };
}

export const BASELINE_NAME = 'plain readdirSync+readFileSync+JSON.parse loop';

/**
 * The fastest plain code doing the same job: synchronous readdirSync + readFileSync + JSON.parse
 * over the same tree; no statuses, no permissions, no yielding to the event loop. (A sequential
 * fs.promises loop is about 20x slower than this on Linux, so it would flatter discovery.)
 */
export function baselineScan(root: string): number {
  let hotkeys = 0;
  for (const wallet of fs.readdirSync(root)) {
    const dir = path.join(root, wallet);
    JSON.parse(fs.readFileSync(path.join(dir, 'coldkeypub.txt'), 'utf8'));
    const hotkeysDir = path.join(dir, 'hotkeys');
    for (const name of fs.readdirSync(hotkeysDir)) {
      JSON.parse(fs.readFileSync(path.join(hotkeysDir, name), 'utf8'));
      hotkeys++;
    }
  }
  return hotkeys;
}
