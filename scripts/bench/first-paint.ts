import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { defineCase, timed, type RunnableCase } from './harness';
import { startBenchHost } from './web-host-client';

/**
 * The plainest server that can paint a heading: a `node -e` http server answering one inline HTML
 * page. Spawn to its heading on screen is the floor for any web host on this machine.
 */
const PLAIN_SERVER = `require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/html' }); s.end('<!doctype html><title>t</title><h1>Profiles &amp; hotkeys</h1>'); }).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/'); });`;

async function plainSpawnToPaint(browser: Browser): Promise<ReturnType<typeof timed>> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', PLAIN_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /http:\/\/\S+/.exec(out);
        if (match) resolve(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`plain server exited with ${String(code)}`)));
    });
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Profiles & hotkeys' }).waitFor();
    const ms = performance.now() - started;
    await page.close();
    return timed(ms);
  } finally {
    child.kill('SIGTERM');
  }
}

/** `npm run serve`'s process started, until the Profiles & hotkeys screen's heading is painted in Chromium. */
async function hostSpawnToPaint(browser: Browser): Promise<ReturnType<typeof timed>> {
  const started = performance.now();
  const host = await startBenchHost();
  try {
    const page = await browser.newPage();
    await page.goto(host.launchUrl);
    await page.getByRole('heading', { level: 1, name: 'Profiles & hotkeys' }).waitFor();
    const ms = performance.now() - started;
    await page.close();
    return timed(ms);
  } finally {
    await host.stop();
  }
}

/** Playwright + /usr/bin/chromium with the e2e specs' launch options. */
function launch(): Promise<Browser> {
  return chromium.launch({ headless: true, ...playwrightConfig.use?.launchOptions });
}

/** Spawn to painted screen, median of 5; a cold start on a busy machine included. */
export const FIRST_PAINT_BUDGET_MS = 3000;

export const firstPaintCases: RunnableCase[] = [
  defineCase<Browser>({
    name: 'first paint',
    baselineName: 'a plain `node -e` http server spawned, its one-line page painted',
    setup: launch,
    subjects: [
      {
        name: 'web host spawn -> first paint of the Profiles & hotkeys screen (Chromium)',
        run: hostSpawnToPaint,
        goal: { maxMs: FIRST_PAINT_BUDGET_MS },
      },
    ],
    baseline: plainSpawnToPaint,
    teardown: (browser) => browser.close(),
  }),
];
