import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_NODE, nodeProblem, supportedNode } from './node-version.mjs';

describe('the Node.js versions npm start and npm test accept', () => {
  it('are package.json\'s "engines"', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(SUPPORTED_NODE);
  });

  it('take 20.19+, 22.13+ and 24+, and refuse the rest in one sentence', () => {
    for (const ok of ['v20.19.0', 'v20.20.2', 'v22.13.0', 'v22.20.1', 'v24.0.0', 'v25.1.0'])
      expect(supportedNode(ok), ok).toBe(true);
    for (const old of ['v18.20.8', 'v20.18.3', 'v21.7.0', 'v22.12.0', 'v23.11.0'])
      expect(supportedNode(old), old).toBe(false);
    expect(nodeProblem('v20.20.2', 'npm test')).toBeNull();
    expect(nodeProblem('v18.20.8', 'npm test')).toBe(
      'npm test needs Node.js 20.19 or newer (^20.19.0 || ^22.13.0 || >=24); this is v18.20.8. ' +
        'Install a newer Node.js (see "Install Node.js" in README.md), then run it again.',
    );
  });
});
