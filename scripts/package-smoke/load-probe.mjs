// Run by package.smoke.ts under plain Node, inside an extracted copy of the packaged app:
// `node load-probe.mjs <app root>`. Loads the main entry from package.json with `electron`
// stubbed (in the real app it is Electron's built-in module, not a package), then follows every
// require()/import() that the loaded bundle files name but did not run yet (lazy chunks, lazily
// loaded packages), and checks the bundled sr25519 signer works. Prints one JSON report.
import fs from 'node:fs';
import Module, { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';

const root = path.resolve(process.argv[2]);
const report = { loaded: [], errors: [], sr25519: 'not found in the bundle' };

// Absorbs any use at load time; whenReady() never resolves, so no window code runs.
const electronStub = new Proxy(function electron() {}, {
  get: (_target, key) =>
    key === 'then' ? undefined : key === 'whenReady' ? () => new Promise(() => {}) : electronStub,
  apply: () => electronStub,
  construct: () => electronStub,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electronStub : load.call(this, request, ...rest);
};

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const rootRequire = createRequire(path.join(root, 'package.json'));
const bundleDir = path.join(root, 'out');
const exportsOf = new Map();

function tryRequire(from, specifier) {
  try {
    const resolved = createRequire(from).resolve(specifier);
    if (!exportsOf.has(resolved)) exportsOf.set(resolved, rootRequire(resolved));
  } catch (error) {
    report.errors.push({
      from: path.relative(root, from),
      specifier,
      message: String(error?.message ?? error).split('\n')[0],
    });
  }
}

tryRequire(path.join(root, 'package.json'), path.join(root, pkg.main));
const scanned = new Set();
for (let more = true; more;) {
  more = false;
  for (const file of Object.keys(rootRequire.cache)) {
    if (scanned.has(file) || !file.startsWith(bundleDir + path.sep) || !file.endsWith('.js')) continue;
    scanned.add(file);
    more = true;
    const code = fs.readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\b(?:require|import)\(\s*(["'])([^"'\n]+)\1\s*\)/g)) {
      const specifier = match[2];
      if (specifier !== 'electron' && !isBuiltin(specifier)) tryRequire(file, specifier);
    }
  }
}

// The signer (@scure/sr25519, loaded lazily by electron/signer/sr25519.ts) must work from the archive.
for (const mod of exportsOf.values()) {
  if (typeof mod?.secretFromSeed !== 'function' || typeof mod.sign !== 'function' || typeof mod.verify !== 'function')
    continue;
  try {
    const secret = mod.secretFromSeed(new Uint8Array(32).fill(7));
    const message = new TextEncoder().encode('packaging smoke test');
    const signature = mod.sign(secret, message);
    report.sr25519 = mod.verify(message, signature, mod.getPublicKey(secret)) ? 'ok' : 'signature did not verify';
  } catch (error) {
    report.sr25519 = `failed: ${error?.message ?? error}`;
  }
}

report.loaded = Object.keys(rootRequire.cache);
process.stdout.write(`${JSON.stringify(report)}\n`);
