import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Three bundles: main (plus the web host's entry, which never loads electron), the sandboxed
// preload (self-contained: a sandboxed preload cannot require packages), and the renderer.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/main.ts'), serve: resolve(__dirname, 'electron/web-host/serve.ts') },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: { minify: true, rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});
