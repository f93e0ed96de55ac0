import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WalletsView } from '../../shared/wallets';
import { defineCase, measurement, median, timed, type Measurement, type RunnableCase } from './harness';
import { countHotkeys } from './wallet-discovery';
import { BASELINE_NAME, baselineScan, makeTree, type Tree } from './wallet-tree';
import { rpc, startBenchHost, type RunningWebHost } from './web-host-client';

interface State {
  tree: Tree;
  /** A data folder holding the scan a previous run of the app saved for this tree (saved-scan.ts). */
  saved: string;
  /** The web host started by the "first listWallets" subject, rescanned then stopped by the next. */
  host: RunningWebHost | null;
}

const label = (s: string) => `${s} (1000 wallets x 20 hotkeys, through the web host)`;

async function timedList(host: RunningWebHost) {
  const started = performance.now();
  const view = await rpc<WalletsView>(host, 'listWallets', {});
  return timed(performance.now() - started, view);
}

/**
 * When the first screen asks on this machine: its first paint comes ~0.55 s after spawn and the
 * address ~0.12 s after spawn (the first-paint line).
 */
const FIRST_SCREEN_ASKS_MS = 400;
const FIRST_SCREEN_RUNS = 5;

/** Discovery logs one line per scan it finishes (counts only). */
const scansLogged = (host: RunningWebHost) => host.output().match(/wallet discovery: /g)?.length ?? 0;

/**
 * A fresh app's first `listWallets` asked when the first screen would ask. No ratio: the app began
 * that scan at launch, 0.4 s before the request, so the wait is not the whole scan's cost. Said
 * with it: how often the request still found the launch scan running and shared it (one scan
 * logged) rather than rescanning after it (two).
 */
async function firstScreenWait(tree: Tree): Promise<Measurement> {
  const waits: number[] = [];
  let shared = 0;
  for (let i = 0; i < FIRST_SCREEN_RUNS; i++) {
    const host = await startBenchHost({ env: { BT_WALLET_PATH: tree.root } });
    try {
      await new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_ASKS_MS));
      const { ms } = await timedList(host);
      waits.push(ms);
      if (scansLogged(host) === 1) shared++;
    } finally {
      await host.stop();
    }
  }
  return measurement(
    label(`first listWallets of a fresh app, asked ${FIRST_SCREEN_ASKS_MS} ms after its address (the wait)`),
    median(waits),
    'ms',
    {
      note: `median of ${FIRST_SCREEN_RUNS}; the launch scan was still running and shared in ${shared} of them, done and rescanned in the rest; no ratio: that scan began ${FIRST_SCREEN_ASKS_MS} ms before the request`,
    },
  );
}

const SAVED_SCAN = 'wallet-scan.json';
const SAVED_HELPER_PART = 'wallet-scan-helper.json';

const exists = (file: string) => fs.existsSync(file);

async function waitFor(what: string, done: () => boolean): Promise<void> {
  const until = performance.now() + 15_000;
  while (!done()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A data folder as two earlier runs of the app leave it: the first saves its scan in two parts
 * (the main thread's share and the helper thread's), the second adopts both and saves them as one.
 * The timed runs then find one saved file and nothing changed, so they write nothing.
 */
async function savedByEarlierRuns(tree: Tree): Promise<string> {
  const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-bench-data-'));
  // Files changed in the last 2 s are never remembered (file-stamp.ts), and making the tree set
  // every file's ctime to now: wait until a user's long-lived files would look like these.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const env = { BT_WALLET_PATH: tree.root, CHUTES_DESKTOP_DATA_DIR: saved };
  const first = await startBenchHost({ env });
  try {
    await rpc(first, 'listWallets', {});
    await waitFor('the first run to save its scan', () => exists(path.join(saved, SAVED_SCAN)));
    await waitFor("the helper thread's part", () => exists(path.join(saved, SAVED_HELPER_PART)));
  } finally {
    await first.stop();
  }
  const second = await startBenchHost({ env });
  try {
    await rpc(second, 'listWallets', {});
    await waitFor('the second run to save the scan as one file', () => !exists(path.join(saved, SAVED_HELPER_PART)));
  } finally {
    await second.stop();
  }
  return saved;
}

/**
 * What the Profiles & hotkeys screen waits for: a fresh app's first `listWallets` (discovery with an empty
 * rescan cache, the keychain's seed list, JSON over loopback HTTP) and the rescan after an action.
 * The web host's spawn is not timed here (see the first-paint line for that). The first line asks
 * the moment the address is printed. The app starts its launch scan as it prints the address, so
 * the request shares a scan that began about a millisecond earlier and this line still times
 * nearly a whole cold scan (measured side by side with and without the launch scan: the same
 * within the noise). The extra line asks when the first screen would.
 */
export const webHostWalletCases: RunnableCase[] = [
  defineCase<State>({
    name: 'listWallets through the web host',
    baselineName: BASELINE_NAME,
    setup: async () => {
      const tree = await makeTree(1000, 20);
      return { tree, saved: await savedByEarlierRuns(tree), host: null };
    },
    subjects: [
      {
        name: label("first listWallets of a fresh app, its last run's scan saved"),
        goal: { ratio: 1.5 },
        run: async (state) => {
          const host = await startBenchHost({
            env: { BT_WALLET_PATH: state.tree.root, CHUTES_DESKTOP_DATA_DIR: state.saved },
          });
          try {
            return await timedList(host);
          } finally {
            await host.stop();
          }
        },
      },
      {
        name: label('first listWallets of a fresh app, nothing saved (its first run)'),
        goal: { ratio: 1.5 },
        run: async (state) => {
          state.host = await startBenchHost({ env: { BT_WALLET_PATH: state.tree.root } });
          return timedList(state.host);
        },
      },
      {
        name: label('rescan listWallets'),
        goal: { ratio: 1.5 },
        run: async (state) => {
          const host = state.host;
          if (!host) throw new Error('the rescan subject runs after the first listWallets subject');
          try {
            return await timedList(host);
          } finally {
            state.host = null;
            await host.stop();
          }
        },
      },
    ],
    baseline: (state) => Promise.resolve(baselineScan(state.tree.root)),
    extra: async (state) => [await firstScreenWait(state.tree)],
    teardown: async (state) => {
      await state.host?.stop();
      await fs.promises.rm(state.tree.root, { recursive: true, force: true });
      await fs.promises.rm(state.saved, { recursive: true, force: true });
    },
    check: (view, baselineCount) => {
      const found = countHotkeys(view);
      return found === baselineCount
        ? null
        : `listWallets found ${found} hotkeys, the baseline read ${String(baselineCount)}`;
    },
  }),
];
