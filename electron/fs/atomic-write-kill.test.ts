import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';
import { sweepStaleTempFiles } from './temp-files';

// Real writers killed mid-write. SIGSTOP freezes a writer, and it is killed only once a temp file
// of its own is on disk, so every round is a crash with a seeded temp file left behind.

const posix = process.platform !== 'win32';
const SEED = 'ab'.repeat(32);
const OLD = '[auth]\nhotkey_seed = old\n';
let dir: string;
let childJs: string;

const CHILD = `
import { writeFileAtomic } from ${JSON.stringify(path.join(__dirname, 'atomic-write'))};
const [target, seed, onTerm] = process.argv.slice(2);
if (onTerm === 'exit') process.on('SIGTERM', () => process.exit(0));
const body = ('hotkey_seed = ' + seed + '\\n').repeat(20000);
(async () => {
  for (let i = 0; ; i++) {
    await writeFileAtomic(target, body + '# ' + i + '\\n');
    if (i === 0) process.stdout.write('ready\\n');
  }
})();
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-kill-'));
  const source = path.join(dir, 'child.ts');
  await writeFile(source, CHILD);
  childJs = path.join(dir, 'child.cjs');
  await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childJs,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tempsOf = async (folder: string, name: string) =>
  (await readdir(folder)).filter((f) => f.startsWith(`.${name}.`) && f.endsWith('.tmp'));

function startWriter(target: string, onTerm: 'exit' | 'default'): Promise<ChildProcess> {
  const child = spawn(process.execPath, [childJs, target, SEED, onTerm], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

/** Freeze the writer at random moments until one of its temp files exists; leaves it frozen. */
async function freezeMidWrite(child: ChildProcess, folder: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    await new Promise((r) => setTimeout(r, Math.random() * 4));
    child.kill('SIGSTOP');
    if ((await tempsOf(folder, name)).length > 0) return;
    child.kill('SIGCONT');
  }
  throw new Error('never caught the writer mid-write');
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe.runIf(posix)('writeFileAtomic killed mid-write', () => {
  it('SIGKILL leaves a 0600 temp file, never a torn target; the next write and the start sweep remove it', async () => {
    const rounds = 4;
    const folders = await Promise.all(Array.from({ length: rounds }, (_, i) => mkdtemp(path.join(dir, `r${i}-`))));
    await Promise.all(
      folders.map(async (folder) => {
        const target = path.join(folder, 'config.ini');
        await writeFile(target, OLD);
        const child = await startWriter(target, 'default');
        await freezeMidWrite(child, folder, 'config.ini');
        child.kill('SIGKILL');
        await exited(child);
        const left = await tempsOf(folder, 'config.ini');
        expect(left.length).toBeGreaterThan(0);
        for (const temp of left) expect((await stat(path.join(folder, temp))).mode & 0o777).toBe(0o600);
        const content = await readFile(target, 'utf8');
        expect(content === OLD || (content.startsWith(`hotkey_seed = ${SEED}\n`) && /# \d+\n$/.test(content))).toBe(
          true,
        );
      }),
    );
    // The next write to the same target removes what the killed writer left.
    const [first, ...rest] = folders;
    await writeFileAtomic(path.join(first ?? '', 'config.ini'), OLD);
    expect(await tempsOf(first ?? '', 'config.ini')).toEqual([]);
    // At start: a sweep of the folder.
    for (const folder of rest) {
      await sweepStaleTempFiles(folder);
      expect(await tempsOf(folder, 'config.ini')).toEqual([]);
    }
  }, 15_000);

  it('a writer ended by SIGTERM through process.exit removes its temp file itself', async () => {
    const folder = await mkdtemp(path.join(dir, 'term-'));
    const target = path.join(folder, 'config.ini');
    const child = await startWriter(target, 'exit');
    await freezeMidWrite(child, folder, 'config.ini');
    child.kill('SIGTERM');
    child.kill('SIGCONT');
    await exited(child);
    expect(await tempsOf(folder, 'config.ini')).toEqual([]);
  }, 10_000);

  it('the sweep leaves alone temp files of live writers and files not of our naming', async () => {
    const folder = await mkdtemp(path.join(dir, 'live-'));
    const live = path.join(folder, `.config.ini.${process.ppid}.0123456789ab.tmp`);
    const other = path.join(folder, '.config.ini.swp.tmp');
    await writeFile(live, 'x');
    await writeFile(other, 'x');
    await sweepStaleTempFiles(folder);
    expect((await readdir(folder)).sort()).toEqual([path.basename(live), path.basename(other)].sort());
  });
});
