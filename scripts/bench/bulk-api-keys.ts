import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createActivityLog } from '../../electron/activity-log/activity-log';
import { createTransport, type Transport } from '../../electron/chutes-api/transport';
import { createOsSeedVault } from '../../electron/keychain/os-seed-vault';
import type { SeedVault } from '../../electron/keychain/seed-vault';
import { makeKey } from '../../electron/wallets/test-fixtures';
import { registerInSandbox, startSandbox } from '../../e2e/fixtures/sandbox';
import { defineCase, type RunnableCase } from './harness';
import { RAW_BASELINE, rawSigned, type RawSigner } from './signed-action';

/** Keys in the account and keys per page: 100 signed pages per listing. */
const KEYS = 10_000;
const PAGE = 100;

interface State extends RawSigner {
  transport: Transport;
  vault: SeedVault;
  dir: string;
}

const pageSchema = z.object({ total: z.number(), items: z.array(z.object({ api_key_id: z.string() })) });

/**
 * The bulk shape every "all of them" screen has: page through the list until it is exhausted, each
 * page a signed request. The subject is the app's transport (keychain read + sign per request, the
 * activity log, the body cap and schema check) with the OS keychain; the baseline signs inline with
 * a keypair held in memory. Other bulk cases (.env import, bulk revoke) are one file like this.
 */
async function setup(): Promise<State> {
  const sandbox = await startSandbox({ port: 0 });
  const key = await makeKey();
  const account = await registerInSandbox(sandbox.url, key.seed, 'bulk');
  sandbox.addApiKeys(account.userId, KEYS);
  const service = `chutes-desktop-bench-${process.pid}`;
  const vault = createOsSeedVault({ seedService: service, sessionService: `${service}-session` });
  await vault.putSeed(key.ss58, key.seed);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chutes-bench-activity-'));
  const transport = createTransport({ baseUrl: sandbox.url, vault, activityLog: createActivityLog(dir) });
  const crypto = await import('@polkadot/util-crypto');
  await crypto.cryptoWaitReady();
  return { sandbox, key, vault, dir, transport, pair: crypto.sr25519PairFromSeed(key.seed), sign: crypto.sr25519Sign };
}

async function allPages(fetchPage: (page: number) => Promise<unknown>): Promise<number> {
  let seen = 0;
  for (let page = 0; ; page++) {
    const { total, items } = pageSchema.parse(await fetchPage(page));
    seen += items.length;
    if (items.length === 0 || seen >= total) return seen;
  }
}

export const bulkApiKeyCases: RunnableCase[] = [
  defineCase<State>({
    name: `bulk: all pages of ${KEYS} API keys`,
    baselineName: `the same ${KEYS / PAGE} signed GET /api_keys/ pages by ${RAW_BASELINE}`,
    setup,
    subjects: [
      {
        name: `all pages of ${KEYS} API keys through the transport (${PAGE} per page, OS keychain)`,
        goal: { ratio: 1.2 },
        run: (s) =>
          allPages((page) =>
            s.transport.request({ method: 'GET', path: '/api_keys/', query: { page, limit: PAGE }, auth: { kind: 'hotkey', hotkey: s.key.ss58, purpose: 'api_keys' }, schema: pageSchema }),
          ),
      },
    ],
    baseline: (s) => allPages((page) => rawSigned(s, `/api_keys/?page=${page}&limit=${PAGE}`, 'api_keys')),
    teardown: async (s) => {
      await s.vault.removeSeed(s.key.ss58).catch(() => undefined);
      await s.sandbox.close();
      // Activity appends are fire-and-forget; the last may still be landing.
      await fs.rm(s.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
    check: (subject, baseline) => (subject === KEYS && baseline === KEYS ? null : `listed ${String(subject)} keys (baseline ${String(baseline)}), expected ${KEYS}`),
  }),
];
