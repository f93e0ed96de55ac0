import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface RawRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawStep {
  requests: RawRequest[];
  concurrency: number;
}

export interface RawRunner {
  /** Run the steps in order in the runner's process; the time it measured there, in ms. */
  run(steps: RawStep[]): Promise<number>;
  stop(): void;
}

/** Start scripts/bench/raw-runner.mjs (see there why the raw requests run in a process of their own). */
export function startRawRunner(): RawRunner {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'raw-runner.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, { resolve: (ms: number) => void; reject: (error: Error) => void }>();
  let ids = 0;
  if (!child.stdout) throw new Error('the raw runner has no stdout');
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const { id, ms, error } = JSON.parse(line) as { id: number; ms: number; error: string | null };
    const entry = waiting.get(id);
    waiting.delete(id);
    if (error) entry?.reject(new Error(`raw runner: ${error}`));
    else entry?.resolve(ms);
  });
  child.once('exit', (code) => {
    for (const entry of waiting.values()) entry.reject(new Error(`the raw runner exited (${String(code)})`));
    waiting.clear();
  });
  return {
    run: (steps) =>
      new Promise<number>((resolve, reject) => {
        const id = ++ids;
        waiting.set(id, { resolve, reject });
        child.stdin?.write(`${JSON.stringify({ id, steps })}\n`);
      }),
    stop: () => void child.kill(),
  };
}
