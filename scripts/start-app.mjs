#!/usr/bin/env node
// `npm start`: electron ≥ 42 no longer downloads its binary at install time, and electron-vite's
// preview only reads node_modules/electron/path.txt, which that download writes. So: if the binary
// is missing, run the electron package's own installer first; then `electron-vite preview` with
// the arguments given. If the download cannot happen, say so in one paragraph, not a stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { outIsCurrent } from './build-current.mjs';
import { nodeProblem } from './node-version.mjs';

/**
 * @typedef {{ status: number | null, stderr: string }} RunResult
 * @typedef {(command: string, args: string[], options: { capture: boolean }) => RunResult} Run
 * @typedef {{
 *   args: string[],
 *   env: Record<string, string | undefined>,
 *   node: string,
 *   nodeVersion: string,
 *   platform: string,
 *   uid: number | null,
 *   electronDir: string,
 *   electronViteBin: string,
 *   outIsCurrent: () => boolean,
 *   exists: (file: string) => boolean,
 *   readText: (file: string) => string | null,
 *   run: Run,
 *   print: (text: string) => void,
 *   printError: (text: string) => void,
 * }} StartDeps
 */

/** The Electron executable electron-vite will launch, or null while it is not installed. */
export function installedElectron(/** @type {StartDeps} */ deps) {
  const relative = deps.readText(path.join(deps.electronDir, 'path.txt'))?.trim();
  if (!relative) return null;
  const binary = path.join(deps.electronDir, 'dist', relative);
  return deps.exists(binary) ? binary : null;
}

/**
 * Why the installer failed, from its error output: the first error line ("TypeError: fetch
 * failed", "Error [ERR_REQUIRE_ESM]: …"), else the last line that is neither a stack frame nor
 * the "Node.js v…" footer Node prints under an uncaught error.
 */
export function installerReason(/** @type {string} */ stderr) {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !/^Node\.js v\d/.test(line));
  return (
    lines.find((line) => /^\w*Error\b.*:/.test(line)) ?? lines.at(-1) ?? 'the installer stopped without saying why'
  );
}

/** True below Node 22.12, the oldest release Electron's installer declares support for. */
export function olderThanInstallerNeeds(/** @type {string} */ nodeVersion) {
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
}

