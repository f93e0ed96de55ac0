#!/usr/bin/env node
// Whether `out/` was built from the sources as they are now. `npm start` and `npm run serve` build
// only when it was not: electron-vite empties `out/` before writing it again, and a desktop app or
// web host already running from it loads some files only when first needed (a screen's code, the
// wallet scan helper), so a second launch that rebuilt for nothing could break the first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a build reads: the app's code and the files that say how to build it. */
const INPUTS = [
  'electron',
  'renderer',
  'shared',
  'package.json',
  'package-lock.json',
  // npm's record of what is installed: the bundles take in dependencies, so an `npm ci` counts.
  'node_modules/.package-lock.json',
  'electron.vite.config.ts',
  'tsconfig.json',
];
/** What every build writes; the oldest of them is when the last build ended. */
const OUTPUTS = ['out/main/index.js', 'out/main/serve.js', 'out/preload/index.js', 'out/renderer/index.html'];

/** The newest modification time under `target` (a file or a folder, walked), or 0 when it is missing. */
function newestUnder(/** @type {string} */ target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestUnder(path.join(target, entry)));
  return newest;
}

/** True when every output exists and is newer than every input. */
export function outIsCurrent(/** @type {string} */ root) {
  let built = Infinity;
  for (const output of OUTPUTS) {
    try {
      built = Math.min(built, fs.statSync(path.join(root, output)).mtimeMs);
    } catch {
      return false;
    }
  }
  return INPUTS.every((input) => newestUnder(path.join(root, input)) < built);
}

// `node scripts/build-current.mjs`: build unless out/ is current (npm run serve).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (outIsCurrent(root)) {
    process.stdout.write('out/ is up to date with the sources: not rebuilding it.\n');
  } else {
    const vite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    process.exitCode = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1;
  }
}
