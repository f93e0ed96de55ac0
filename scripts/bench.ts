/**
 * `npm run bench [-- <filter>]`: each case prints one line with its median time and its ratio
 * against a baseline measured in the same run. Ratios, not absolute times, are what to compare
 * across machines. Add a case by appending to CASES (see scripts/bench/harness.ts).
 */
import { setLogSink } from '../electron/log';
import { formatResult, type RunnableCase } from './bench/harness';
import { apiKeyListCases } from './bench/api-key-list';
import { walletDiscoveryCases } from './bench/wallet-discovery';

const CASES: RunnableCase[] = [...walletDiscoveryCases, ...apiKeyListCases];
const RUNS = 5;

async function main(): Promise<void> {
  // Main-process code logs a line per call; keep the bench output to the result lines.
  setLogSink(() => undefined);
  const filter = process.argv[2]?.toLowerCase();
  const selected = filter ? CASES.filter((c) => c.name.toLowerCase().includes(filter)) : CASES;
  if (selected.length === 0) {
    process.stderr.write(`No benchmark matches "${filter ?? ''}". Cases:\n${CASES.map((c) => `  ${c.name}\n`).join('')}`);
    process.exitCode = 1;
    return;
  }
  for (const bench of selected) {
    for (const result of await bench.run(RUNS)) process.stdout.write(`${formatResult(result)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
