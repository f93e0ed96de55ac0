import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outIsCurrent } from './build-current.mjs';

let root = '';
afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function write(file: string, at: number) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, 'x');
  fs.utimesSync(full, at, at);
}

describe('out/ is current (npm start and npm run serve skip the build)', () => {
  it('only when every output is newer than every source, and is missing nothing', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-build-current-'));
    const t = 1_700_000_000;
    for (const src of ['electron/main.ts', 'renderer/src/app.tsx', 'shared/errors.ts', 'package.json']) write(src, t);
    expect(outIsCurrent(root)).toBe(false);
    const outputs = ['out/main/index.js', 'out/main/serve.js', 'out/preload/index.js', 'out/renderer/index.html'];
    for (const out of outputs) write(out, t + 10);
    // Folders are stamped when their entries change: keep theirs old, as on a real checkout.
    for (const dir of ['electron', 'renderer', 'renderer/src', 'shared']) fs.utimesSync(path.join(root, dir), t, t);
    expect(outIsCurrent(root)).toBe(true);
    // A source edited after the build, deep in a folder.
    write('renderer/src/app.tsx', t + 20);
    expect(outIsCurrent(root)).toBe(false);
    write('renderer/src/app.tsx', t);
    expect(outIsCurrent(root)).toBe(true);
    // Dependencies installed again after the build (npm ci): the bundles would hold the old ones.
    write('node_modules/.package-lock.json', t + 30);
    expect(outIsCurrent(root)).toBe(false);
    write('node_modules/.package-lock.json', t);
    expect(outIsCurrent(root)).toBe(true);
    fs.rmSync(path.join(root, 'out/preload/index.js'));
    expect(outIsCurrent(root)).toBe(false);
  });
});
