#!/usr/bin/env node
// `npm test`: lint, type-check, unit (vitest), build, packaging smoke test, e2e (Playwright), then one plain line
// `N passed, N failed` summing every suite. Keychain tests need a real Secret Service, so unless
// one was prepared for us (CHUTES_TEST_KEYRING=1, as .ci/run does) this re-runs itself inside a
// private D-Bus session with a throwaway, unlocked gnome-keyring: tests never touch your keyring.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  insidePrivateKeyring,
  missingKeyringTools,
  runInPrivateKeyring,
  unlockKeyring as unlockSessionKeyring,
  withoutDisplay,
} from './private-keyring.mjs';

import { fileURLToPath } from 'node:url';
import { nodeProblem } from './node-version.mjs';

// Before anything else, and without import.meta.dirname (Node 20.11+): an old Node gets one line.
const tooOld = nodeProblem(process.version, 'npm test');
if (tooOld) {
  console.error(tooOld);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
if (!insidePrivateKeyring()) {
  const missing = missingKeyringTools();
  if (missing.length > 0) {
    console.error(
      `npm test needs a private Secret Service for the keychain tests, but ${missing.join(' and ')} is missing.`,
    );
    console.error(
      'On Debian/Ubuntu: sudo apt-get install gnome-keyring dbus dbus-x11 (and chromium for the e2e specs).',
    );
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }
  process.exit(runInPrivateKeyring('node', ['scripts/test-all.mjs'], { cwd: root }));
}

const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const env = {
  ...withoutDisplay(process.env),
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
};

function step(name, command, args) {
  process.stdout.write(`\n=== ${name}: ${[path.basename(command), ...args].join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = run.status === 0;
  process.stdout.write(`=== ${name} ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const summary = [];
let passed = 0;
let failed = 0;
let skipped = 0;

for (const [name, command, args] of [
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
]) {
  if (!step(name, command, args)) {
    failed++;
    summary.push(`${name}: failed`);
  } else summary.push(`${name}: ok`);
}

function unlockKeyring() {
  unlockSessionKeyring(env, root);
}

/** Run a vitest suite with a JSON report and add its counts to the totals. */
function vitestStep(name, extraArgs) {
  const json = path.join(results, `vitest-${name}.json`);
  fs.rmSync(json, { force: true });
  const ok = step(name, bin('vitest'), [
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${json}`,
  ]);
  const report = readJson(json);
  if (!report) {
    failed++;
    summary.push(`${name}: no results (runner crashed)`);
    return;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  summary.push(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  if (!ok && report.numFailedTests === 0) {
    failed++;
    summary.push(`${name}: runner failed outside a test`);
  }
}

unlockKeyring();
vitestStep('unit', []);

if (step('build', bin('electron-vite'), ['build'])) {
  // electron-builder on the fresh out/, with a stand-in Electron (scripts/package-smoke/).
  vitestStep('package', ['--config', 'scripts/package-smoke/vitest.config.mts']);
  unlockKeyring();
  const pwJson = path.join(results, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  const e2eOk = step('e2e', bin('playwright'), ['test']);
  const stats = readJson(pwJson)?.stats;
  if (stats) {
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
    summary.push(`e2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
    if (!e2eOk && stats.unexpected === 0) {
      failed++;
      summary.push('e2e: runner failed outside a test');
    }
  } else {
    failed++;
    summary.push('e2e: no results (runner crashed)');
  }
} else {
  failed++;
  summary.push('build: failed, e2e not run');
}

process.stdout.write(`\n${summary.join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