/** Words joined into lines of at most `width` characters. */
function wrap(/** @type {string} */ text, width = 100) {
  const lines = [''];
  // A `code span` stays on one line, so a command is never cut in two.
  for (const word of text.match(/`[^`]*`\S*|\S+/g) ?? []) {
    const last = lines.length - 1;
    if (lines[last] && lines[last].length + 1 + word.length > width) lines.push(word);
    else lines[last] = lines[last] ? `${lines[last]} ${word}` : word;
  }
  return lines.join('\n');
}

/** The one paragraph `npm start` prints when Electron cannot be downloaded. */
export function downloadFailedParagraph(
  /** @type {{ version: string, reason: string, mirror?: string | undefined, nodeVersion: string }} */ facts,
) {
  const source = facts.mirror ? `from ELECTRON_MIRROR (${facts.mirror})` : 'from github.com';
  const oldNode = olderThanInstallerNeeds(facts.nodeVersion)
    ? ` (Electron's installer is meant for Node.js 22.12 or newer; this is ${facts.nodeVersion}.)`
    : '';
  const text =
    `Chutes Desktop could not start: the Electron ${facts.version} binary is not installed yet, and downloading it ` +
    `${source} failed: ${facts.reason}. This machine may be offline or unable to reach that address.${oldNode} ` +
    '`npm run serve` starts the same app in your browser and needs no download. For the desktop window, run ' +
    '`npm start` again once the download can get through, or set ELECTRON_MIRROR to a mirror you can reach.';
  return `${wrap(text)}\n`;
}

/**
 * Chromium, and so Electron, aborts as root on Linux unless its sandbox is turned off
 * ("Running as root without --no-sandbox is not supported"). The app does not turn it off for
 * the user: it says so, and `--noSandbox` is theirs to pass.
 */
export function rootProblem(/** @type {Pick<StartDeps, 'platform' | 'uid' | 'args'>} */ deps) {
  if (deps.platform !== 'linux' || deps.uid !== 0) return null;
  // electron-vite's own --noSandbox (before `--`) starts Electron with --no-sandbox; after `--`,
  // arguments go to Electron as they are.
  const separator = deps.args.indexOf('--');
  const forVite = separator === -1 ? deps.args : deps.args.slice(0, separator);
  const forElectron = separator === -1 ? [] : deps.args.slice(separator + 1);
  if (forVite.includes('--noSandbox') || forElectron.includes('--no-sandbox')) return null;
  return (
    'Chutes Desktop will not open its window as root: on Linux, Electron refuses to run as root with ' +
    "Chromium's sandbox on. Run `npm start` as your usual user, or use `npm run serve`, the same app in " +
    'your browser, which is fine as root on a headless machine. To open the window as root anyway, ' +
    "without Chromium's sandbox, run `npm start -- --noSandbox`."
  );
}

/** `npm start`'s whole decision; returns the exit code. Everything with a side effect comes in through `deps`. */
export function startApp(/** @type {StartDeps} */ deps) {
  const tooOld = nodeProblem(deps.nodeVersion, 'npm start');
  if (tooOld) {
    deps.printError(`${wrap(tooOld)}\n`);
    return 1;
  }
  const asRoot = rootProblem(deps);
  if (asRoot) {
    deps.printError(`${wrap(asRoot)}\n`);
    return 1;
  }
  if (!deps.env.ELECTRON_EXEC_PATH && installedElectron(deps) === null) {
    const version = /** @type {{ version: string }} */ (
      JSON.parse(deps.readText(path.join(deps.electronDir, 'package.json')) ?? '{}')
    ).version;
    // The installer draws its progress only on a terminal, and its output is kept for the reason.
    deps.print(
      `The Electron ${version} binary is not installed yet: downloading it once (about 100 MB). ` +
        'This can take a few minutes, with nothing more printed until it is done...\n',
    );
    const install = deps.run(deps.node, [path.join(deps.electronDir, 'install.js')], { capture: true });
    const binary = installedElectron(deps);
    if (install.status !== 0 || binary === null) {
      const reason =
        install.status !== 0 ? installerReason(install.stderr) : 'the installer finished but left no Electron binary';
      deps.printError(
        downloadFailedParagraph({ version, reason, mirror: deps.env.ELECTRON_MIRROR, nodeVersion: deps.nodeVersion }),
      );
      return 1;
    }
  }
  // A second launch only brings the first window forward: rebuilding out/ under it would not help.
  const skip = deps.outIsCurrent() ? ['--skipBuild'] : [];
  return deps.run(deps.node, [deps.electronViteBin, 'preview', ...skip, ...deps.args], { capture: false }).status ?? 1;
}

/** @type {Run} */
function runForReal(command, args, { capture }) {
  const result = spawnSync(command, args, {
    stdio: capture ? ['ignore', 'ignore', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  return {
    status: result.error ? 1 : result.status,
    stderr: result.error ? String(result.error.message) : (result.stderr ?? ''),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const require = createRequire(import.meta.url);
  const viteDir = path.dirname(require.resolve('electron-vite/package.json'));
  process.exitCode = startApp({
    args: process.argv.slice(2),
    env: process.env,
    node: process.execPath,
    nodeVersion: process.version,
    platform: process.platform,
    uid: process.getuid?.() ?? null,
    electronDir: path.dirname(require.resolve('electron/package.json')),
    electronViteBin: path.join(viteDir, 'bin', 'electron-vite.js'),
    outIsCurrent: () => outIsCurrent(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')),
    exists: (file) => fs.existsSync(file),
    readText: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null),
    run: runForReal,
    print: (text) => process.stdout.write(text),
    printError: (text) => process.stderr.write(text),
  });
}
