import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { CHANNELS } from './shared/ipc-contract';

// Three bundles: main (plus the web host's entry, which never loads electron, and the wallet scan thread), the sandboxed
// preload (self-contained: a sandboxed preload cannot require packages), and the renderer.
export default defineConfig({
  // Main bundles every package except those left in package.json `dependencies` (only the native
  // keyring binding), so the packaged app ships no other node_modules; see README "Packaging".
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          serve: resolve(__dirname, 'electron/web-host/serve.ts'),
          // The wallet scan helper thread (electron/wallets/parallel-scan.ts looks for it here).
          'scan-worker': resolve(__dirname, 'electron/wallets/scan-worker.ts'),
        },
        // JSDoc goes: nothing reads it at run time, and its `import('./x')` type references look
        // like requires to the packaging smoke test (undici's sources are full of them).
        output: { comments: { legal: true, annotation: true, jsdoc: false } },
        onLog(level, log, handler) {
          // @polkadot's packageInfo.js reads import.meta.url; the CJS output rewrites it to the
          // chunk's own file URL, which is all that package-version check needs.
          if (log.code === 'EMPTY_IMPORT_META' && /node_modules[\\/]@polkadot[\\/]/.test(log.id ?? '')) return;
          handler(level, log);
        },
      },
    },
  },
  preload: {
    define: { __CHUTES_CHANNELS__: JSON.stringify(CHANNELS) },
    build: {
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    // The identicon needs two hashes from util-crypto, not its WASM build (see identicon-crypto.ts).
    resolve: { alias: { '@polkadot/util-crypto': resolve(__dirname, 'renderer/src/lib/identicon-crypto.ts') } },
    build: { minify: true, rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});
