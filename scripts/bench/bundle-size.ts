import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { measurement, type Measurement, type RunnableCase } from './harness';

const OUT = path.resolve(__dirname, '../../out');

/** What the first screen downloads before it can run: the entry script and its modulepreloads. */
export const RENDERER_JS_BUDGET_KB = 250;
/**
 * The preload is a thin, sandboxed bridge (the channel list and one invoke per call); growth past
 * this means logic leaked into it.
 */
export const PRELOAD_BUDGET_KB = 8;

const kb = (bytes: number) => bytes / 1024;

/** Scripts index.html loads up front: `<script src>` and `<link rel="modulepreload" href>`; lazy chunks are not counted. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) if (match[1]) found.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g))
    if (match[1]) found.add(match[1]);
  return [...found];
}

function rendererSizes(): Measurement[] {
  const dir = path.join(OUT, 'renderer');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const scripts = initialScripts(html);
  if (scripts.length === 0) throw new Error('out/renderer/index.html loads no script; is the build broken?');
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = fs.readFileSync(path.join(dir, src));
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  const preload = fs.readFileSync(path.join(OUT, 'preload', 'index.js'));
  return [
    measurement('initial renderer JavaScript', kb(gzip), 'KB', {
      budget: RENDERER_JS_BUDGET_KB,
      note: `gzip; ${kb(raw).toFixed(1)} KB raw in ${scripts.length} file${scripts.length === 1 ? '' : 's'}; lazy chunks not counted`,
    }),
    measurement('preload script', kb(preload.length), 'KB', {
      budget: PRELOAD_BUDGET_KB,
      note: 'raw, out/preload/index.js',
    }),
  ];
}

export const bundleSizeCases: RunnableCase[] = [{ name: 'bundle sizes', run: () => Promise.resolve(rendererSizes()) }];
