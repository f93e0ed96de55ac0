import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two projects: Node for main-process, shared and sandbox code; happy-dom for React components.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 20_000,
          // Some suites bundle a child script or open the keychain first; on a loaded two-core machine that took over 10 s.
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/src/test-setup.ts'],
        },
      },
    ],
  },
});
