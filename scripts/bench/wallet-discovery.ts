import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { discoverWallets, type DiscoverCallOptions, type DiscoverSeams } from '../../electron/wallets/discover';
import { createDiscoveryCache } from '../../electron/wallets/discovery-cache';
import type { WalletsScan } from '../../shared/wallets';
import { defineCase, measurement, type Goal, type Measurement, type RunnableCase } from './harness';
import { BASELINE_NAME, baselineScan, makeTree, type Tree } from './wallet-tree';

/** Hotkeys found, whatever their status (the baseline parses every file). */
export function countHotkeys(scan: unknown): number {
  return (scan as WalletsScan).wallets.reduce((n, w) => n + w.hotkeys.length, 0);
}

/** The longest the event loop waited while discovery ran: what a click or IPC call would wait. */
export const LOOP_DELAY_BUDGET_MS = 50;

async function loopDelayDuring(work: () => Promise<unknown>): Promise<{ max: number; p99: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await work();
  histogram.disable();
  return { max: histogram.max / 1e6, p99: histogram.percentile(99) / 1e6 };
}

type Variant = [suffix: string, opts: DiscoverCallOptions, goal?: Goal, seams?: DiscoverSeams];

function discoveryCase(wallets: number, hotkeysPerWallet: number, variants: Variant[], realKeys = false): RunnableCase {
  const label = `${wallets} wallets x ${hotkeysPerWallet} hotkeys`;
  return defineCase<Tree>({
    name: `wallet discovery (${label})`,
    baselineName: BASELINE_NAME,
    setup: () => makeTree(wallets, hotkeysPerWallet, realKeys),
    subjects: variants.map(([variant, opts, goal, seams]) => ({
      name: `discoverWallets${variant} (${label})`,
      run: (tree: Tree) => discoverWallets(tree.root, opts, seams),
      ...(goal ? { goal } : {}),
    })),
    baseline: (tree) => Promise.resolve(baselineScan(tree.root)),
    teardown: (tree) => fs.promises.rm(tree.root, { recursive: true, force: true }),
    check: (scan, baselineCount) => {
      const found = countHotkeys(scan);
      return found === baselineCount
        ? null
        : `discovery found ${found} hotkeys, the baseline read ${String(baselineCount)}`;
    },
    extra: async (tree): Promise<Measurement[]> => {
      if (realKeys) return [];
      const delay = await loopDelayDuring(() => discoverWallets(tree.root));
      return [
        measurement(`event-loop delay during discoverWallets (${label})`, delay.max, 'ms', {
          budget: LOOP_DELAY_BUDGET_MS,
          note: `max; p99 ${delay.p99.toFixed(1)} ms`,
        }),
      ];
    },
  });
}

/**
 * Each case's tree is created once, so a cache given to a subject is filled by that subject's
 * warm-up run (the harness does one before timing): its timed runs are rescans of an unchanged
 * tree, what the Profiles & hotkeys screen does after each action. The cold subjects never share it.
 */
export const walletDiscoveryCases: RunnableCase[] = [
  discoveryCase(1000, 20, [
    ['', {}, { ratio: 1.5 }],
    // The same scan without the helper thread, for comparison (a machine with one core gets this).
    [', main thread only', {}, undefined, { helper: false }],
    [', rescan (warm cache)', { cache: createDiscoveryCache() }, { ratio: 1.5 }],
  ]),
  // Full sr25519 derivation per seed: what `verifySeeds: true` costs, on a smaller tree.
  discoveryCase(
    100,
    20,
    [
      [', verifySeeds', { verifySeeds: true }],
      [', verifySeeds, rescan (warm cache)', { verifySeeds: true, cache: createDiscoveryCache() }],
    ],
    true,
  ),
];
