import { describe, expect, it } from 'vitest';
import { packagesIn } from './archive';
import { bundleSpecifiers, packageName, sourceSpecifiers } from './imports';

describe('what the packaging smoke test reads out of code', () => {
  it('finds require() and import() in a CommonJS bundle, once each', () => {
    const code = `const a = require("./chunks/x.js"); let z = require('zod'); require("zod");\nimport("@polkadot/util-crypto"); obj.require(x);`;
    expect(bundleSpecifiers(code)).toEqual(['./chunks/x.js', 'zod', '@polkadot/util-crypto']);
  });

  it('finds static, side-effect, type-only, dynamic imports and re-exports in TypeScript', () => {
    const code = [
      `import { z } from 'zod';`,
      `import type { Foo } from "@tanstack/react-query";`,
      `import './styles.css';`,
      `export * from '../shared/x';`,
      `const m = await import('@polkadot/util-crypto');`,
    ].join('\n');
    expect(sourceSpecifiers(code).sort()).toEqual([
      '../shared/x',
      './styles.css',
      '@polkadot/util-crypto',
      '@tanstack/react-query',
      'zod',
    ]);
  });

  it('names the package of a specifier, and none for files and Node built-ins', () => {
    expect(packageName('react-dom/client')).toBe('react-dom');
    expect(packageName('@napi-rs/keyring')).toBe('@napi-rs/keyring');
    expect(packageName('@scope/pkg/deep/file.js')).toBe('@scope/pkg');
    expect(packageName('./local')).toBeNull();
    expect(packageName('node:fs')).toBeNull();
    expect(packageName('path')).toBeNull();
  });

  it('lists the packages under node_modules in archive paths, nested ones included', () => {
    const paths = [
      'out/main/index.js',
      'node_modules/@napi-rs/keyring/index.js',
      'node_modules/ini/lib/ini.js',
      'node_modules/a/node_modules/@s/b/package.json',
    ];
    expect([...packagesIn(paths)].sort()).toEqual(['@napi-rs/keyring', '@s/b', 'a', 'ini']);
  });
});
