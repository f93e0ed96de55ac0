// Lint enforces the process boundaries (Signal-style): only the Electron shell may import
// `electron`; the renderer never reaches into electron/ or Node built-ins; shared/ is pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const SHELL_FILES = [
  'electron/main.ts',
  'electron/window.ts',
  'electron/preload.ts',
  'electron/ipc-binding.ts',
  'electron/app-protocol.ts',
];

// Packages that only work (or only belong) in main: native bindings, file formats, the signer's crypto.
const NODE_ONLY_PACKAGES = [
  '@napi-rs/keyring',
  '@polkadot/util-crypto',
  '@polkadot/keyring',
  '@polkadot/wasm-crypto',
  // The HTTP client: network only from main.
  'undici',
  'electron-builder',
  'electron-vite',
];
const nodeOnly = (where) =>
  NODE_ONLY_PACKAGES.map((name) => ({ name, message: `${name} is main-process only: ${where}` }));

const noElectron = {
  name: 'electron',
  message: 'Only the thin shell (main/window/preload/ipc-binding/app-protocol) may import electron.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/screenshots/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['electron/**/*.ts'],
    ignores: SHELL_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'The renderer has no Node: ask main through the contract.',
            })),
            ...nodeOnly('ask main through the contract.'),
          ],
          patterns: [
            {
              group: ['**/electron/**', '../electron', '../../electron'],
              message: 'The renderer never imports main-process code.',
            },
            {
              group: ['@napi-rs/keyring/*', '@polkadot/util-crypto/*', '@polkadot/keyring/*'],
              message: 'Main-process only: ask main through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript for both processes.' })),
            ...nodeOnly('shared/ is pure TypeScript for both processes.'),
          ],
          patterns: [
            {
              group: ['**/electron/**', '../electron', '../electron/*'],
              message: 'shared/ may not import main-process code.',
            },
            {
              group: ['**/renderer/**', '../renderer', '../renderer/*'],
              message: 'shared/ may not import renderer code.',
            },
          ],
        },
      ],
    },
  },
);
