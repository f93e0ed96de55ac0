import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { extractAll } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listArchive, packagesIn, type ArchiveFile } from './archive';
import { bundleSpecifiers, dependencyClosure, packagesImportedBy } from './imports';
import { buildSmokePackage } from './smoke-build';
import { createStandInElectron } from './stand-in-electron';

// Packages the already-built `out/` with electron-builder (`--linux dir`, a stand-in Electron in
// place of the release zip) and checks what a user's machine would receive.

const root = path.resolve(import.meta.dirname, '../..');
const nodeModules = path.join(root, 'node_modules');
/** app.asar measured at 1.56 MB when the budget was set (23.99 MB before the main bundle took in its packages). */
const ASAR_BUDGET_BYTES = 3_000_000;
/** What a sandboxed preload may require (Electron's documented list); anything else fails at run time. */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url']);

interface ProbeReport {
  loaded: string[];
  errors: { from: string; specifier: string; message: string }[];
  sr25519: string;
}

let work: string;
let resources: string;
let archive: string;
let files: ArchiveFile[];
let extracted: string;

function localFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

const mib = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/main')))
    throw new Error('No out/ to package: run `npx electron-vite build` first.');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-package-smoke-'));
  const electronPkg = path.join(nodeModules, 'electron');
  const version = (JSON.parse(fs.readFileSync(path.join(electronPkg, 'package.json'), 'utf8')) as { version: string })
    .version;
  const dist = createStandInElectron(path.join(work, 'electron-dist'), version, path.join(electronPkg, 'LICENSE'));
  const started = performance.now();
  resources = await buildSmokePackage(root, dist, path.join(work, 'dist'));
  const seconds = (performance.now() - started) / 1000;
  archive = path.join(resources, 'app.asar');
  files = listArchive(archive);
  extracted = path.join(work, 'app');
  extractAll(archive, extracted);
  const packed = fs.statSync(archive).size;
  const unpacked = files.filter((f) => f.unpacked).reduce((sum, f) => sum + f.size, 0);
  process.stdout.write(
    `package smoke: electron-builder ${seconds.toFixed(1)} s; app.asar ${mib(packed)} (budget ${mib(ASAR_BUDGET_BYTES)}), ` +
      `app.asar.unpacked ${mib(unpacked)}, ${files.length} files\n`,
  );
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packaged app (electron-builder, stand-in Electron)', () => {
  it('holds every built file of out/main, out/preload and out/renderer, and package.json', () => {
    const inArchive = new Set(files.map((f) => f.path));
    const built = ['out/main', 'out/preload', 'out/renderer'].flatMap(localFiles);
    expect(built.filter((f) => f.startsWith('out/main/')).length).toBeGreaterThan(0);
    expect(built.filter((f) => f.startsWith('out/preload/')).length).toBeGreaterThan(0);
    expect(built).toContain('out/renderer/index.html');
    expect(built.filter((f) => !inArchive.has(f))).toEqual([]);
    expect(inArchive.has('package.json')).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(extracted, 'package.json'), 'utf8')) as { main: string };
    expect(inArchive.has(path.posix.normalize(pkg.main))).toBe(true);
  });

  it('resolves every require() and import() of the main bundle inside the archive', () => {
    // Nothing above the extracted copy may offer a node_modules, or resolution could escape it.
    for (let dir = path.dirname(extracted); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      expect(fs.existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
    }
    const unresolved: string[] = [];
    let external = 0;
    for (const file of files.filter((f) => f.path.startsWith('out/main/') && f.path.endsWith('.js'))) {
      const from = path.join(extracted, file.path);
      for (const spec of bundleSpecifiers(fs.readFileSync(from, 'utf8'))) {
        if (spec === 'electron' || isBuiltin(spec)) continue;
        external++;
        try {
          const target = createRequire(from).resolve(spec);
          if (!target.startsWith(extracted + path.sep))
            unresolved.push(`${file.path}: ${spec} → outside the archive (${target})`);
        } catch {
          unresolved.push(`${file.path}: ${spec}`);
        }
      }
    }
    expect(external, 'the scan found no require() at all: has the bundle format changed?').toBeGreaterThan(0);
    expect(unresolved).toEqual([]);
  });

  it('loads the main bundle and everything it loads lazily under Node (electron stubbed), all from the archive', () => {
    const probe = spawnSync(process.execPath, [path.join(import.meta.dirname, 'load-probe.mjs'), extracted], {
      cwd: extracted,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: work },
      timeout: 30_000,
    });
    expect(probe.status, probe.stderr).toBe(0);
    const report = JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}') as ProbeReport;
    expect(report.errors.map((e) => `${e.from}: ${e.specifier}: ${e.message}`)).toEqual([]);
    expect(report.loaded.filter((file) => !file.startsWith(extracted + path.sep))).toEqual([]);
    expect(
      report.loaded.some((file) => file.endsWith('.node')),
      'the keyring binding was not loaded',
    ).toBe(true);
    expect(report.sr25519).toBe('ok');
  });

  it('starts the wallet scan helper thread from the archive', () => {
    const worker = path.join(extracted, 'out', 'main', 'scan-worker.js');
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const w = new (require('node:worker_threads').Worker)(${JSON.stringify(worker)});` +
          `w.once('message', (m) => { console.log(m); process.exit(0); });` +
          `w.once('error', (e) => { console.error(String(e)); process.exit(1); });`,
      ],
      { cwd: extracted, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: work }, timeout: 30_000 },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe('ready');
  });

  it('unpacks the keyring .node binary for this platform, and packs no native binary inside the archive', () => {
    const natives = files.filter((f) => f.path.endsWith('.node'));
    expect(natives.filter((f) => !f.unpacked).map((f) => f.path)).toEqual([]);
    const keyring = natives.filter((f) => f.path.includes('node_modules/@napi-rs/keyring-'));
    expect(keyring.map((f) => path.posix.basename(f.path))).toEqual([
      expect.stringContaining(`${process.platform}-${process.arch}`),
    ]);
    const onDisk = path.join(resources, 'app.asar.unpacked', keyring[0]!.path);
    expect(fs.statSync(onDisk).size).toBe(keyring[0]!.size);
  });

  it('ships no renderer-only package, and no package the main bundle does not load', () => {
    const shipped = packagesIn(files.map((f) => f.path));
    const mainSide = dependencyClosure(
      packagesImportedBy([path.join(root, 'electron'), path.join(root, 'shared')]),
      nodeModules,
    );
    const rendererOnly = [...dependencyClosure(packagesImportedBy([path.join(root, 'renderer')]), nodeModules)].filter(
      (p) => !mainSide.has(p),
    );
    expect(rendererOnly.length, 'found no renderer-only package to look for').toBeGreaterThan(0);
    expect(rendererOnly.filter((p) => shipped.has(p))).toEqual([]);

    const mainCode = files.filter((f) => f.path.startsWith('out/main/') && f.path.endsWith('.js'));
    const loaded = mainCode.flatMap((f) => bundleSpecifiers(fs.readFileSync(path.join(extracted, f.path), 'utf8')));
    const needed = dependencyClosure(packagesIn(loaded.map((spec) => `node_modules/${spec}`)), nodeModules);
    expect([...shipped].filter((p) => !needed.has(p))).toEqual([]);
  });

  it(`keeps app.asar under its size budget (${mib(ASAR_BUDGET_BYTES)})`, () => {
    expect(fs.statSync(archive).size).toBeLessThan(ASAR_BUDGET_BYTES);
  });

  it('preload requires only what a sandboxed preload may', () => {
    const preload = files.filter((f) => f.path.startsWith('out/preload/') && f.path.endsWith('.js'));
    expect(preload.length).toBeGreaterThan(0);
    const specs = preload.flatMap((f) => bundleSpecifiers(fs.readFileSync(path.join(extracted, f.path), 'utf8')));
    expect(specs.filter((spec) => !SANDBOXED_PRELOAD_MODULES.has(spec.replace(/^node:/, '')))).toEqual([]);
  });
});
