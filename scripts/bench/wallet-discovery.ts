import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverWallets, type DiscoverCallOptions } from '../../electron/wallets/discover';
import { createDiscoveryCache } from '../../electron/wallets/discovery-cache';
import type { WalletsScan } from '../../shared/wallets';
import { makeKey, publicJson } from '../../electron/wallets/test-fixtures';
import { defineCase, type RunnableCase } from './harness';

interface Tree {
  root: string;
  hotkeys: number;
}

/** One real keypair's JSON reused under many names: generation stays fast, parsing stays real. */
async function makeTree(wallets: number, hotkeysPerWallet: number): Promise<Tree> {
  const key = await makeKey();
  const hotkeyJson = JSON.stringify(key.json);
  const coldJson = publicJson(key);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-bench-wallets-'));
  for (let w = 0; w < wallets; w++) {
    const wallet = path.join(root, `wallet${w}`);
    fs.mkdirSync(path.join(wallet, 'hotkeys'), { recursive: true });
    fs.writeFileSync(path.join(wallet, 'coldkeypub.txt'), coldJson, { mode: 0o644 });
    for (let h = 0; h < hotkeysPerWallet; h++) {
      fs.writeFileSync(path.join(wallet, 'hotkeys', `hotkey${h}`), hotkeyJson, { mode: 0o600 });
    }
  }
  return { root, hotkeys: wallets * hotkeysPerWallet };
}

/** What any straightforward implementation would do: a sequential readdir + readFile loop. */
async function baselineScan(root: string): Promise<number> {
  let hotkeys = 0;
  for (const wallet of await fs.promises.readdir(root)) {
    const dir = path.join(root, wallet);
    JSON.parse(await fs.promises.readFile(path.join(dir, 'coldkeypub.txt'), 'utf8'));
    const hotkeysDir = path.join(dir, 'hotkeys');
    for (const name of await fs.promises.readdir(hotkeysDir)) {
      JSON.parse(await fs.promises.readFile(path.join(hotkeysDir, name), 'utf8'));
      hotkeys++;
    }
  }
  return hotkeys;
}

function countOk(scan: unknown): number {
  return (scan as WalletsScan).wallets.reduce((n, w) => n + w.hotkeys.filter((h) => h.status === 'ok').length, 0);
}

function discoveryCase(wallets: number, hotkeysPerWallet: number, options: Array<[string, DiscoverCallOptions]>): RunnableCase {
  const label = `${wallets} wallets x ${hotkeysPerWallet} hotkeys`;
  return defineCase<Tree>({
    name: `wallet discovery (${label})`,
    baselineName: 'baseline readdir+readFile',
    setup: () => makeTree(wallets, hotkeysPerWallet),
    subjects: options.map(([variant, opts]) => ({
      name: `wallet discovery${variant} (${label})`,
      run: (tree: Tree) => discoverWallets(tree.root, opts),
    })),
    baseline: (tree) => baselineScan(tree.root),
    teardown: (tree) => fs.promises.rm(tree.root, { recursive: true, force: true }),
    check: (scan, baselineCount) => {
      const ok = countOk(scan);
      return ok === baselineCount ? null : `discovery found ${ok} ok hotkeys, baseline read ${String(baselineCount)}`;
    },
  });
}

/**
 * Each case's tree is created once, so a cache given to a subject is filled by that subject's
 * warm-up run (the harness does one before timing): its timed runs are rescans of an unchanged
 * tree, what the Accounts screen does after each action. The cold subjects never share it.
 */
export const walletDiscoveryCases: RunnableCase[] = [
  discoveryCase(1000, 20, [
    ['', {}],
    [", io: 'async'", { io: 'async' }],
    [', rescan (warm cache)', { cache: createDiscoveryCache() }],
  ]),
  // Full sr25519 derivation per seed: what `verifySeeds: true` costs, on a smaller tree.
  discoveryCase(100, 20, [
    [', verifySeeds', { verifySeeds: true }],
    [', verifySeeds, rescan (warm cache)', { verifySeeds: true, cache: createDiscoveryCache() }],
  ]),
];
