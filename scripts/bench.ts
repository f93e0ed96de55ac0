/**
 * `npm run bench [-- <filter>]`: each case prints one line with its median time and its ratio
 * against a plain baseline measured in the same run (named on the line), plus sizes and times with
 * budgets. Exits non-zero when a goal or budget is exceeded. Ratios, not absolute times, are what
 * to compare across machines. A case is one file in scripts/bench/ (see harness.ts), listed here.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { setLogSink } from '../electron/log';
import { formatLine, type RunnableCase } from './bench/harness';
import { walletDiscoveryCases } from './bench/wallet-discovery';
import { webHostWalletCases } from './bench/web-host-wallets';
import { signedActionCases, SIGNED_RUNS } from './bench/signed-action';
import { bundleSizeCases } from './bench/bundle-size';
import { apiKeyListCases } from './bench/api-key-list';
import { bulkActionCases } from './bench/bulk-actions';
import { firstPaintCases } from './bench/first-paint';

const BULK_RUNS = 41;
const CASES: RunnableCase[] = [
  ...bundleSizeCases,
  ...firstPaintCases,
  ...walletDiscoveryCases,
  ...webHostWalletCases,
  ...signedActionCases.map((c) => withRuns(c, SIGNED_RUNS)),
  ...apiKeyListCases,
  // ~0.1 s a round: more rounds steady the median on a shared machine.
  ...bulkActionCases.map((c) => withRuns(c, BULK_RUNS)),
];
const RUNS = 5;
/** Short cases run more rounds than the default. */
function withRuns(bench: RunnableCase, runs: number): RunnableCase {
  return { name: bench.name, run: () => bench.run(runs) };
}

const ROOT = path.resolve(__dirname, '..');

/** The web host and renderer cases measure the built app; build it so they never time stale code. */
function build(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error('electron-vite build failed; the bench measures the built app.');
}

async function main(): Promise<void> {
  // Main-process code logs a line per call; keep the bench output to the result lines.
  setLogSink(() => undefined);
  const filter = process.argv[2]?.toLowerCase();
  const selected = filter ? CASES.filter((c) => c.name.toLowerCase().includes(filter)) : CASES;
  if (selected.length === 0) {
    process.stderr.write(
      `No benchmark matches "${filter ?? ''}". Cases:\n${CASES.map((c) => `  ${c.name}\n`).join('')}`,
    );
    process.exitCode = 1;
    return;
  }
  build();
  const over: string[] = [];
  for (const bench of selected) {
    for (const line of await bench.run(RUNS)) {
      process.stdout.write(`${formatLine(line)}\n`);
      if (!line.pass) over.push(line.name);
    }
  }
  if (over.length > 0) {
    process.stdout.write(`\n${over.length} over goal or budget:\n${over.map((n) => `  ${n}\n`).join('')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
