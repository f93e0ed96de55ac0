import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type SandboxHandle } from '../../e2e/sandbox';
import { ChutesTestClient, TestKey } from '../../e2e/sandbox/test-client';
import { apiKeysHandlers } from '../../electron/api-keys/api-keys-handlers';
import { createActivityLog } from '../../electron/activity-log/activity-log';
import { createChutesClient } from '../../electron/chutes-api';
import { MemorySeedVault } from '../../electron/keychain/memory-seed-vault.test-helper';
import { createProfileStore } from '../../electron/profiles';
import { KEY_PAGE_SIZE } from '../../shared/api-keys';
import { defineCase, type RunnableCase } from './harness';

const KEYS = 10_000;
/** As the screen does: page 0 alone (shown at once), then the rest this many at a time. */
const CONCURRENCY = 3;

interface World {
  sb: SandboxHandle;
  dataDir: string;
  key: TestKey;
  handlers: ReturnType<typeof apiKeysHandlers>;
  token: string;
}

async function pagesLikeTheScreen(
  fetchPage: (page: number) => Promise<{ total: number; items: { id: string }[] }>,
): Promise<number> {
  const ids = new Set<string>();
  const first = await fetchPage(0);
  for (const k of first.items) ids.add(k.id);
  const pages = Math.ceil(first.total / KEY_PAGE_SIZE);
  let next = 1;
  const worker = async () => {
    for (let p = next++; p < pages; p = next++) for (const k of (await fetchPage(p)).items) ids.add(k.id);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pages - 1) }, worker));
  return ids.size;
}

async function setup(): Promise<World> {
  const sb = await startSandbox({ port: 0 });
  const key = TestKey.random();
  const account = await new ChutesTestClient(sb.url).register(key, 'bench');
  sb.seedApiKeys({ user_id: account.user_id, count: KEYS });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chutes-bench-keys-'));
  const vault = new MemorySeedVault();
  await vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'));
  const profiles = createProfileStore({ dataDir });
  const profile = await profiles.upsert({
    baseUrl: sb.url,
    username: 'bench',
    userId: account.user_id,
    hotkeyName: 'default',
    hotkeySs58: key.ss58,
    source: { kind: 'manual' },
  });
  await profiles.setActive(profile.id);
  const chutes = createChutesClient({ vault, profiles, activity: createActivityLog(dataDir), defaultBaseUrl: sb.url });
  return {
    sb,
    dataDir,
    key,
    handlers: apiKeysHandlers({ chutes, config: { dataDir } }),
    token: await rawLogin({ sb, key }),
  };
}

/** `POST /users/login` with the hotkey signing a fresh nonce (`../shared/reference/chutes-account-api.md` §3.5), done raw, once. */
async function rawLogin(w: Pick<World, 'sb' | 'key'>): Promise<string> {
  const { nonce } = (await (await fetch(`${w.sb.url}/users/login/nonce`)).json()) as { nonce: string };
  const res = await fetch(`${w.sb.url}/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hotkey: w.key.ss58, signature: w.key.sign(nonce), nonce }),
  });
  const answer = (await res.json()) as { token?: string };
  if (!res.ok || !answer.token) throw new Error(`raw login answered ${res.status}`);
  return answer.token;
}

/** The plain way: one GET per page on a session token fetched once, JSON.parse, nothing else. */
async function rawPage(w: World, page: number): Promise<{ total: number; items: { id: string }[] }> {
  const headers = { authorization: `Bearer ${w.token}` };
  const res = await fetch(`${w.sb.url}/api_keys/?page=${page}&limit=${KEY_PAGE_SIZE}`, { headers });
  const json = (await res.json()) as { total: number; items: { api_key_id: string }[] };
  return { total: json.total, items: json.items.map((k) => ({ id: k.api_key_id })) };
}

const ctx = undefined as never;

export const apiKeyListCases: RunnableCase[] = [
  defineCase<World>({
    name: `API key list (${KEYS} keys, ${KEYS / KEY_PAGE_SIZE} pages of ${KEY_PAGE_SIZE})`,
    baselineName: 'raw GETs on a session token fetched once, same pages and concurrency',
    setup,
    subjects: [
      {
        name: 'API key list: fully loaded through the handlers (JWT, local records)',
        goal: { ratio: 1.2 },
        run: (w) => pagesLikeTheScreen((page) => w.handlers.listApiKeys({ page, limit: KEY_PAGE_SIZE }, ctx)),
      },
      {
        name: 'API key list: first page through the handlers',
        run: (w) => w.handlers.listApiKeys({ page: 0, limit: KEY_PAGE_SIZE }, ctx),
      },
    ],
    baseline: (w) => pagesLikeTheScreen((page) => rawPage(w, page)),
    teardown: async (w) => {
      await w.sb.close();
      await rm(w.dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
    check: (subject, baseline) =>
      typeof subject !== 'number' || subject === baseline
        ? null
        : `handlers saw ${subject} keys, raw ${String(baseline)}`,
  }),
];
