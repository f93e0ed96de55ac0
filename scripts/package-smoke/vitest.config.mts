import { defineConfig } from 'vitest/config';

// The packaging smoke test: run by `npm test` after `electron-vite build` (and by
// `npm run package:smoke`), not by the unit step, since it packages the built `out/`.
export default defineConfig({
  test: {
    name: 'package',
    root: import.meta.dirname,
    environment: 'node',
    include: ['**/*.smoke.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
