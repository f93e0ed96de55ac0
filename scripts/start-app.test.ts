import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadFailedParagraph, installerReason, olderThanInstallerNeeds, startApp } from './start-app.mjs';

const ELECTRON = '/app/node_modules/electron';
const INSTALLER_STACK = [
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:14976:13',
  '    at async FetchDownloader.download (file:///app/node_modules/@electron/get/dist/FetchDownloader.js:46:30)',
].join('\n');

type Files = Record<string, string>;
interface Call {
  command: string;
  args: string[];
  capture: boolean;
}

/** startApp against an in-memory node_modules/electron; `installer` says what install.js does. */
function simulate(
  files: Files,
  installer: { status: number; stderr?: string; writes?: Files },
  env: Record<string, string> = {},
  nodeVersion = 'v22.13.0',
  current = false,
  user: { platform?: string; uid?: number | null; args?: string[] } = {},
) {
  const fsState: Files = { [`${ELECTRON}/package.json`]: '{"version":"45.4.1"}', ...files };
  const calls: Call[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const code = startApp({
    args: user.args ?? ['--', '--wallets-path', '/srv/wallets'],
    env,
    node: '/usr/bin/node',
    nodeVersion,
    platform: user.platform ?? 'linux',
    uid: user.uid === undefined ? 1000 : user.uid,
    outIsCurrent: () => current,
    electronDir: ELECTRON,
    electronViteBin: '/app/node_modules/electron-vite/bin/electron-vite.js',
    exists: (file) => file in fsState,
    readText: (file) => fsState[file] ?? null,
    run: (command, args, { capture }) => {
      calls.push({ command, args, capture });
      if (args[0]?.endsWith('install.js')) {
        Object.assign(fsState, installer.writes ?? {});
        return { status: installer.status, stderr: installer.stderr ?? '' };
      }
      return { status: 0, stderr: '' };
    },
    print: (text) => out.push(text),
    printError: (text) => err.push(text),
  });
  const ran = calls.map((c) => path.basename(c.args[0] ?? ''));
  return { code, calls, ran, out: out.join(''), err: err.join('') };
}

/** The paragraph with its line breaks undone, for matching phrases across them. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

const INSTALLED: Files = { [`${ELECTRON}/path.txt`]: 'electron', [`${ELECTRON}/dist/electron`]: '' };

describe('npm start (scripts/start-app.mjs)', () => {
  it('starts electron-vite preview with the given arguments when the binary is installed', () => {
    const run = simulate(INSTALLED, { status: 0 });
    expect(run.ran).toEqual(['electron-vite.js']);
    expect(run.calls[0]).toEqual({
      command: '/usr/bin/node',
      args: ['/app/node_modules/electron-vite/bin/electron-vite.js', 'preview', '--', '--wallets-path', '/srv/wallets'],
      capture: false,
    });
    expect(run.code).toBe(0);
    expect(run.out + run.err).toBe('');
  });

  it('does not rebuild out/ under a running app when it is current with the sources', () => {
    const run = simulate(INSTALLED, { status: 0 }, {}, 'v22.13.0', true);
    expect(run.calls[0]?.args).toEqual([
      '/app/node_modules/electron-vite/bin/electron-vite.js',
      'preview',
      '--skipBuild',
      '--',
      '--wallets-path',
      '/srv/wallets',
    ]);
  });

  it('runs the electron package installer first when the binary is missing, then starts the app', () => {
    const run = simulate({}, { status: 0, writes: INSTALLED });
    expect(run.ran).toEqual(['install.js', 'electron-vite.js']);
    expect(run.calls[0]).toMatchObject({ args: [`${ELECTRON}/install.js`], capture: true });
    expect(run.out).toContain('Electron 45.4.1 binary is not installed yet: downloading');
    expect(run.code).toBe(0);
  });

  it('reinstalls when path.txt names a binary that is gone', () => {
    const run = simulate({ [`${ELECTRON}/path.txt`]: 'electron' }, { status: 0, writes: INSTALLED });
    expect(run.ran).toEqual(['install.js', 'electron-vite.js']);
  });

  it('prints one paragraph, no stack trace, and exits 1 when the download fails', () => {
    const run = simulate({}, { status: 1, stderr: INSTALLER_STACK });
    expect(run.ran).toEqual(['install.js']);
    expect(run.code).toBe(1);
    expect(flat(run.err)).toContain('downloading it from github.com failed: TypeError: fetch failed.');
    expect(flat(run.err)).toContain('`npm run serve` starts the same app in your browser');
    expect(run.err).not.toMatch(/^\s*at /m);
    expect(run.err.trimEnd().split('\n\n')).toHaveLength(1);
  });

  it('fails the same way when the installer exits 0 but leaves no binary', () => {
    const run = simulate({}, { status: 0 });
    expect(run.ran).toEqual(['install.js']);
    expect(run.code).toBe(1);
    expect(flat(run.err)).toContain('the installer finished but left no Electron binary');
  });

  it('leaves the choice to electron-vite when ELECTRON_EXEC_PATH names a binary', () => {
    const run = simulate({}, { status: 1 }, { ELECTRON_EXEC_PATH: '/opt/electron/electron' });
    expect(run.ran).toEqual(['electron-vite.js']);
  });

  it('names the mirror and the Node version in the paragraph when they matter, in lines of at most 100 characters', () => {
    const text = downloadFailedParagraph({
      version: '45.4.1',
      reason: 'TypeError: fetch failed',
      mirror: 'http://127.0.0.1:9/',
      nodeVersion: 'v20.20.2',
    });
    expect(flat(text)).toContain('from ELECTRON_MIRROR (http://127.0.0.1:9/) failed');
    expect(flat(text)).toContain('meant for Node.js 22.12 or newer; this is v20.20.2');
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(text).toMatch(/`npm run serve`/);
    expect(downloadFailedParagraph({ version: '45.4.1', reason: 'x', nodeVersion: 'v22.12.0' })).not.toContain(
      'Node.js 22.12',
    );
  });

  it('refuses a Node.js older than the project runs on in one sentence, before downloading or starting anything', () => {
    const run = simulate({}, { status: 0, writes: INSTALLED }, {}, 'v18.20.8');
    expect(run.ran).toEqual([]);
    expect(run.code).toBe(1);
    expect(flat(run.err)).toContain('npm start needs Node.js 20.19 or newer');
    expect(flat(run.err)).toContain('this is v18.20.8');
  });

  it('refuses to start the window as root on Linux in one paragraph, before downloading, unless --no-sandbox is passed', () => {
    const binary = { [`${ELECTRON}/path.txt`]: 'electron', [`${ELECTRON}/dist/electron`]: '' };
    const root = simulate({}, { status: 0 }, {}, 'v22.13.0', false, { uid: 0 });
    expect(root.code).toBe(1);
    expect(root.calls).toEqual([]);
    expect(flat(root.err)).toContain('will not open its window as root');
    expect(flat(root.err)).toContain('`npm run serve`');
    expect(flat(root.err)).toContain('`npm start -- --noSandbox`');
    expect(Math.max(...root.err.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    for (const args of [['--noSandbox'], ['--', '--no-sandbox'], ['--noSandbox', '--', '--wallets-path', '/w']]) {
      const chosen = simulate(binary, { status: 0 }, {}, 'v22.13.0', false, { uid: 0, args });
      expect(chosen.code, args.join(' ')).toBe(0);
      expect(chosen.calls.at(-1)?.args.slice(-args.length)).toEqual(args);
    }
    // Electron's flag where electron-vite reads options (it would refuse it), or the other way round: refused here.
    for (const args of [['--no-sandbox'], ['--', '--noSandbox']])
      expect(simulate(binary, { status: 0 }, {}, 'v22.13.0', false, { uid: 0, args }).code, args.join(' ')).toBe(1);
    // Not root, or not Linux (macOS and Windows have no such rule): started as usual.
    expect(simulate(binary, { status: 0 }, {}, 'v22.13.0', false, { uid: 1000 }).code).toBe(0);
    expect(simulate(binary, { status: 0 }, {}, 'v22.13.0', false, { uid: 0, platform: 'darwin' }).code).toBe(0);
    expect(simulate(binary, { status: 0 }, {}, 'v22.13.0', false, { uid: null, platform: 'win32' }).code).toBe(0);
  });

  it('reads the error line of an installer that crashed, not the Node.js version under it', () => {
    const crash = [
      '/app/node_modules/electron/install.js:6',
      "const { downloadArtifact } = require('@electron/get');",
      '                             ^',
      '',
      'Error [ERR_REQUIRE_ESM]: require() of ES Module /app/node_modules/@electron/get/dist/index.js not supported.',
      '    at Object.<anonymous> (/app/node_modules/electron/install.js:6:31) {',
      "  code: 'ERR_REQUIRE_ESM'",
      '}',
      '',
      'Node.js v18.20.8',
    ].join('\n');
    expect(installerReason(crash)).toMatch(/^Error \[ERR_REQUIRE_ESM\]: require\(\) of ES Module/);
  });

  it('reads the reason from the installer output without its stack frames', () => {
    expect(installerReason(INSTALLER_STACK)).toBe('TypeError: fetch failed');
    expect(installerReason('Error: checksum mismatch\n    at x (y.js:1:1)\n')).toBe('Error: checksum mismatch');
    expect(installerReason('')).toBe('the installer stopped without saying why');
  });

  it('knows which Node versions are older than the installer declares', () => {
    expect(olderThanInstallerNeeds('v20.20.2')).toBe(true);
    expect(olderThanInstallerNeeds('v22.11.0')).toBe(true);
    expect(olderThanInstallerNeeds('v22.12.0')).toBe(false);
    expect(olderThanInstallerNeeds('v24.1.0')).toBe(false);
  });
});

describe('npm start for real, with a download that cannot succeed', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the real installer against an unreachable loopback mirror and prints the paragraph', () => {
    // A copy of the script in a project whose node_modules/electron has no binary; everything
    // else (electron's @electron/get, electron-vite) resolves from this repository via NODE_PATH.
    const repo = path.resolve(import.meta.dirname, '..');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-start-'));
    fs.mkdirSync(path.join(dir, 'scripts'));
    for (const script of ['start-app.mjs', 'node-version.mjs', 'build-current.mjs'])
      fs.copyFileSync(path.join(repo, 'scripts', script), path.join(dir, 'scripts', script));
    const electron = path.join(dir, 'node_modules/electron');
    fs.mkdirSync(electron, { recursive: true });
    for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
      fs.copyFileSync(path.join(repo, 'node_modules/electron', file), path.join(electron, file));
    }
    const started = performance.now();
    // `--noSandbox`: CI runs as root, where the window would otherwise be refused before any download.
    const run = spawnSync(process.execPath, [path.join(dir, 'scripts/start-app.mjs'), '--noSandbox'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 15_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NODE_PATH: path.join(repo, 'node_modules'),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: path.join(dir, 'cache'),
      },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('binary is not installed yet: downloading');
    expect(flat(run.stderr)).toContain('downloading it from ELECTRON_MIRROR (http://127.0.0.1:9/) failed');
    expect(flat(run.stderr)).toContain('`npm run serve` starts the same app in your browser');
    expect(run.stderr).not.toMatch(/^\s*at /m);
    expect(fs.existsSync(path.join(electron, 'path.txt'))).toBe(false);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
