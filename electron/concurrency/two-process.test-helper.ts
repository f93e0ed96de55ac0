import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

/**
 * Real processes for cross-process tests: `source` (TypeScript importing the real modules by
 * absolute path) is bundled once with its packages (the native keychain binding is left to node_modules). Each child prints "ready",
 * waits for a line on stdin so all start their work in the same instant, then prints one JSON
 * line with its result.
 */
export interface ChildScript {
  /** Start one child per args list, release them together, and return their parsed results. */
  runTogether(argsPerChild: string[][], timeoutMs?: number): Promise<unknown[]>;
  /** One child with extra node flags; `line` resolves with the first JSON line after "ready". */
  startOne(args: string[], nodeFlags?: string[]): { pid: number; line: Promise<unknown>; go(): void; kill(): void };
  dispose(): Promise<void>;
}

/** Child-side boilerplate: `await startSignal()` before the work, then `report(result)` (exits) or `tell(result)` (stays up). */
export const CHILD_PRELUDE = `
const startSignal = () => new Promise<void>((resolve) => { process.stdout.write('ready\\n'); process.stdin.once('data', () => resolve()); });
const report = (value: unknown) => { process.stdout.write(JSON.stringify(value) + '\\n', () => process.exit(0)); };
const tell = (value: unknown) => { process.stdout.write(JSON.stringify(value) + '\\n'); setInterval(() => undefined, 60_000); };
process.on('unhandledRejection', (error) => { process.stderr.write(String((error as Error)?.stack ?? error) + '\\n'); process.exit(3); });
`;

export async function bundleChild(source: string): Promise<ChildScript> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'two-process-'));
  const entry = path.join(dir, 'child.ts');
  const outfile = path.join(dir, 'child.cjs');
  await writeFile(entry, CHILD_PRELUDE + source);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['@napi-rs/keyring'],
    logLevel: 'silent',
  });
  const env = { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') };

  function start(args: string[], nodeFlags: string[] = []) {
    const child = spawn(process.execPath, [...nodeFlags, outfile, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const ready = new Promise<void>((resolve, reject) => {
      const check = () => (out.startsWith('ready\n') ? resolve() : undefined);
      child.stdout.on('data', check);
      child.once('exit', (code) => reject(new Error(`child exited before it was ready (${code}): ${err}`)));
    });
    const done = new Promise<unknown>((resolve, reject) => {
      child.once('exit', (code) => {
        const line = out.split('\n').filter(Boolean).at(-1) ?? '';
        if (code !== 0) reject(new Error(`child failed (${code}): ${err}`));
        else resolve(JSON.parse(line) as unknown);
      });
    });
    const line = new Promise<unknown>((resolve, reject) => {
      const check = () => {
        const lines = out.split('\n');
        if (lines.length > 2 && lines[0] === 'ready') resolve(JSON.parse(lines[1] ?? '') as unknown);
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => reject(new Error(`child exited (${code}): ${err}`)));
    });
    line.catch(() => undefined);
    done.catch(() => undefined);
    ready.catch(() => undefined);
    return { child, ready, done, line };
  }

  return {
    async runTogether(argsPerChild, timeoutMs = 60_000) {
      const children = argsPerChild.map((args) => start(args));
      const timer = setTimeout(() => children.forEach((c) => c.child.kill('SIGKILL')), timeoutMs);
      try {
        await Promise.all(children.map((c) => c.ready));
        for (const c of children) c.child.stdin.write('go\n');
        return await Promise.all(children.map((c) => c.done));
      } finally {
        clearTimeout(timer);
      }
    },
    startOne(args, nodeFlags) {
      const { child, line } = start(args, nodeFlags);
      return { pid: child.pid ?? -1, line, go: () => child.stdin.write('go\n'), kill: () => child.kill('SIGKILL') };
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `bundleChild` for one test file: bundled before its tests, disposed after; call the result inside a test. */
export function useBundledChild(source: string): () => ChildScript {
  let child: ChildScript | undefined;
  beforeAll(async () => {
    child = await bundleChild(source);
  });
  afterAll(async () => {
    await child?.dispose();
  });
  return () => {
    if (!child) throw new Error('the child script is bundled in beforeAll');
    return child;
  };
}
