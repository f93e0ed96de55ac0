import { performance } from 'node:perf_hooks';

/**
 * A benchmark compares a subject with a baseline measured in the same run on the same machine,
 * so the printed ratio stays meaningful on slow CI boxes where absolute times are not.
 */
export interface BenchSubject<State> {
  /** Printed first, e.g. `wallet discovery (1000 wallets x 20 hotkeys)`. */
  name: string;
  run(state: State): Promise<unknown>;
}

export interface BenchCase<State> {
  name: string;
  /** Printed before the baseline time, e.g. `baseline readdir+readFile`. */
  baselineName: string;
  setup(): Promise<State>;
  /** Each subject gets its own ratio line against the same baseline (one costly setup for all). */
  subjects: Array<BenchSubject<State>>;
  baseline(state: State): Promise<unknown>;
  teardown(state: State): Promise<void>;
  /** Optional sanity check on one subject and one baseline result (e.g. same item count). */
  check?(subject: unknown, baseline: unknown): string | null;
}

export interface BenchResult {
  name: string;
  baselineName: string;
  subjectMs: number[];
  baselineMs: number[];
  subjectMedian: number;
  baselineMedian: number;
  ratio: number;
}

/** Type-erased so cases with different state types fit in one array. */
export interface RunnableCase {
  name: string;
  run(runs: number): Promise<BenchResult[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<[number, unknown]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

export function defineCase<State>(bench: BenchCase<State>): RunnableCase {
  return {
    name: bench.name,
    async run(runs) {
      const state = await bench.setup();
      try {
        // One warm-up each (page cache, JIT, lazy imports), then interleaved rounds so drift in
        // machine load hits every side alike.
        const [, baselineValue] = await time(() => bench.baseline(state));
        for (const subject of bench.subjects) {
          const [, value] = await time(() => subject.run(state));
          const problem = bench.check?.(value, baselineValue);
          if (problem) throw new Error(`${subject.name}: ${problem}`);
        }
        const baselineMs: number[] = [];
        const subjectMs = bench.subjects.map((): number[] => []);
        for (let i = 0; i < runs; i++) {
          baselineMs.push((await time(() => bench.baseline(state)))[0]);
          for (const [j, subject] of bench.subjects.entries()) subjectMs[j]?.push((await time(() => subject.run(state)))[0]);
        }
        const baselineMedian = median(baselineMs);
        return bench.subjects.map((subject, j) => {
          const ms = subjectMs[j] ?? [];
          const subjectMedian = median(ms);
          return { name: subject.name, baselineName: bench.baselineName, subjectMs: ms, baselineMs, subjectMedian, baselineMedian, ratio: subjectMedian / baselineMedian };
        });
      } finally {
        await bench.teardown(state);
      }
    },
  };
}

export function formatResult(r: BenchResult): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  // The spread makes a noisy machine visible next to the medians.
  const range = (v: number[]) => `${Math.round(Math.min(...v))}–${Math.round(Math.max(...v))}`;
  const spread = `(runs ${range(r.subjectMs)} vs ${range(r.baselineMs)} ms)`;
  return `${r.name}: ${ms(r.subjectMedian)} median; ${r.baselineName}: ${ms(r.baselineMedian)}; ratio ${r.ratio.toFixed(2)}x ${spread}`;
}
