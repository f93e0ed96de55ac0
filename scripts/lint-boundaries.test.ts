// The process boundaries are enforced by eslint.config.mjs; this proves the rules fire (a pattern
// that silently matched nothing would let a seed-handling module slip into the renderer bundle).
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Virtual files are in no tsconfig, so type-aware rules are switched off; import rules need no types.
const eslint = new ESLint({
  cwd: path.resolve(__dirname, '..'),
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    { languageOptions: { parserOptions: { projectService: false } } },
  ],
});

async function restricted(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('process boundaries', () => {
  it.each([
    ['renderer/src/probe.tsx', "import x from 'node:fs';"],
    ['renderer/src/probe.tsx', "import x from 'crypto';"],
    ['renderer/src/probe.tsx', "import { ipcRenderer as x } from 'electron';"],
    ['renderer/src/screens/probe.tsx', "import { log as x } from '../../../electron/log';"],
    ['shared/probe.ts', "import x from 'path';"],
    ['shared/probe.ts', "import { log as x } from '../electron/log';"],
    ['shared/probe.ts', "import { App as x } from '../renderer/src/app';"],
    ['electron/wallets/probe.ts', "import { app as x } from 'electron';"],
    ['electron/probe.ts', "import { safeStorage as x } from 'electron';"],
    ['renderer/src/probe.tsx', "import { Entry as x } from '@napi-rs/keyring';"],
    ['renderer/src/probe.tsx', "import { fetch as x } from 'undici';"],
    ['renderer/src/probe.tsx', "import { blake2AsU8a as x } from '@polkadot/util-crypto';"],
    ['renderer/src/lib/probe.ts', "import { Keyring as x } from '@polkadot/keyring';"],
    ['shared/probe.ts', "import { Entry as x } from '@napi-rs/keyring';"],
    ['shared/probe.ts', "import { Agent as x } from 'undici';"],
    ['shared/probe.ts', "import { sr25519Sign as x } from '@polkadot/util-crypto';"],
  ])('%s may not %s', async (file, source) => {
    expect(await restricted(file, source)).toBe(true);
  });

  it.each([
    ['electron/window.ts', "import { BrowserWindow as x } from 'electron';"],
    ['electron/preload.ts', "import { contextBridge as x } from 'electron';"],
    ['electron/wallets/probe.ts', "import x from 'node:fs';"],
    ['renderer/src/probe.tsx', "import { z as x } from 'zod';"],
    ['renderer/src/probe.tsx', "import type { AppError as x } from '../../shared/errors';"],
    ['renderer/src/probe.tsx', "import { polkadotIcon as x } from '@polkadot/ui-shared/icons/polkadot';"],
    ['electron/keychain/probe.ts', "import { Entry as x } from '@napi-rs/keyring';"],
  ])('%s may %s', async (file, source) => {
    expect(await restricted(file, source)).toBe(false);
  });
});
