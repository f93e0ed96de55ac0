import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';

/** Module specifiers a built CommonJS bundle loads at run time: `require("x")` and `import("x")`. */
export function bundleSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/\b(?:require|import)\(\s*(["'])([^"'\n]+)\1\s*\)/g)) found.add(match[2]!);
  return [...found];
}

/** Module specifiers a TypeScript source file imports (static, side-effect and dynamic imports, re-exports). */
export function sourceSpecifiers(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\bfrom\s+(["'])([^"'\n]+)\1/g,
    /\bimport\s+(["'])([^"'\n]+)\1/g,
    /\b(?:import|require)\(\s*(["'])([^"'\n]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[2]!);
  return [...found];
}

/** The npm package a specifier names (`@scope/pkg/sub` → `@scope/pkg`), or null for files and Node built-ins. */
export function packageName(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null) : (parts[0] ?? null);
}

/** Packages imported by the non-test TypeScript files under `dirs`. */
export function packagesImportedBy(dirs: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'fixtures') visit(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test(-helper)?\.tsx?$|\.d\.ts$/.test(entry.name)) {
        for (const spec of sourceSpecifiers(fs.readFileSync(full, 'utf8'))) {
          const name = packageName(spec);
          if (name) names.add(name);
        }
      }
    }
  };
  for (const dir of dirs) visit(dir);
  return names;
}

/** `names` plus everything they depend on (dependencies and installed optionalDependencies), as installed. */
export function dependencyClosure(names: Iterable<string>, nodeModules: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    const manifest = path.join(nodeModules, name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
      dependencies?: object;
      optionalDependencies?: object;
    };
    queue.push(...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}));
  }
  return seen;
}
