import { performance } from 'node:perf_hooks';

/**
 * A benchmark compares a subject with a baseline measured in the same run on the same machine,
 * so the printed ratio stays meaningful on slow or shared boxes where absolute times are not.
 * Each case is one small file under scripts/bench/ exporting `RunnableCase`s, listed in bench.ts.
 */
export interface BenchSubject<State> {
  /** Printed first, e.g. `wallet discovery (1000 wallets x 20 hotkeys)`. */
  name: string;
  /** Return `timed(ms, value)` when only part of the call should count (e.g. not a process spawn). */
  run(state: State): Promise<unknown>;
  /** Ratio this subject should stay within: `ratio <= goal.ratio` (+ `goal.plusMs` over the baseline). */
  goal?: Goal;
}

export interface Goal {
  /** The median must stay within `ratio x baseline` (+ `plusMs`). */
  ratio?: number;
  /** Fixed allowance on top of `ratio x baseline`, for costs the baseline cannot have (a keychain read). */
  plusMs?: number;
  /** An absolute budget for the median, for figures a user feels directly (time to first paint). */
  maxMs?: number;
}

export interface BenchCase<State> {
  name: string;
  /** Names the plain code the subjects are compared with, e.g. `readdirSync+readFileSync loop`. */
  baselineName: string;
  setup(): Promise<State>;
  /** Each subject gets its own ratio line against the same baseline (one costly setup for all). */
  subjects: Array<BenchSubject<State>>;
  baseline(state: State): Promise<unknown>;
  teardown(state: State): Promise<void>;
  /** Optional sanity check on one subject and one baseline result (e.g. same item count). */
  check?(subject: unknown, baseline: unknown): string | null;
  /** Extra lines measured after the timed rounds (e.g. event-loop delay), with their budgets. */
  extra?(state: State): Promise<Measurement[]>;
}

export interface BenchResult {
  kind: 'ratio';
  name: string;
  baselineName: string;
  subjectMs: number[];
  baselineMs: number[];
  subjectMedian: number;
  baselineMedian: number;
  ratio: number;
  goal?: Goal;
  /** False when the median exceeds the goal. */
  pass: boolean;
}

/** A plain figure (size, delay, time to first paint), optionally with a budget it must not exceed. */
export interface Measurement {
  kind: 'measurement';
  name: string;
  value: number;
  unit: 'ms' | 'KB';
  budget?: number;
  /** Printed after the value, e.g. `median of 5` or `gzip`. */
  note?: string;
  pass: boolean;
}

export type BenchLine = BenchResult | Measurement;

/** Type-erased so cases with different state types fit in one array. */
export interface RunnableCase {
  name: string;
  run(runs: number): Promise<BenchLine[]>;
}

export function measurement(
  name: string,
  value: number,
  unit: Measurement['unit'],
  opts: { budget?: number; note?: string } = {},
): Measurement {
  return { kind: 'measurement', name, value, unit, ...opts, pass: opts.budget === undefined || value <= opts.budget };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** A subject's own timing of the part that counts, in place of the harness's wall clock. */
export class Timed {
  constructor(
    readonly ms: number,
    readonly value: unknown,
  ) {}
}

export const timed = (ms: number, value: unknown = undefined): Timed => new Timed(ms, value);

export async function time(fn: () => Promise<unknown>): Promise<[number, unknown]> {
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  return value instanceof Timed ? [value.ms, value.value] : [ms, value];
}

export const withinGoal = (subjectMs: number, baselineMs: number, goal?: Goal): boolean =>
  (goal?.ratio === undefined || subjectMs <= goal.ratio * baselineMs + (goal.plusMs ?? 0)) &&
  (goal?.maxMs === undefined || subjectMs <= goal.maxMs);

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
          for (const [j, subject] of bench.subjects.entries())
            subjectMs[j]?.push((await time(() => subject.run(state)))[0]);
        }
        const baselineMedian = median(baselineMs);
        const lines: BenchLine[] = bench.subjects.map((subject, j) => {
          const ms = subjectMs[j] ?? [];
          const subjectMedian = median(ms);
          return {
            kind: 'ratio',
            name: subject.name,
            baselineName: bench.baselineName,
            subjectMs: ms,
            baselineMs,
            subjectMedian,
            baselineMedian,
            ratio: subjectMedian / baselineMedian,
            ...(subject.goal ? { goal: subject.goal } : {}),
            pass: withinGoal(subjectMedian, baselineMedian, subject.goal),
          };
        });
        if (bench.extra) lines.push(...(await bench.extra(state)));
        return lines;
      } finally {
        await bench.teardown(state);
      }
    },
  };
}

const fmtMs = (v: number) => (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);

function formatGoal(r: BenchResult): string {
  if (!r.goal) return '';
  const parts: string[] = [];
  if (r.goal.ratio !== undefined) parts.push(`<= ${r.goal.ratio}x${r.goal.plusMs ? ` + ${r.goal.plusMs} ms` : ''}`);
  if (r.goal.maxMs !== undefined) parts.push(`<= ${r.goal.maxMs} ms`);
  return `; goal ${parts.join(' and ')}: ${r.pass ? 'ok' : 'OVER'}`;
}

export function formatLine(line: BenchLine): string {
  if (line.kind === 'measurement') {
    const value = line.unit === 'ms' ? fmtMs(line.value) : `${line.value.toFixed(1)} KB`;
    const note = line.note ? ` (${line.note})` : '';
    const budget =
      line.budget === undefined
        ? ''
        : `; budget ${line.unit === 'ms' ? fmtMs(line.budget) : `${line.budget} KB`}: ${line.pass ? 'ok' : 'OVER'}`;
    return `${line.name}: ${value}${note}${budget}`;
  }
  // The spread makes a noisy machine visible next to the medians.
  const range = (v: number[]) => `${fmtMs(Math.min(...v)).replace(' ms', '')}–${fmtMs(Math.max(...v))}`;
  const spread = `(runs ${range(line.subjectMs)} vs ${range(line.baselineMs)})`;
  return `${line.name}: ${fmtMs(line.subjectMedian)} median; ${line.baselineName}: ${fmtMs(line.baselineMedian)}; ratio ${line.ratio.toFixed(2)}x${formatGoal(line)} ${spread}`;
}
